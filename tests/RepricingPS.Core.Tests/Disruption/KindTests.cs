using System;
using System.IO;
using System.Linq;
using OfficeOpenXml;
using RepricingPS.Core.Disruption;
using Xunit;

namespace RepricingPS.Core.Tests.Disruption
{
    /// <summary>Each kind, the filters and the network on data whose answers were worked out by hand.</summary>
    public sealed class KindTests : IDisposable
    {
        private readonly DisruptionFixture _f = new DisruptionFixture();

        public void Dispose() => _f.Dispose();

        private static string Claim(string id, string date, string member, string ndc, string tier, string logic, string rxs,
            string npi = "1234567890", string nabp = "1234567", string pharmacy = "MAIN ST PHARMACY") =>
            string.Join(",", id, date, member, ndc, tier, logic, rxs, npi, nabp, pharmacy) + "\n";

        private static (string, int, decimal, decimal)[] Summary(DisruptionResult r) =>
            r.Summary.Select(s => (s.Formulary, s.Utilizers, s.Rxs, s.PercentOfClaims)).ToArray();

        [Fact]
        public void BrandGeneric_TabsSummaryAndBlankMembers()
        {
            _f.Write("medispan.csv", "NDC,Maint Drug?,Product Name\n1,Y,Drug A\n2, y ,Drug B\n3,Y,Drug C\n");
            _f.Write("universal.csv", "NDC,Tier\n1,1\n2,2\n3,3\n");
            _f.Write("exclusive.csv", "NDC,Tier,Alternative\n1,2,\n2,1,\n3,NONFORMULARY, Alt C \n");
            _f.Write("claims.csv", DisruptionFixture.ClaimsHeader + "\n" +
                Claim("R1", "2025-06-01", "M1", "1", "B", "1", "1") +
                Claim("R2", "2025-06-01", "M1", "2", "generic", "1", "1") +
                Claim("R3", "2025-06-01", "M2", "2", "BRAND", "1", "1") +
                Claim("R4", "2025-06-01", "M3", "1", " g ", "1", "1") +
                Claim("R5", "2025-06-01", "M1", "3", "G", "1", "2") +
                Claim("R6", "2025-06-01", "", "1", "B", "1", "1"));
            DisruptionResult r = _f.Run(_f.Request("claims.csv", DisruptionKind.BrandGeneric));
            Assert.Equal(new[] { "Universal_Positive", "Universal_Negative", "Exclusive_Positive", "Exclusive_Negative", "Exclusions" }, r.Tabs.Select(t => t.Name).ToArray());
            Assert.Equal((3, 7m), (r.TotalMembers, r.TotalClaims));
            Assert.Equal(new[]
            {
                ("Universal Positive", 1, 2m, 0.2857m), ("Universal Negative", 1, 3m, 0.4286m), ("Exclusive Positive", 1, 1m, 0.1429m),
                ("Exclusive Negative", 1, 1m, 0.1429m), ("Exclusions", 1, 2m, 0.2857m),
            }, Summary(r));
            Assert.Equal(new[] { ("Drug B", 1, 1m), ("Drug C", 1, 2m) }, r.Tabs[1].Rows.Select(x => (x.ProductName, x.UniqueMembers, x.TotalRxs)).ToArray());
            Assert.Equal(("Drug C", "Alt C"), r.Tabs[4].Rows.Select(x => (x.ProductName, x.Alternative)).Single());
        }

        [Fact]
        public void Tier_MemberInTwoTabsAndTwoProducts_CountsOnceInSummary()
        {
            _f.Write("medispan.csv", "NDC,Maint Drug?,Product Name\n1,Y,Drug A\n2,Y,drug a\n3,Y,Drug B\n");
            _f.Write("universal.csv", "NDC,Tier\n1,1\n2,1\n3,2\n");
            _f.Write("exclusive.csv", "NDC,Tier,Alternative\n");
            _f.Write("claims.csv", DisruptionFixture.ClaimsHeader + "\n" +
                Claim("R1", "2025-06-01", "M1", "1", "2", "1", "1") +
                Claim("R2", "2025-06-02", "M1", "2", "3.0", "1", "1") +
                Claim("R3", "2025-06-03", "M1", "3", " 3 ", "1", "1") +
                Claim("R4", "2025-06-04", "M2", "1", "3", "1", "1"));
            DisruptionResult r = _f.Run(_f.Request("claims.csv"));
            Assert.Equal(("Universal Positive", 2, 4m, 1m), Summary(r)[0]);
            Assert.Equal((1, 1m), (r.Tabs.Single(t => t.Name == "Universal_Positive 2-1").Utilizers, r.Tabs.Single(t => t.Name == "Universal_Positive 2-1").Rxs));
            // "Drug A" and "drug a" are two products (grouping is exact); ordered ignoring case, then ordinal.
            Assert.Equal(new[] { ("Drug A", 1), ("drug a", 1) }, r.Tabs.Single(t => t.Name == "Universal_Positive 3-1").Rows.Select(x => (x.ProductName, x.UniqueMembers)).ToArray());
            Assert.Equal(("Drug B", 1), r.Tabs.Single(t => t.Name == "Universal_Positive 3-2").Rows.Select(x => (x.ProductName, x.UniqueMembers)).Single());
            Assert.Equal(("Exclusions", 0, 0m, 0m), Summary(r)[4]);
        }

        [Fact]
        public void OpenMdfTier_SixTabsNoExclusionsAndNoCoveredFilter()
        {
            _f.Write("medispan.csv", "NDC,Maint Drug?,Product Name\n1,Y,Drug A\n2,Y,Drug B\n3,Y,Drug C\n");
            _f.Write("openmdf.csv", "NDC,Tier\n1,1\n2,3\n3,Nonformulary\n");
            _f.Write("exclusive.csv", "NDC,Tier,Alternative\n1,1,Uncovered\n");
            _f.Write("claims.csv", DisruptionFixture.ClaimsHeader + "\n" +
                Claim("R1", "2025-06-01", "M1", "1", "2", "1", "1") +
                Claim("R2", "2025-06-01", "M2", "2", "2", "1", "1") +
                Claim("R3", "2025-06-01", "M2", "2", "1", "1", "3") +
                Claim("R4", "2025-06-01", "M3", "3", "3", "1", "1"));
            DisruptionResult r = _f.Run(_f.Request("claims.csv", DisruptionKind.OpenMdfTier));
            Assert.Equal(new[] { "OpenMDF_Positive 2-1", "OpenMDF_Positive 3-1", "OpenMDF_Positive 3-2", "OpenMDF_Negative 1-2", "OpenMDF_Negative 1-3", "OpenMDF_Negative 2-3" },
                r.Tabs.Select(t => t.Name).ToArray());
            Assert.Equal(new[] { ("Open MDF Positive", 1, 1m, 0.1667m), ("Open MDF Negative", 1, 4m, 0.6667m) }, Summary(r));
            Assert.Equal(0, r.Dropped.CoveredAlternative);
            using var p = new ExcelPackage(new FileInfo(r.OutputFile));
            Assert.Equal(new[] { "Summary" }.Concat(r.Tabs.Select(t => t.Name)).Concat(new[] { "Network", "Data" }), p.Workbook.Worksheets.Select(w => w.Name));
            var data = p.Workbook.Worksheets["Data"];
            Assert.Equal(new[] { "Product Name", "Maint Drug?", "Open MDF Tier", "Exclusion Status" }, Enumerable.Range(11, 4).Select(c => data.Cells[1, c].Text));
        }

        [Fact]
        public void OpenMdfBrandGeneric_OpenMdfAndExclusiveTabsWithExclusions()
        {
            _f.Write("medispan.csv", "NDC,Maint Drug?,Product Name\n1,Y,Drug A\n2,Y,Drug B\n");
            _f.Write("openmdf.csv", "NDC,Tier\n1,1\n2,2\n");
            _f.Write("exclusive.csv", "NDC,Tier,Alternative\n1,1,\n2,Nonformulary,Alt B\n");
            _f.Write("claims.csv", DisruptionFixture.ClaimsHeader + "\n" +
                Claim("R1", "2025-06-01", "M1", "1", "B", "1", "1") +
                Claim("R2", "2025-06-01", "M2", "2", "G", "1", "1"));
            DisruptionResult r = _f.Run(_f.Request("claims.csv", DisruptionKind.OpenMdfBrandGeneric));
            Assert.Equal(new[] { "OpenMDF_Positive", "OpenMDF_Negative", "Exclusive_Positive", "Exclusive_Negative", "Exclusions" }, r.Tabs.Select(t => t.Name).ToArray());
            Assert.Equal(new[]
            {
                ("Open MDF Positive", 1, 1m, 0.5m), ("Open MDF Negative", 1, 1m, 0.5m), ("Exclusive Positive", 1, 1m, 0.5m),
                ("Exclusive Negative", 0, 0m, 0m), ("Exclusions", 1, 1m, 0.5m),
            }, Summary(r));
            Assert.EndsWith("claims OpenMdfBrandGeneric Disruption.xlsx", r.OutputFile);
        }

        [Fact]
        public void Filters_CountEachReasonInOrder_AndReportRowIssues()
        {
            _f.Write("medispan.csv", "NDC,Maint Drug?,Product Name\n1,Y,Drug A\n2,N,Drug N\n3,Y,Albuterol HFA\n4,Y,Drug Covered\n5,Y,Drug Different\n");
            _f.Write("universal.csv", "NDC,Tier\n1,1\n");
            _f.Write("exclusive.csv", "NDC,Tier,Alternative\n4,1,Uncovered\n5,1,use DIFFERENT ndc 123\n");
            string dup = Claim("D", "2025-06-01", "M1", "1", "2", "1", "1");
            _f.Write("claims.csv", DisruptionFixture.ClaimsHeader + "\n" +
                Claim("K1", "2025-08-31", "M1", "1", "2", "10", "1") +       // kept; latest date
                Claim("K2", "2025-03-01", "M2", "00000-0000-01", "2", "1", "") + // kept; first day of the window; blank Rxs is 0
                Claim("I1", "2025-06-01", "M1", "1", "2", "abc", "1") +      // Invalid: Logic
                Claim("I2", "2025-06-01", "M1", "1", "2", "1", "1e3") +      // Invalid: Rxs
                Claim("I3", "2025-13-40", "M1", "1", "2", "1", "1") +        // Invalid: date
                dup + dup +                                                  // Duplicate 1 (the first is kept)
                Claim("N1", "", "M1", "1", "2", "1", "1") +                  // NoDate
                Claim("W1", "2025-02-28", "M1", "1", "2", "1", "1") +        // OutsideWindow
                Claim("L1", "2025-06-01", "M1", "1", "2", "", "1") +         // Logic blank
                Claim("L2", "2025-06-01", "M1", "1", "2", "10.5", "1") +     // Logic
                Claim("L3", "2025-06-01", "M1", "1", "2", "0", "1") +        // Logic
                Claim("M1", "2025-06-01", "M1", "2", "2", "1", "1") +        // NotMaintenance: N
                Claim("M2", "2025-06-01", "M1", "9", "2", "1", "1") +        // NotMaintenance: not in Medi-Span
                Claim("M3", "2025-06-01", "M1", "ABC", "2", "1", "1") +      // NotMaintenance: not an NDC (row issue)
                Claim("E1", "2025-06-01", "M1", "3", "2", "1", "1") +        // ExcludedProduct
                Claim("C1", "2025-06-01", "M1", "4", "2", "1", "1") +        // CoveredAlternative
                Claim("C2", "2025-06-01", "M1", "5", "2", "1", "1"));        // CoveredAlternative
            DisruptionResult r = _f.Run(_f.Request("claims.csv"));
            Assert.Equal((3, 1, 1, 1, 3, 3, 1, 2), (r.Dropped.Invalid, r.Dropped.Duplicate, r.Dropped.NoDate, r.Dropped.OutsideWindow, r.Dropped.Logic,
                r.Dropped.NotMaintenance, r.Dropped.ExcludedProduct, r.Dropped.CoveredAlternative));
            Assert.Equal(18, r.ClaimsRead);
            Assert.Equal(3, r.ClaimsKept);
            Assert.Equal((new DateTime(2025, 3, 1), new DateTime(2025, 8, 31)), (r.WindowStart!.Value, r.WindowEnd!.Value));
            Assert.Equal(2m, r.TotalClaims);
            Assert.Equal(new[] { (3, "Logic", "abc"), (4, "Rxs", "1e3"), (5, "DATEFILLED", "2025-13-40"), (15, "NDC", "ABC") },
                r.Issues.Select(i => (i.Row, i.Column, i.Value)).ToArray());
        }

        [Fact]
        public void Network_StatusesBlankIdsChainsAndOrder()
        {
            _f.Write("medispan.csv", "NDC,Maint Drug?,Product Name\n1,Y,Drug A\n");
            _f.Write("universal.csv", "NDC,Tier\n1,1\n");
            _f.Write("exclusive.csv", "NDC,Tier,Alternative\n1,1,\n");
            _f.Write("network.csv", "pharmacy_nabp,pharmacy_npi,pharmacy_is_excluded\n" +
                "1234567,1234567890,no\n,2222222222,yes\n3333333,,Y\n3333333,,yes\n4444444,,yes\n4444444,,no\n0000000,0,yes\n,,yes\n5555555.0,,TRUE\n,1.111111111E+09,1\n");
            string C(string id, string member, string rxs, string npi, string nabp, string name) => Claim(id, "2025-06-01", member, "1", "2", "1", rxs, npi, nabp, name);
            _f.Write("claims.csv", DisruptionFixture.ClaimsHeader + "\n" +
                C("P1", "M1", "1", "", "", "BLANK ID PHARMACY") +
                C("P2", "M1", "2", "0000000000", "0000000", "ZERO PHARMACY") +
                C("P3", "M1", "9", "2222222222", "1234567", "NABP WINS") +
                C("P4a", "M1", "3", "2222222222", "9999999", "CVSX DRUGS") +
                C("P4b", "M2", "2", "2222222222.0", "9999999", "CVSX DRUGS") +
                C("P5", "M1", "7", "", "3333333", "Williams Bros Pharmacy") +
                C("P6", "M1", "7", "", "4444444", "WALGREEN CO #12") +
                C("P7", "M1", "7", "", "5555555", "OPTUM_RX HOME") +
                C("P8", "M3", "5", "1111111111", "", "Optumist Rx"));
            DisruptionResult r = _f.Run(_f.Request("claims.csv"));
            Assert.Equal(new[]
            {
                ("2222222222", "9999999", "CVSX DRUGS", "Excluded", 2, 5m),
                ("1111111111", "", "Optumist Rx", "Excluded", 1, 5m),
                ("", "", "ZERO PHARMACY", "Review", 1, 2m),
                ("", "", "BLANK ID PHARMACY", "Review", 1, 1m),
            }, r.Network.Select(n => (n.PHARMACYNPI, n.NABP, n.PharmacyName, n.Status, n.Members, n.Rxs)).ToArray());
            Assert.Contains(r.Warnings, w => w.Contains("NABP 4444444"));
            Assert.DoesNotContain(r.Warnings, w => w.Contains("3333333"));
            using var p = new ExcelPackage(new FileInfo(r.OutputFile));
            var data = p.Workbook.Worksheets["Data"];
            Assert.Equal(new[] { "Review", "Review", "InNetwork", "Excluded", "Excluded", "Excluded", "Review", "Excluded", "Excluded" },
                Enumerable.Range(2, 9).Select(row => data.Cells[row, 16].Text).ToArray());
        }

        [Fact]
        public void DataAsCsv_WritesTheRowsBesideTheWorkbook()
        {
            _f.Write("claims.csv", DisruptionFixture.WorkedClaims);
            var request = _f.Request("claims.csv");
            request.DataAsCsv = true;
            request.OpportunityName = "Acme: Health";
            DisruptionResult r = _f.Run(request);
            Assert.Equal(Path.Combine(_f.Out, "Acme_ Health Tier Disruption Data.csv"), r.DataFile);
            string[] lines = File.ReadAllLines(r.DataFile!);
            Assert.Equal(6, lines.Length);
            Assert.Equal(DisruptionFixture.ClaimsHeader + ",Product Name,Maint Drug?,Universal Tier,Exclusive Tier,Alternative,Exclusion Status", lines[0]);
            Assert.Equal("C4,2025-06-20,M3,00002143380,2,2,1,9999999999,0000001,ACME DRUGS,Trulicity,Y,3,Nonformulary,Ozempic,Review", lines[4]);
            using var p = new ExcelPackage(new FileInfo(r.OutputFile));
            Assert.Contains("Acme_ Health Tier Disruption Data.csv", p.Workbook.Worksheets["Data"].Cells["A1"].Text);
        }

        [Fact]
        public void OpportunityName_ComesFromClientNameColumn()
        {
            _f.Write("claims.csv", "ClientName," + DisruptionFixture.WorkedClaims.Replace("\nC", "\nAcme/Health,C"));
            DisruptionResult r = _f.Run(_f.Request("claims.csv"));
            Assert.Equal("Acme_Health", r.OpportunityName);
            Assert.Equal(5, r.ClaimsKept);
        }

        [Fact]
        public void Xlsx_ClaimsTableSheetPreferred_NumberAndDateCellsRead()
        {
            string path = _f.Dir.Combine("claims.xlsx");
            using (var p = new ExcelPackage())
            {
                p.Workbook.Worksheets.Add("Notes").Cells["A1"].Value = "not the claims";
                var ws = p.Workbook.Worksheets.Add("Claims Table");
                string[] lines = DisruptionFixture.WorkedClaims.Trim().Split('\n');
                for (int r = 0; r < lines.Length; r++)
                {
                    string[] v = lines[r].Split(',');
                    for (int c = 0; c < v.Length; c++)
                    {
                        object value = v[c];
                        if (r > 0 && c == 1) value = DateTime.Parse(v[c], System.Globalization.CultureInfo.InvariantCulture);
                        else if (r > 0 && c is 3 or 4 or 5 or 6 or 7) value = double.Parse(v[c], System.Globalization.CultureInfo.InvariantCulture);
                        ws.Cells[r + 1, c + 1].Value = value;
                        if (value is DateTime) ws.Cells[r + 1, c + 1].Style.Numberformat.Format = "m/d/yyyy";
                    }
                }
                p.SaveAs(new FileInfo(path));
            }
            DisruptionResult res = _f.Run(_f.Request("claims.xlsx"));
            Assert.Equal((5, 3, 6m), (res.ClaimsKept, res.TotalMembers, res.TotalClaims));
            Assert.Equal(new DateTime(2024, 12, 22), res.WindowStart);
            Assert.Equal(("Universal Positive", 2, 4m, 0.6667m), Summary(res)[0]);
        }
    }
}
