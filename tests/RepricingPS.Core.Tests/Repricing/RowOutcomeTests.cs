using System.IO;
using System.Linq;
using System.Text;
using OfficeOpenXml;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    /// <summary>Issue 9: MergeSide, MatchStatus and the O/R flag are enums, written exactly as the words analysts know (spec §3-§5).</summary>
    public class RowOutcomeTests
    {
        [Fact]
        public void EmptyFlagAndStatus_AreWrittenEmpty_NeverNone_InEveryOutput()
        {
            using var run = new RepricingServiceTests.Run();
            string template = run.Dir.Combine("template", "_Rx Repricing_wf.xlsx");
            SampleData.WriteTemplate(template);
            run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2), r => { r.Xlsx = true; r.TemplatePath = template; });
            string outDir = run.Dir.Combine("out");

            // Row 1002 (RowID 2) has no flag and no match (spec §8): flag, MatchStatus and MatchedRowID are empty fields.
            string merged = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(outDir, "Acme Health_merged_file_with_OR.csv")));
            Assert.Contains("\r\n1002,Acme Health,2025-01-05,M001,00093505601,ATORVASTATIN 20 MG TAB,30,30,MAIN ST PHARMACY,1234567890,1234567,12.50,45.10,10.20,1.75,11.95,,2,,,Both\r\n", merged);
            Assert.Contains("\r\n1008,Acme Health,2025-02-15,M005,00093505601,ATORVASTATIN 20 MG TAB,30,30,MAIN ST PHARMACY,1234567890,1234567,12.50,,,,,,8,,,File1Only\r\n", merged);
            Assert.Contains("\r\n1005,Acme Health,2025-03-20,M003,00002143380,TRULICITY 1.5 MG/0.5 ML,-2,-28,WALGREENS #55,2222222222,5555555,-900.00,-1890.40,-850.00,-1.75,-851.75,OR,5,UnmatchedReversal,,Both\r\n", merged);
            Assert.DoesNotContain("None", merged);
            foreach (string csv in Directory.GetFiles(outDir, "*.csv")) Assert.DoesNotContain("None", File.ReadAllText(csv));

            using var xlsx = new ExcelPackage(new FileInfo(Path.Combine(outDir, "Acme Health_merged_file_with_OR.xlsx")));
            var ws = xlsx.Workbook.Worksheets.First();
            int last = ws.Dimension.End.Column;
            var header = Enumerable.Range(1, last).Select(c => ws.Cells[1, c].Text).ToList();
            int row2 = Enumerable.Range(2, ws.Dimension.End.Row - 1).Single(r => ws.Cells[r, header.IndexOf("RowID") + 1].Text == "2");
            Assert.Equal(("", "", "", "Both"), (ws.Cells[row2, header.IndexOf("O's & R's Check") + 1].Text, ws.Cells[row2, header.IndexOf("MatchStatus") + 1].Text,
                ws.Cells[row2, header.IndexOf("MatchedRowID") + 1].Text, ws.Cells[row2, header.IndexOf("MergeSide") + 1].Text));
            Assert.DoesNotContain("None", Enumerable.Range(1, ws.Dimension.End.Row).SelectMany(r => Enumerable.Range(1, last).Select(c => ws.Cells[r, c].Text)));

            // The template's flag column gets the flag as text: "" for 1002 (its Logic formula then prices it), OR for 1001.
            using var filled = new ExcelPackage(new FileInfo(Path.Combine(outDir, "_Rx Repricing_wf.xlsx")));
            var claims = filled.Workbook.Worksheets[FileImporter.TemplateSheet];
            int flagCol = Enumerable.Range(1, claims.Dimension.End.Column).Single(c => claims.Cells[1, c].Text == "O's & R's Check");
            var flags = Enumerable.Range(2, 9).ToDictionary(r => claims.Cells[r, 1].Text, r => claims.Cells[r, flagCol].Text);
            Assert.Equal(("", "OR", "", "OR"), (flags["1002"], flags["1001"], flags["1099"], flags["1007"]));
        }

        [Fact]
        public void OutcomeText_IsTheSpecsWords_AndEmptyForNone()
        {
            Assert.Equal(new[] { "Both", "File1Only", "File2Only" }, new[] { MergeSide.Both, MergeSide.File1Only, MergeSide.File2Only }.Select(s => s.Text()));
            Assert.Equal(new[] { "", "Matched", "UnmatchedReversal" }, new[] { MatchStatus.None, MatchStatus.Matched, MatchStatus.UnmatchedReversal }.Select(s => s.Text()));
            Assert.Equal(new[] { "", "OR" }, new[] { OrFlag.None, OrFlag.OR }.Select(s => s.Text()));
        }
    }
}
