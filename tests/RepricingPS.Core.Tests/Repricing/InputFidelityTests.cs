using System;
using System.IO;
using System.Linq;
using System.Text;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    /// <summary>Issue 8 items 2 and 4: what a CSV input holds is read, or the import says why not.</summary>
    public class InputFidelityTests
    {
        [Fact]
        public void QuoteNeverClosed_IsDataErrorNamingTheLineWhereItOpened()
        {
            using var run = new RepricingServiceTests.Run();
            // Line 1 is the header, so 1003 is on line 4; its quote never closes and would swallow rows 1004-1008.
            string f1 = run.Write("file1.csv", WorkedExample.File1.Replace("1003,Acme Health,", "1003,\"Acme Health,"));
            var ex = BadInputTests.Fails(run, () => run.Service.Import(f1, FileRole.File1, null, false, default), "DATA_ERROR", "UnbalancedQuote");
            Assert.Contains("line 4 ", ex.Message);
            Assert.Contains(f1, ex.Message);
        }

        [Fact]
        public void QuoteClosedOnlyAfterMoreThan1000Lines_IsDataErrorNamingTheLineWhereItOpened()
        {
            using var run = new RepricingServiceTests.Run();
            var text = new StringBuilder(WorkedExample.File1.Replace("1003,Acme Health,", "1003,\"Acme Health,"));
            for (int i = 0; i < 1500; i++) text.Append(2000 + i).Append(",Acme Health,2025-01-05,M9,00093505601,ATORVASTATIN,30,30,MAIN ST,1,1,1.00\r\n");
            text.Append("9999,Acme Health,2025-01-05,M9,00093505601,\"ATORVASTATIN,30,30,MAIN ST,1,1,1.00\r\n"); // the quote that closes it
            text.Append("9998,Acme Health,2025-01-05,M9,00093505601,ATORVASTATIN,30,30,MAIN ST,1,1,1.00\r\n");
            string f1 = run.Write("file1.csv", text.ToString());
            var ex = BadInputTests.Fails(run, () => run.Service.Import(f1, FileRole.File1, null, false, default), "DATA_ERROR", "UnbalancedQuote");
            Assert.Contains("line 4 ", ex.Message);
        }

        [Fact]
        public void QuotedLineBreaksAndAStrayQuoteInsideAValue_AreStillData()
        {
            using var run = new RepricingServiceTests.Run();
            string f1 = run.Write("file1.csv", WorkedExample.File1
                .Replace("1004,Acme Health,2025-02-01,M002,00378395477,LISINOPRIL 10 MG TAB,90,90,CVS PHARMACY #123", "1004,Acme Health,2025-02-01,M002,00378395477,LISINOPRIL 10 MG TAB,90,90,\"CVS PHARMACY\r\n#123\"")
                .Replace("TRULICITY 1.5 MG/0.5 ML", "TRULICITY 1.5\" PEN"));
            var f = run.Service.Import(f1, FileRole.File1, null, false, default);
            Assert.Equal(8, f.RowCount);
            Assert.Equal("CVS PHARMACY\r\n#123", f.Data.Rows[3][8]);
            Assert.Equal("TRULICITY 1.5\" PEN", f.Data.Rows[4][5]);
            Assert.Empty(f.Warnings);
        }

        [Fact]
        public void Windows1252Csv_IsReadAsWindows1252WithAWarning()
        {
            using var run = new RepricingServiceTests.Run();
            string f1 = run.Dir.Combine("file1.csv");
            // What Excel's "CSV" gives on Western Windows: É is the single byte 0xC9, not UTF-8.
            File.WriteAllBytes(f1, Encoding.GetEncoding("ISO-8859-1").GetBytes(WorkedExample.File1.Replace("Acme Health", "Société Émile")));
            var f = run.Service.Import(f1, FileRole.File1, null, false, default);
            Assert.Equal("Société Émile", f.OpportunityName);
            Assert.Contains("Windows-1252", Assert.Single(f.Warnings));
            Assert.Contains(run.Audit(), e => e.Status == "WARNING" && e.Message.Contains("Windows-1252"));

            // Bytes that only Windows-1252 (not Latin-1) maps: 0x80 is the euro sign, 0x93/0x94 curly quotes.
            string f2 = run.Dir.Combine("file2.csv");
            File.WriteAllBytes(f2, Encoding.ASCII.GetBytes("Source Record ID,Note\r\n1001,").Concat(new byte[] { 0x80, 0x35, 0x20, 0x93, 0x78, 0x94 }).Concat(Encoding.ASCII.GetBytes("\r\n")).ToArray());
            Assert.Equal("\u20AC5 \u201Cx\u201D", run.Service.Import(f2, FileRole.File2, null, false, default).Data.Rows[0][1]);
        }

        [Fact]
        public void Utf8Csv_WithOrWithoutBom_HasNoWarning()
        {
            using var run = new RepricingServiceTests.Run();
            string plain = run.Dir.Combine("plain.csv"), bom = run.Dir.Combine("bom.csv");
            string text = WorkedExample.File1.Replace("Acme Health", "Société Émile");
            File.WriteAllText(plain, text, new UTF8Encoding(false));
            File.WriteAllText(bom, text, new UTF8Encoding(true));
            foreach (string p in new[] { plain, bom })
            {
                var f = run.Service.Import(p, FileRole.File1, null, false, default);
                Assert.Equal("Société Émile", f.OpportunityName);
                Assert.Empty(f.Warnings);
            }
        }
    }
}
