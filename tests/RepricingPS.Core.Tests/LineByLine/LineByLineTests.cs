using System;
using System.IO;
using System.Linq;
using OfficeOpenXml;
using RepricingPS.Core.Audit;
using RepricingPS.Core.LineByLine;
using Xunit;

namespace RepricingPS.Core.Tests.LineByLine
{
    /// <summary>disruption.md §8: the cells of each format read back from the workbook, the totals, and the bad inputs.</summary>
    public sealed class LineByLineTests : IDisposable
    {
        internal const string Header =
            "MONY,Rxs,Rx Sense Ing Cost,RxSense Dispense Fee,RxSense Total Cost,Total AWP (Historical),Pharmacy Name,INPUTFILECHANNEL,DATEFILLED,MemberID," +
            "DAYSUPPLY,QUANTITY,NDC,DST Drug Name,GrossCost,Universal Rebates,Exclusive Rebates,Specialty Vlookup,Logic";
        internal const string Claims = Header + "\n" +
            "Y,1,10.20,1.75,11.95,45.10,MAIN ST PHARMACY,RETAIL,2025-06-01,M001,30,30,00093505601,ATORVASTATIN 20 MG TAB,12.50,1.00,2.00,Yes,1\n" +
            "N,2,5.10,1.75,6.85,30.25,CVS PHARMACY #123,MAIL,6/15/2025,M002,90,90,378395477,LISINOPRIL 10 MG TAB,8.00,0,0,n,10\n" +
            "Y,1,99,1,100,500,X,RETAIL,2025-06-02,M009,30,30,00093505601,DROPPED,1,0,0,Y,11\n" +
            "Y,1,99,1,100,500,X,RETAIL,2025-06-02,M009,30,30,00093505601,DROPPED,1,0,0,Y,OR\n" +
            "Y,1,2.00,1.75,3.75,10.00,ACME DRUGS,RETAIL,2025-06-20,M003,30,60,00002143380,TRULICITY,5.00,0,0,#N/A,3\n";

        private static readonly string[] SharxColumns =
        {
            "MONY", "Rxs", "Rx Sense Ing Cost", "RxSense Dispense Fee", "RxSense Total Cost", "Total AWP (Historical)", "GrossCost", "Pharmacy Name",
            "INPUTFILECHANNEL", "DATEFILLED", "MemberID", "DAYSUPPLY", "QUANTITY", "NDC", "DST Drug Name",
        };

        private readonly TempDir _dir = new TempDir();
        private readonly AuditLocation _location;

        public LineByLineTests()
        {
            _location = Fixtures.Location(_dir.Combine("log"));
            Directory.CreateDirectory(_location.Root);
            File.WriteAllText(_dir.Combine("claims.csv"), Claims);
        }

        public void Dispose() => _dir.Dispose();

        private string Out => _dir.Combine("out");

        private LineByLineResult Run(LineByLineFormat format, string? template = null, bool force = false) =>
            new LineByLineService(Fixtures.Log(_location), null).Run(new LineByLineRequest
            {
                ClaimsPath = _dir.Combine("claims.csv"), Format = format, OutputDirectory = Out, TemplatePath = template, Force = force,
            }, default);

        private static void AssertDateCell(ExcelRange cell, DateTime expected)
        {
            Assert.True(cell.Value is DateTime || cell.Value is double, $"{cell.Address} holds {cell.Value?.GetType().Name}, not a date");
            Assert.Contains("yy", cell.Style.Numberformat.Format);
            Assert.Equal(expected, cell.GetValue<DateTime>());
        }

        [Fact]
        public void Sharx_NewWorkbook_HeadersAboveA2_TypedCells_Totals()
        {
            LineByLineResult r = Run(LineByLineFormat.SHARx);
            Assert.Equal(Path.Combine(Out, "_Rx Claims for SHARx.xlsx"), r.OutputFile);
            Assert.Equal((3, 4m, 85.35m, 17.30m, 22.55m, 25.50m), (r.Rows, r.ClaimCount, r.TotalAwp, r.IngredientCost, r.TotalCost, r.GrossCost));
            using var p = new ExcelPackage(new FileInfo(r.OutputFile));
            var ws = p.Workbook.Worksheets["Line By Line"];
            Assert.Equal(SharxColumns, Enumerable.Range(1, 15).Select(c => ws.Cells[1, c].Text).ToArray());
            Assert.Equal("Y", ws.Cells["A2"].Value);
            Assert.Equal(1.0, Convert.ToDouble(ws.Cells["B2"].Value));
            Assert.IsNotType<string>(ws.Cells["B2"].Value);
            Assert.Equal(12.5, Convert.ToDouble(ws.Cells["G2"].Value));
            AssertDateCell(ws.Cells["J2"], new DateTime(2025, 6, 1));
            AssertDateCell(ws.Cells["J3"], new DateTime(2025, 6, 15));
            Assert.Equal("M001", ws.Cells["K2"].Value);
            Assert.Equal("00093505601", ws.Cells["N2"].Value);
            Assert.Equal("00378395477", ws.Cells["N3"].Value);
            Assert.Equal("TRULICITY", ws.Cells["O4"].Value);
            Assert.Null(ws.Cells["A5"].Value);
        }

        [Fact]
        public void Epls_IntoTemplate_KeepsOtherSheetsAndCells_ClearsOldRows_MapsSpecialty()
        {
            string template = _dir.Combine("partner", "EPLS.xlsx");
            Directory.CreateDirectory(Path.GetDirectoryName(template)!);
            using (var p = new ExcelPackage())
            {
                p.Workbook.Worksheets.Add("Cover").Cells["A1"].Value = "Partner cover";
                var ws = p.Workbook.Worksheets.Add("Line By Line");
                ws.Cells["A1"].Value = "Partner header";
                ws.Cells["Z1"].Value = "keep me";
                for (int row = 2; row <= 6; row++) for (int c = 1; c <= 18; c++) ws.Cells[row, c].Value = "old";
                ws.Cells["B3"].Formula = "1+1";
                ws.Cells["S2"].Value = "outside";
                p.SaveAs(new FileInfo(template));
            }
            LineByLineResult r = Run(LineByLineFormat.EPLS, template);
            var issue = Assert.Single(r.Issues);
            Assert.Equal((5, "Specialty Vlookup", "#N/A"), (issue.Row, issue.Column, issue.Value));
            using var book = new ExcelPackage(new FileInfo(r.OutputFile));
            Assert.Equal("Partner cover", book.Workbook.Worksheets["Cover"].Cells["A1"].Value);
            var s = book.Workbook.Worksheets["Line By Line"];
            Assert.Equal(("Partner header", "keep me", "outside"), (s.Cells["A1"].Text, s.Cells["Z1"].Text, s.Cells["S2"].Text));
            Assert.Equal(new object[] { "Y", "N", "#N/A" }, new[] { s.Cells["R2"].Value, s.Cells["R3"].Value, s.Cells["R4"].Value });
            Assert.Equal(2.0, Convert.ToDouble(s.Cells["B3"].Value));
            Assert.True(string.IsNullOrEmpty(s.Cells["B3"].Formula));
            Assert.Equal("00093505601", s.Cells["M2"].Value);
            AssertDateCell(s.Cells["I4"], new DateTime(2025, 6, 20));
            Assert.Equal(8.0, Convert.ToDouble(s.Cells["O3"].Value));
            Assert.Equal(1.0, Convert.ToDouble(s.Cells["P2"].Value));
            for (int row = 5; row <= 6; row++) for (int c = 1; c <= 18; c++) Assert.Null(s.Cells[row, c].Value);
            Assert.True(File.Exists(template));
        }

        [Fact]
        public void Standard_StartsAtA6_NewWorkbookHeadersInRow5_TemplateKeepsRowsAbove()
        {
            LineByLineResult r = Run(LineByLineFormat.Standard);
            Assert.Equal(Path.Combine(Out, "_Rx Claims for LBL.xlsx"), r.OutputFile);
            using (var p = new ExcelPackage(new FileInfo(r.OutputFile)))
            {
                var ws = p.Workbook.Worksheets["Line By Line"];
                Assert.Equal(SharxColumns, Enumerable.Range(1, 15).Select(c => ws.Cells[5, c].Text).ToArray());
                Assert.Equal("Y", ws.Cells["A6"].Value);
                Assert.Equal("00002143380", ws.Cells["N8"].Value);
                Assert.Null(ws.Cells["A4"].Value);
            }
            string template = _dir.Combine("std.xlsx");
            using (var p = new ExcelPackage())
            {
                var ws = p.Workbook.Worksheets.Add("Line By Line");
                ws.Cells["A1"].Value = "Client report";
                ws.Cells["A5"].Value = "MONY";
                ws.Cells["A6"].Value = "old";
                p.SaveAs(new FileInfo(template));
            }
            r = Run(LineByLineFormat.Standard, template, force: true);
            using var q = new ExcelPackage(new FileInfo(r.OutputFile));
            var t = q.Workbook.Worksheets["Line By Line"];
            Assert.Equal(("Client report", "MONY", "Y"), (t.Cells["A1"].Text, t.Cells["A5"].Text, t.Cells["A6"].Text));
            AssertDateCell(t.Cells["J6"], new DateTime(2025, 6, 1));
        }

        [Fact]
        public void Audit_StartFileAccessFilterCountsSucceededEnd()
        {
            LineByLineResult r = Run(LineByLineFormat.SHARx);
            var log = Fixtures.ReadAll(_location);
            Assert.Contains(log, e => e.Status == AuditStatus.ProcessStart && e.Message.Contains("format SHARx"));
            Assert.Contains(log, e => e.Status == AuditStatus.FileAccess && e.File == _dir.Combine("claims.csv"));
            Assert.Contains(log, e => e.Status == AuditStatus.FileAccess && e.File == r.OutputFile);
            Assert.Contains(log, e => e.Status == AuditStatus.Info && e.Message.Contains("Kept (Logic 1-10): 3"));
            Assert.StartsWith("Outcome: Succeeded", log.Single(e => e.Status == AuditStatus.ProcessEnd).Message);
        }

        private void Fails(Action act, string category, string errorId)
        {
            var ex = Assert.Throws<RepricingException>(act);
            Assert.Equal((category, errorId), (ex.Category, ex.ErrorId));
            var log = Fixtures.ReadAll(_location);
            Assert.Contains(log, e => e.Status == category && e.Error == ex.Message);
            Assert.StartsWith("Outcome: Failed", log.Last(e => e.Status == AuditStatus.ProcessEnd).Message);
        }

        [Fact]
        public void TemplateWithoutLineByLineSheet_UserError_NoOutput()
        {
            string template = _dir.Combine("bad.xlsx");
            using (var p = new ExcelPackage())
            {
                p.Workbook.Worksheets.Add("Claims");
                p.SaveAs(new FileInfo(template));
            }
            Fails(() => Run(LineByLineFormat.SHARx, template), ErrorCategories.User, "TemplateSheetMissing");
            Assert.Empty(Directory.GetFileSystemEntries(Out));
        }

        [Fact]
        public void OutputIsTheTemplate_UserError_TemplateUntouched()
        {
            Directory.CreateDirectory(Out);
            string template = Path.Combine(Out, "_Rx Claims for EPLS.xlsx");
            File.WriteAllText(template, "template");
            Fails(() => Run(LineByLineFormat.EPLS, template, force: true), ErrorCategories.User, "TemplateIsOutput");
            Assert.Equal("template", File.ReadAllText(template));
        }

        [Fact]
        public void OutputExistsWithoutForce_UserError()
        {
            Directory.CreateDirectory(Out);
            File.WriteAllText(Path.Combine(Out, "_Rx Claims for SHARx.xlsx"), "old");
            Fails(() => Run(LineByLineFormat.SHARx), ErrorCategories.User, "OutputExists");
            Assert.Equal("old", File.ReadAllText(Path.Combine(Out, "_Rx Claims for SHARx.xlsx")));
        }

        [Fact]
        public void MissingColumns_UserErrorNamingEveryOne()
        {
            File.WriteAllText(_dir.Combine("claims.csv"), string.Join(",", SharxColumns) + ",Logic\nY,1,1,1,1,1,1,X,R,2025-06-01,M,1,1,1,D,1\n");
            Assert.Equal(1, Run(LineByLineFormat.SHARx).Rows);
            var ex = Assert.Throws<RepricingException>(() => Run(LineByLineFormat.EPLS));
            Assert.Equal((ErrorCategories.User, "MissingColumns"), (ex.Category, ex.ErrorId));
            Assert.Contains("Missing required columns: Universal Rebates, Exclusive Rebates, Specialty Vlookup", ex.Message);
        }
    }
}

namespace RepricingPS.Core.Tests.LineByLine
{
    /// <summary>The sheet limits of issue 10: what fits below the first cell, and when the Data rows go to a .csv.</summary>
    public sealed class SheetLimitTests
    {
        [Theory]
        [InlineData(LineByLineFormat.SHARx, 1048575)]
        [InlineData(LineByLineFormat.EPLS, 1048575)]
        [InlineData(LineByLineFormat.Standard, 1048571)]
        public void RoomBelow_IsTheSheetFromTheFirstCellDown(LineByLineFormat format, int rows) => Assert.Equal(rows, LineByLineLayout.RoomBelow(format));

        [Theory]
        [InlineData(1048575, false, false)]
        [InlineData(1048576, false, true)]
        [InlineData(5, true, true)]
        public void DisruptionData_GoesToCsvWhenAskedOrTooManyRows(int kept, bool asked, bool csv) =>
            Assert.Equal(csv, RepricingPS.Core.Disruption.DisruptionWorkbook.DataGoesToCsv(kept, asked));
    }
}
