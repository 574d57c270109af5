using System;
using System.IO;
using System.Linq;
using OfficeOpenXml;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Disruption;
using Xunit;

namespace RepricingPS.Core.Tests.Disruption
{
    /// <summary>disruption.md §10, the result object and the workbook read back.</summary>
    public sealed class WorkedExampleTests : IDisposable
    {
        private readonly DisruptionFixture _f = new DisruptionFixture();

        public void Dispose() => _f.Dispose();

        private DisruptionResult RunExample()
        {
            _f.Write("claims.csv", DisruptionFixture.WorkedClaims);
            return _f.Run(_f.Request("claims.csv"));
        }

        [Fact]
        public void WorkedExample_Result_MatchesSpec()
        {
            DisruptionResult r = RunExample();
            Assert.Equal(DisruptionKind.Tier, r.Kind);
            Assert.Equal("claims", r.OpportunityName);
            Assert.Equal(new DateTime(2024, 12, 22), r.WindowStart);
            Assert.Equal(new DateTime(2025, 6, 21), r.WindowEnd);
            Assert.Equal(8, r.ClaimsRead);
            Assert.Equal(5, r.ClaimsKept);
            Assert.Equal((0, 0, 0, 1, 1, 0, 1, 0), (r.Dropped.Invalid, r.Dropped.Duplicate, r.Dropped.NoDate, r.Dropped.OutsideWindow, r.Dropped.Logic,
                r.Dropped.NotMaintenance, r.Dropped.ExcludedProduct, r.Dropped.CoveredAlternative));
            Assert.Equal(3, r.TotalMembers);
            Assert.Equal(6m, r.TotalClaims);
            Assert.Equal(new[]
            {
                ("Universal Positive", 2, 4m, 0.6667m), ("Universal Negative", 1, 1m, 0.1667m), ("Exclusive Positive", 2, 4m, 0.6667m),
                ("Exclusive Negative", 1, 1m, 0.1667m), ("Exclusions", 1, 1m, 0.1667m),
            }, r.Summary.Select(s => (s.Formulary, s.Utilizers, s.Rxs, s.PercentOfClaims)).ToArray());
            Assert.Equal(new[]
            {
                "Universal_Positive 2-1", "Universal_Positive 3-1", "Universal_Positive 3-2", "Universal_Negative 1-2", "Universal_Negative 1-3", "Universal_Negative 2-3",
                "Exclusive_Positive 2-1", "Exclusive_Positive 3-1", "Exclusive_Positive 3-2", "Exclusive_Negative 1-2", "Exclusive_Negative 1-3", "Exclusive_Negative 2-3",
                "Exclusions",
            }, r.Tabs.Select(t => t.Name).ToArray());
            DisruptionTab Tab(string n) => r.Tabs.Single(t => t.Name == n);
            Assert.Equal(("Atorvastatin Calcium", 2, 2m), Tab("Universal_Positive 2-1").Rows.Select(x => (x.ProductName, x.UniqueMembers, x.TotalRxs)).Single());
            Assert.Equal(("Atorvastatin Calcium", 1, 2m), Tab("Universal_Positive 3-1").Rows.Select(x => (x.ProductName, x.UniqueMembers, x.TotalRxs)).Single());
            Assert.Empty(Tab("Universal_Positive 3-2").Rows);
            Assert.Equal(("Trulicity", 1, 1m), Tab("Universal_Negative 2-3").Rows.Select(x => (x.ProductName, x.UniqueMembers, x.TotalRxs)).Single());
            Assert.Equal(("Lisinopril", 1, 1m), Tab("Exclusive_Negative 1-2").Rows.Select(x => (x.ProductName, x.UniqueMembers, x.TotalRxs)).Single());
            Assert.Equal(("Trulicity", "Ozempic", 1, 1m), Tab("Exclusions").Rows.Select(x => (x.ProductName, x.Alternative, x.UniqueMembers, x.TotalRxs)).Single());
            Assert.Equal(("9999999999", "0000001", "ACME DRUGS", "Review", 1, 1m), r.Network.Select(n => (n.PHARMACYNPI, n.NABP, n.PharmacyName, n.Status, n.Members, n.Rxs)).Single());
            Assert.Equal(Path.Combine(_f.Out, "claims Tier Disruption.xlsx"), r.OutputFile);
            Assert.Null(r.DataFile);
            Assert.Empty(r.Issues);
        }

        [Fact]
        public void WorkedExample_Workbook_ReadsBackAsSpec()
        {
            DisruptionResult r = RunExample();
            using var p = new ExcelPackage(new FileInfo(r.OutputFile));
            var names = p.Workbook.Worksheets.Select(w => w.Name).ToArray();
            Assert.Equal(new[] { "Summary" }.Concat(r.Tabs.Select(t => t.Name)).Concat(new[] { "Network", "Data" }).ToArray(), names);
            var s = p.Workbook.Worksheets["Summary"];
            Assert.Equal(new object[] { "Formulary", "Utilizers", "Rxs", "% of claims" }, Enumerable.Range(1, 4).Select(c => s.Cells[1, c].Value).ToArray());
            Assert.Equal("Members: 3", s.Cells["F1"].Value);
            Assert.Equal("Claims: 6", s.Cells["F2"].Value);
            Assert.Equal("Universal Positive", s.Cells["A2"].Value);
            Assert.Equal(2.0, Convert.ToDouble(s.Cells["B2"].Value));
            Assert.Equal(4.0, Convert.ToDouble(s.Cells["C2"].Value));
            Assert.Equal(0.6667, Convert.ToDouble(s.Cells["D2"].Value));
            Assert.Equal("Exclusions", s.Cells["A6"].Value);
            Assert.Equal(0.1667, Convert.ToDouble(s.Cells["D6"].Value));
            Assert.Null(s.Cells["A7"].Value);

            var ex = p.Workbook.Worksheets["Exclusions"];
            Assert.Equal(new object[] { "Product Name", "Alternative", "Unique Members", "Total Rxs" }, Enumerable.Range(1, 4).Select(c => ex.Cells[1, c].Value).ToArray());
            Assert.Equal(new object[] { "Trulicity", "Ozempic" }, new[] { ex.Cells["A2"].Value, ex.Cells["B2"].Value });
            var empty = p.Workbook.Worksheets["Universal_Positive 3-2"];
            Assert.Equal("Product Name", empty.Cells["A1"].Value);
            Assert.Null(empty.Cells["A2"].Value);

            var n = p.Workbook.Worksheets["Network"];
            Assert.Equal(new object[] { "PHARMACYNPI", "NABP", "Pharmacy Name", "Status", "Members", "Rxs" }, Enumerable.Range(1, 6).Select(c => n.Cells[1, c].Value).ToArray());
            Assert.Equal(new object[] { "9999999999", "0000001", "ACME DRUGS", "Review" }, Enumerable.Range(1, 4).Select(c => n.Cells[2, c].Value).ToArray());
            Assert.Null(n.Cells["A3"].Value);

            var d = p.Workbook.Worksheets["Data"];
            string[] header = Enumerable.Range(1, 16).Select(c => d.Cells[1, c].Text).ToArray();
            Assert.Equal(DisruptionFixture.ClaimsHeader.Split(',').Concat(new[] { "Product Name", "Maint Drug?", "Universal Tier", "Exclusive Tier", "Alternative", "Exclusion Status" }).ToArray(), header);
            Assert.Equal(new[] { "C1", "C2", "C3", "C4", "C8" }, Enumerable.Range(2, 5).Select(row => d.Cells[row, 1].Text).ToArray());
            Assert.Equal(new[] { "InNetwork", "InNetwork", "Excluded", "Review", "InNetwork" }, Enumerable.Range(2, 5).Select(row => d.Cells[row, 16].Text).ToArray());
            Assert.Equal("00093505601", d.Cells[2, 4].Value);
            Assert.Equal(new DateTime(2025, 6, 1), d.Cells[2, 2].GetValue<DateTime>());
            Assert.Equal("Nonformulary", d.Cells[5, 14].Value);
            Assert.Equal("Ozempic", d.Cells[5, 15].Value);
            Assert.Null(d.Cells[7, 1].Value);
        }

        [Fact]
        public void WorkedExample_Audit_HasStartFileAccessFilterCountsAndSucceededEnd()
        {
            DisruptionResult r = RunExample();
            var log = _f.Log();
            Assert.Contains(log, e => e.Status == AuditStatus.ProcessStart && e.Message.Contains("kind Tier"));
            Assert.Equal(6, log.Count(e => e.Status == AuditStatus.FileAccess && e.File.Length > 0));
            Assert.Contains(log, e => e.Status == AuditStatus.FileAccess && e.File == r.OutputFile);
            Assert.Contains(log, e => e.Status == AuditStatus.Info && e.Message.Contains("OutsideWindow 1") && e.Message.Contains("Logic 1") && e.Message.Contains("ExcludedProduct 1"));
            var end = log.Single(e => e.Status == AuditStatus.ProcessEnd);
            Assert.StartsWith("Outcome: Succeeded", end.Message);
            Assert.Equal(r.SessionId, end.SessionId);
        }
    }
}
