using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    /// <summary>
    /// Issue 15: the output writer was rewritten for speed; its outputs must stay byte for byte what they were. The expected
    /// SHA-256 values were produced by the writer before that change (commit f10b988), on a generated 10,000-claim run plus
    /// hostile rows (formula-like text, quotes, commas, line breaks, non-ASCII, an unparseable quantity), and rows of it were
    /// checked by hand against repricing.md §3-§5 (see <see cref="HandCheckedRows_MatchTheSpec"/>).
    /// </summary>
    public class OutputBytesTests
    {
        /// <summary>Rows appended to the generated File1: each value something a CSV writer can get wrong.</summary>
        private const string HostileFile1 =
            "HX1,Acme Health,2025-03-01,M900001,00093505601,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",30,30,\"Comma, Quote \"\" Pharmacy\",1234567890,1234567,-12.50,1,1,Y,RETAIL,+cmd|' /C calc'!A0,0.00,0.00,No\r\n" +
            "HX2,Acme Health,2025-03-05,M900001,00093505601,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-30,-30,\"Comma, Quote \"\" Pharmacy\",1234567890,1234567,-12.50,1,-1,Y,RETAIL,@SUM(1),0.00,0.00,No\r\n" +
            "HX3,Acme Health,2025-03-06,M900002,00002143380,\"Line\r\nbreak\",abc,28,Ünïcødé Apotheke ✓,2222222222,5555555,'quoted,3,1,N,\tTAB,-x,0.00,0.00, padded \r\n" +
            "HX4,Acme Health,2025-03-07,M900003,00002143380,TRULICITY,-2,-28,WALGREENS #55,2222222222,5555555,-900.00,3,-1,N,RETAIL,\"\rCR\",0.00,0.00,\"\"\r\n";

        private const string HostileFile2 =
            "HX1,45.10,10.20,1.75,11.95\r\n" +
            "HX2,-45.10,-10.20,-1.75,-11.95\r\n" +
            "HX9,=1+1,-x,1.75,\"a\"\"b\"\r\n";

        private static Dictionary<string, string> Run(RepricingServiceTests.Run run, int claims, bool template)
        {
            var set = SampleData.Write(run.Dir.Combine("data"), claims, 42, template);
            File.AppendAllText(set.File1, HostileFile1, new UTF8Encoding(false));
            File.AppendAllText(set.File2, HostileFile2, new UTF8Encoding(false));
            run.Reprice(set.File1, set.File2, r => r.TemplatePath = template ? set.Template : null);
            string outDir = run.Dir.Combine("out");
            return Directory.GetFiles(outDir, "*.csv").ToDictionary(f => Path.GetFileName(f), f => Hex(SHA256.HashData(File.ReadAllBytes(f))));
        }

        private static string Hex(byte[] b) => string.Concat(b.Select(x => x.ToString("x2")));

        [Fact]
        public void CsvOutputs_OfAGenerated10000ClaimRunWithHostileRows_AreByteForByteThoseOfTheEarlierWriter()
        {
            using var run = new RepricingServiceTests.Run();
            var hashes = Run(run, 10000, template: false);
            Assert.Equal(new Dictionary<string, string>
            {
                ["Acme Health_merged_file_with_OR.csv"] = "4baa150b226b079569a4da30aa55c1a43e91dc47314d9e60b6a61d75658cd8e4",
                ["Acme Health Claim Detail.csv"] = "dbeaf465f6d03c86ea93c78094be3a339d3c7982f9226a1cedc4299d54cf46f2",
                ["Acme Health_unmatched_reversals.csv"] = "63d588c287c5dca4a7d002966cfdd39dc7a92b940e55292407acebbbc771e76b",
            }, hashes);
        }

        [Fact]
        public void ClaimDetail_WithTheTemplatesLogic_IsByteForByteThatOfTheEarlierWriter()
        {
            using var run = new RepricingServiceTests.Run();
            var hashes = Run(run, 1000, template: true);
            Assert.Equal("8cf2dda38dd93754e318cbe13d81fb119db39920ffaea668d5db1fef44811c49", hashes["Acme Health Claim Detail.csv"]);
        }

        /// <summary>The hostile rows, worked out by hand from repricing.md: merge (§3), O/R (§4), order, trailing columns and the guard (§5).</summary>
        [Fact]
        public void HandCheckedRows_MatchTheSpec()
        {
            using var run = new RepricingServiceTests.Run();
            Run(run, 10000, template: false);
            string outDir = run.Dir.Combine("out");
            string merged = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(outDir, "Acme Health_merged_file_with_OR.csv")));
            string[] lines = merged.Split("\r\n");
            // 20 File1 columns, 4 File2 columns, 5 trailing. HX1 is a claim matched by HX2 four days later: both OR, so both
            // come after every unflagged row; RowIDs are 10001 and 10002 (File1 has 10,000 generated rows before them).
            Assert.Contains("HX1,Acme Health,2025-03-01,M900001,00093505601,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",30,30,\"Comma, Quote \"\" Pharmacy\",1234567890,1234567,-12.50,1,1,Y,RETAIL,\"'+cmd|' /C calc'!A0\",0.00,0.00,No,45.10,10.20,1.75,11.95,OR,10001,Matched,10002,Both\r\n", merged);
            Assert.Contains("HX2,Acme Health,2025-03-05,M900001,00093505601,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-30,-30,\"Comma, Quote \"\" Pharmacy\",1234567890,1234567,-12.50,1,-1,Y,RETAIL,\"'@SUM(1)\",0.00,0.00,No,-45.10,-10.20,-1.75,-11.95,OR,10002,Matched,10001,Both\r\n", merged);
            // HX3: QUANTITY 'abc' is a row issue and written as read; the row is neither claim nor reversal (no flag), File1 only.
            // The text 'quoted starts with ' and gets a second one; TAB and -x are guarded and quoted; a padded value is kept.
            Assert.Contains("HX3,Acme Health,2025-03-06,M900002,00002143380,\"Line\r\nbreak\",abc,28,Ünïcødé Apotheke ✓,2222222222,5555555,\"''quoted\",3,1,N,\"'\tTAB\",\"'-x\",0.00,0.00, padded ,,,,,,10003,,,File1Only\r\n", merged);
            // HX4: a reversal with no claim: OR, UnmatchedReversal, no File2 row; \rCR is guarded.
            Assert.Contains("HX4,Acme Health,2025-03-07,M900003,00002143380,TRULICITY,-2,-28,WALGREENS #55,2222222222,5555555,-900.00,3,-1,N,RETAIL,\"'\rCR\",0.00,0.00,,,,,,OR,10004,UnmatchedReversal,,File1Only\r\n", merged);
            // HX9: File2 only, keeps its key (§3.4); the File2 text values are guarded too.
            Assert.Contains("HX9,,,,,,,,,,,,,,,,,,,,\"'=1+1\",\"'-x\",1.75,\"a\"\"b\",,", merged);
            Assert.Contains(",File2Only\r\n", lines.Last(l => l.StartsWith("HX9")) + "\r\n");
            // Unflagged rows first, then OR rows, each in RowID order: HX3 (no flag) comes before the first OR row.
            int hx3 = System.Array.FindIndex(lines, l => l.StartsWith("HX3"));
            int firstOr = System.Array.FindIndex(lines, l => l.Contains(",OR,"));
            Assert.True(hx3 < firstOr);
            string unmatched = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(outDir, "Acme Health_unmatched_reversals.csv")));
            Assert.Contains("\r\n10004,HX4,2025-03-07,M900003,00002143380,-2\r\n", unmatched);
            Assert.StartsWith("\uFEFFRowID,SOURCERECORDID,DATEFILLED,MemberID,NDC,QUANTITY\r\n", unmatched);
        }
    }
}
