using System;
using System.IO;
using System.Linq;
using OfficeOpenXml;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    public class TemplateTests
    {
        [Fact]
        public void Template_FilledAndCalculated_ReadsBackRight()
        {
            using var run = new RepricingServiceTests.Run();
            string template = run.Dir.Combine("tpl", "_Rx Repricing_wf.xlsx");
            SampleData.WriteTemplate(template);
            var r = run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2), q => q.TemplatePath = template);
            string filled = run.Dir.Combine("out", "_Rx Repricing_wf.xlsx");
            Assert.Contains(filled, r.OutputFiles);

            using var p = new ExcelPackage(new FileInfo(filled));
            var ws = p.Workbook.Worksheets["Claims Table"];
            string H(int c) => ws.Cells[1, c].Text;
            Assert.Equal(new[] { "SOURCERECORDID", "DATEFILLED", "MemberID", "NDC", "Drug Name", "QUANTITY", "Total AWP (Historical)", "RxSense Total Cost", "O's & R's Check", "Logic" },
                Enumerable.Range(1, 10).Select(H));
            // Output order: empty flags first (RowIDs 2,4,6,8,9), then OR rows (1,3,5,7).
            Assert.Equal(new[] { "1002", "1004", "1006", "1008", "1099", "1001", "1003", "1005", "1007" }, Enumerable.Range(2, 9).Select(row => ws.Cells[row, 1].Text));
            Assert.Equal("00093505601", ws.Cells[2, 4].Value);
            Assert.IsType<string>(ws.Cells[2, 4].Value);
            Assert.Equal(new DateTime(2025, 1, 5), ws.Cells[2, 2].GetValue<DateTime>());
            Assert.Equal("yyyy-mm-dd", ws.Cells[6, 2].Style.Numberformat.Format);
            Assert.Equal("2025-01-05", ws.Cells[2, 2].Text);
            Assert.Equal(45.10m, Convert.ToDecimal(ws.Cells[2, 7].Value));
            Assert.Equal("OR", ws.Cells[7, 9].Value);
            // The formula filled down with adjusted references, calculated.
            Assert.Equal("IF(I5=\"OR\",0,ROUND(G5-H5,2))", ws.Cells[5, 10].Formula);
            Assert.Equal("IF(I10=\"OR\",0,ROUND(G10-H10,2))", ws.Cells[10, 10].Formula);
            Assert.Equal(33.15, Convert.ToDouble(ws.Cells[2, 10].Value), 6); // 45.10 - 11.95
            // The stale rows below the data are gone (the template held 5; the data fills 9 rows, so none remain, and row 11 is empty).
            Assert.Null(ws.Cells[11, 1].Value);
            Assert.DoesNotContain(Enumerable.Range(2, 10).Select(row => ws.Cells[row, 1].Text), t => t.StartsWith("OLD", StringComparison.Ordinal));
            // Styles and other sheets untouched.
            Assert.True(ws.Cells[1, 1].Style.Font.Bold);
            Assert.Equal("#,##0.00", ws.Cells[9, 7].Style.Numberformat.Format);
            Assert.Equal("Repricing summary", p.Workbook.Worksheets["Summary"].Cells[1, 1].Value);
            Assert.Equal("SUM('Claims Table'!J:J)", p.Workbook.Worksheets["Summary"].Cells[2, 2].Formula);
            // The numeric Logic goes into the claim detail.
            var detail = RepricingServiceTests.ReadCsv(run.Dir.Combine("out", "Acme Health Claim Detail.csv"));
            Assert.Equal("33.15", detail.Single(d => d["RowID"] == "2")["Logic"]);
            Assert.Equal("0", detail.Single(d => d["RowID"] == "1")["Logic"]);
            // The template itself is unchanged.
            using var original = new ExcelPackage(new FileInfo(template));
            Assert.Equal("OLD2", original.Workbook.Worksheets["Claims Table"].Cells[2, 1].Value);
        }

        [Fact]
        public void Template_FewerRowsThanStaleOnes_ClearsTheRest()
        {
            using var run = new RepricingServiceTests.Run();
            string template = run.Dir.Combine("tpl", "t.xlsx");
            SampleData.WriteTemplate(template);
            var f1 = string.Join("\r\n", WorkedExample.File1.Split("\r\n").Take(3)) + "\r\n"; // two claims
            var f2 = string.Join("\r\n", WorkedExample.File2.Split("\r\n").Take(3)) + "\r\n"; // their priced rows
            var r = run.Reprice(run.Write("file1.csv", f1), run.Write("file2.csv", f2), q => q.TemplatePath = template);
            Assert.Equal(2, r.MergedRows);
            using var p = new ExcelPackage(new FileInfo(run.Dir.Combine("out", "_Rx Repricing_wf.xlsx")));
            var ws = p.Workbook.Worksheets["Claims Table"];
            Assert.Equal(("1001", "1002"), (ws.Cells[2, 1].Text, ws.Cells[3, 1].Text));
            Assert.False(string.IsNullOrEmpty(ws.Cells[3, 10].Formula));
            for (int row = 4; row <= 6; row++)
            {
                Assert.Null(ws.Cells[row, 1].Value);
                Assert.True(string.IsNullOrEmpty(ws.Cells[row, 10].Formula), $"row {row} still has a formula");
            }
        }

        [Fact]
        public void Template_WithoutClaimsTableOrMatchingHeaders_IsUserError()
        {
            using var run = new RepricingServiceTests.Run();
            string noSheet = run.Dir.Combine("tpl", "nosheet.xlsx");
            Directory.CreateDirectory(run.Dir.Combine("tpl"));
            using (var p = new ExcelPackage()) { p.Workbook.Worksheets.Add("Other").Cells[1, 1].Value = "x"; p.SaveAs(new FileInfo(noSheet)); }
            string f1 = run.Write("file1.csv", WorkedExample.File1), f2 = run.Write("file2.csv", WorkedExample.File2);
            var ex = Assert.Throws<RepricingException>(() => run.Reprice(f1, f2, q => q.TemplatePath = noSheet));
            Assert.Equal(("USER_ERROR", "TemplateSheetMissing"), (ex.Category, ex.ErrorId));
            Assert.Contains("Claims Table", ex.Message);

            string noHeaders = run.Dir.Combine("tpl", "noheaders.xlsx");
            using (var p = new ExcelPackage()) { p.Workbook.Worksheets.Add("Claims Table").Cells[1, 1].Value = "Nothing we know"; p.SaveAs(new FileInfo(noHeaders)); }
            ex = Assert.Throws<RepricingException>(() => run.Reprice(f1, f2, q => q.TemplatePath = noHeaders));
            Assert.Equal("TemplateHeadersNotFound", ex.ErrorId);
            Assert.Contains("SOURCERECORDID", ex.Message);
            Assert.True(!Directory.Exists(run.Dir.Combine("out")) || Directory.GetFileSystemEntries(run.Dir.Combine("out")).Length == 0);
        }

        [Fact]
        public void Template_InTheOutputFolder_IsRefused()
        {
            using var run = new RepricingServiceTests.Run();
            string template = run.Dir.Combine("out", "_Rx Repricing_wf.xlsx");
            SampleData.WriteTemplate(template);
            var ex = Assert.Throws<RepricingException>(() => run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2), q => { q.TemplatePath = template; q.Force = true; }));
            Assert.Equal(("USER_ERROR", "TemplateIsOutput"), (ex.Category, ex.ErrorId));
            Assert.True(File.Exists(template));
        }

        [Fact]
        public void Xlsx_MergedWorkbookKeepsNdcAsText()
        {
            using var run = new RepricingServiceTests.Run();
            run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2), q => q.Xlsx = true);
            using var p = new ExcelPackage(new FileInfo(run.Dir.Combine("out", "Acme Health_merged_file_with_OR.xlsx")));
            var ws = p.Workbook.Worksheets.First();
            int ndc = Enumerable.Range(1, 20).First(c => ws.Cells[1, c].Text == "NDC");
            Assert.Equal("00378395477", ws.Cells[3, ndc].Value);
            Assert.Equal(10, ws.Dimension.End.Row);
        }
    }
}

namespace RepricingPS.Core.Tests.Repricing
{
    public class TemplateImportTests
    {
        [Fact]
        public void ImportTemplateRole_ListsClaimsTableHeadersAndRefusesCsv()
        {
            using var t = new TempDir();
            string template = t.Combine("_Rx Repricing_wf.xlsx");
            SampleData.WriteTemplate(template);
            var f = FileImporter.Import(template, FileRole.Template, null, false, default);
            Assert.Equal(("Claims Table", "xlsx"), (f.Sheet, f.Format));
            Assert.Contains("Logic", f.Columns);
            string csv = t.Combine("t.csv");
            File.WriteAllText(csv, "a\r\n1\r\n");
            Assert.Equal("UnsupportedFileType", Assert.Throws<RepricingException>(() => FileImporter.Import(csv, FileRole.Template, null, false, default)).ErrorId);
        }
    }
}
