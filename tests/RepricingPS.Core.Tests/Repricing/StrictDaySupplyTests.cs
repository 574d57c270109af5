using System.Linq;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    /// <summary>Found reviewing the i15-million merge (adversarial review; expected values worked out by hand from spec §2 and §4).</summary>
    public class StrictDaySupplyTests
    {
        [Fact]
        public void Strict_ReversalWithDaySupplyIntMinValue_IsAnUnmatchedReversal_NotACrash()
        {
            // DAYSUPPLY is an integer, negative on reversals (spec §2): -2147483648 parses as one. Strict compares DAYSUPPLY by
            // magnitude (spec §4); no claim can have +2147483648 (it is not an int), so the reversal has no candidate: it gets
            // OR / UnmatchedReversal and the run succeeds. Math.Abs(int.MinValue) threw OverflowException in the O/R
            // group key and the whole run failed with an uncategorised "Negating the minimum value of a twos complement number".
            string f1 = "SOURCERECORDID,ClientName,DATEFILLED,MemberID,NDC,Drug Name,QUANTITY,DAYSUPPLY,Pharmacy Name\r\n" +
                "4001,Acme,2025-03-01,M9,00093505601,ATORVASTATIN,30,30,MAIN ST\r\n" +
                "4002,Acme,2025-03-02,M9,00093505601,ATORVASTATIN,-30,-2147483648,MAIN ST\r\n";
            string f2 = "Source Record ID,Total AWP (Historical)\r\n4001,45.10\r\n4002,-45.10\r\n";
            using var run = new RepricingServiceTests.Run();
            var r = run.Reprice(run.Write("f1.csv", f1), run.Write("f2.csv", f2), q => q.MatchRule = MatchRule.Strict);
            var byKey = RepricingServiceTests.ReadCsv(run.Dir.Combine("out", "Acme_merged_file_with_OR.csv")).ToDictionary(m => m["SOURCERECORDID"]);
            Assert.Equal(("OR", "UnmatchedReversal"), (byKey["4002"]["O's & R's Check"], byKey["4002"]["MatchStatus"]));
            Assert.Equal((0, 1), (r.MatchedPairs, r.UnmatchedReversals));
        }
    }
}
