using Xunit;
using RepricingPS.Core.Audit;

namespace RepricingPS.Core.Tests.Audit
{
    public sealed class UserNamesTests
    {
        private static readonly string[] Seen = { "Daniel", "Dan", "DannyBushnell", "Jordan", "BrettBauer", "AvaChen", "dan" };

        [Theory]
        [InlineData("kitten", "sitting", 3)]
        [InlineData("", "abc", 3)]
        [InlineData("flaw", "lawn", 2)]
        [InlineData("same", "same", 0)]
        public void Distance_IsLevenshtein(string a, string b, int expected) => Assert.Equal(expected, UserNames.Distance(a, b));

        [Fact]
        public void Suggest_AMisspeltName_GivesTheNearestFirst()
        {
            // "Danial": Daniel is 1 edit away; Dan is a prefix-related 3 edits; Jordan is 4 edits (over the limit of 2).
            Assert.Equal(new[] { "Daniel", "Dan" }, UserNames.Suggest("Danial", Seen));
        }

        [Fact]
        public void Suggest_APrefix_FindsTheLongerNames()
        {
            Assert.Equal(new[] { "BrettBauer" }, UserNames.Suggest("brett", Seen));
        }

        [Fact]
        public void Suggest_NothingNear_GivesNothing_AndNamesDifferingInCaseAreOne()
        {
            Assert.Empty(UserNames.Suggest("zzzzzzzz", Seen));
            Assert.Single(UserNames.Suggest("dam", new[] { "Dan", "dan", "DAN" }));
        }
    }
}
