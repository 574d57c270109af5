using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    /// <summary>Properties of the O/R matching over random data from the project's own generator.</summary>
    public class MatchingPropertyTests
    {
        public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 6).Select(s => new object[] { s });

        private static MergedData Reprice(string dir, int seed, int claims, MatchRule rule, int window = 30)
        {
            var set = SampleData.Write(dir, claims, seed, template: false);
            var f1 = FileImporter.Import(set.File1, FileRole.File1, null, false, default);
            var f2 = FileImporter.Import(set.File2, FileRole.File2, null, false, default);
            var data = Merger.Merge(f1.Data, f2.Data, false, default);
            Matcher.Match(data.Rows, window, rule, default);
            return data;
        }

        [Theory]
        [MemberData(nameof(Seeds))]
        public void Matching_OnRandomData_KeepsEveryRule(int seed)
        {
            using var t = new TempDir();
            foreach (MatchRule rule in new[] { MatchRule.Standard, MatchRule.Strict })
            {
                var data = Reprice(t.Combine(rule.ToString()), seed, 3000, rule);
                var byId = data.Rows.ToDictionary(r => r.RowId);
                Assert.All(data.Rows.Where(r => r.Quantity < 0), r => Assert.Equal(OrFlag.OR, r.Flag));
                var matched = data.Rows.Where(r => r.MatchStatus == MatchStatus.Matched).ToList();
                // No claim matched twice: pairs are mutual and each row is in at most one.
                foreach (var r in matched)
                {
                    var other = byId[r.MatchedRowId!.Value];
                    Assert.Equal(r.RowId, other.MatchedRowId);
                    Assert.True(r.Quantity * other.Quantity < 0);
                    var (claim, rev) = r.Quantity > 0 ? (r, other) : (other, r);
                    Assert.Equal((claim.Ndc, claim.Member, claim.Quantity), (rev.Ndc, rev.Member, -rev.Quantity));
                    Assert.NotEmpty(claim.Member);
                    int days = (rev.Date!.Value - claim.Date!.Value).Days;
                    Assert.InRange(days, 0, 30);
                    if (rule == MatchRule.Strict)
                    {
                        Assert.Equal(Math.Abs(claim.DaySupply!.Value), Math.Abs(rev.DaySupply!.Value));
                        Assert.Equal((claim.Drug, claim.Pharmacy), (rev.Drug, rev.Pharmacy));
                        Assert.True(Math.Abs(claim.Awp!.Value + rev.Awp!.Value) < 0.01m);
                    }
                }
                Assert.Equal(matched.Count, matched.Select(r => r.RowId).Distinct().Count());
                Assert.True(matched.Count > 100, "the generator should produce plenty of pairs");
            }
        }

        /// <summary>The rule of spec §4 written the slow, obvious way: every reversal scans every claim.</summary>
        private static Dictionary<int, int> BruteForce(MergedRow[] rows, int window)
        {
            var taken = new HashSet<int>();
            var pairs = new Dictionary<int, int>();
            foreach (var rev in rows.Where(r => r.Quantity < 0).OrderBy(r => r.Date.HasValue ? 0 : 1).ThenBy(r => r.Date).ThenBy(r => r.RowId))
            {
                if (!rev.Date.HasValue || rev.Member.Length == 0) continue;
                var best = rows.Where(c => c.Quantity > 0 && !taken.Contains(c.RowId) && c.Date.HasValue && c.Ndc == rev.Ndc && c.Member == rev.Member && c.Quantity == -rev.Quantity)
                    .Select(c => (c, days: (rev.Date.Value - c.Date!.Value).Days))
                    .Where(x => x.days >= 0 && x.days <= window)
                    .OrderBy(x => x.days).ThenBy(x => x.c.RowId).FirstOrDefault();
                if (best.c.RowId == 0) continue; // none: default(MergedRow) has RowId 0
                taken.Add(best.c.RowId);
                pairs[rev.RowId] = best.c.RowId;
            }
            return pairs;
        }

        [Theory]
        [MemberData(nameof(Seeds))]
        public void Matching_EqualsTheBruteForceReference(int seed)
        {
            using var t = new TempDir();
            var data = Reprice(t.Path, seed, 1500, MatchRule.Standard, window: 15);
            var expected = BruteForce(data.Rows, 15);
            var actual = data.Rows.Where(r => r.Quantity < 0 && r.MatchedRowId.HasValue).ToDictionary(r => r.RowId, r => r.MatchedRowId!.Value);
            Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        }

        [Fact]
        public void TwoRuns_GiveIdenticalOutputs()
        {
            using var t = new TempDir();
            var set = SampleData.Write(t.Combine("in"), 4000, 11);
            byte[][] Run(string name)
            {
                using var run = new RepricingServiceTests.Run();
                var r = run.Reprice(set.File1, set.File2, q => q.TemplatePath = set.Template);
                return r.OutputFiles.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).OrderBy(f => f).Select(File.ReadAllBytes).ToArray();
            }
            var a = Run("a");
            var b = Run("b");
            Assert.Equal(3, a.Length);
            for (int i = 0; i < a.Length; i++) Assert.True(a[i].AsSpan().SequenceEqual(b[i]), $"output {i} differs between two runs");
        }
    }
}
