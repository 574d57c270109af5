using System;
using System.IO;
using System.Linq;
using System.Threading;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    /// <summary>
    /// The mechanisms that make a million-claim run fit in time and memory (issue 15): decimal keys normalised for the O/R
    /// groups, typed cells that keep no text, and two large inputs read at the same time. Expected values are worked out by
    /// hand from spec §2-§4.
    /// </summary>
    public class LargeRunTests
    {
        private static int[] Bits(decimal d) => decimal.GetBits(d);

        [Fact]
        public void Normalise_GivesEqualNumbersTheSameBits()
        {
            // 30, 30.0 and |-30.00| are the number 30: scale 0, no sign, mantissa 30.
            foreach (string text in new[] { "30", "30.0", "30.00", "-30.00" })
            {
                Assert.Equal(new[] { 30, 0, 0, 0 }, Bits(Matcher.Normalise(Math.Abs(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture)))));
            }
            Assert.Equal(Matcher.Normalise(30m).GetHashCode(), Matcher.Normalise(30.00m).GetHashCode());
            // 0.50 is 5 with scale 1 (flags: scale in bits 16-23); -45.10 is -451 with scale 1 (sign in bit 31).
            Assert.Equal(new[] { 5, 0, 0, 1 << 16 }, Bits(Matcher.Normalise(0.50m)));
            Assert.Equal(new[] { 451, 0, 0, unchecked((int)0x80010000) }, Bits(Matcher.Normalise(-45.10m)));
            // Zero has no sign and no scale, however it was written.
            Assert.Equal(new[] { 0, 0, 0, 0 }, Bits(Matcher.Normalise(-0.00m)));
            // 12.345 keeps every decimal it needs.
            Assert.Equal(new[] { 12345, 0, 0, 3 << 16 }, Bits(Matcher.Normalise(12.3450m)));
        }

        private const string Header = "SOURCERECORDID,ClientName,DATEFILLED,MemberID,NDC,Drug Name,QUANTITY,DAYSUPPLY,Pharmacy Name\r\n";

        [Fact]
        public void Quantities30And30_0AndMinus30_00_AreOneGroup()
        {
            // Two claims of 30 written two ways and two reversals; spec §4: the first reversal (Jan 10) takes the claim with the
            // fewest days before it (Jan 3, RowID 2), the second (Jan 11) the one left (Jan 1, RowID 1); -31 is another group.
            string f1 = Header +
                "2001,Acme,2025-01-01,M1,00093505601,ATORVASTATIN,30.0,30,MAIN ST\r\n" +
                "2002,Acme,2025-01-03,M1,00093505601,ATORVASTATIN,30,30,MAIN ST\r\n" +
                "2003,Acme,2025-01-10,M1,00093505601,ATORVASTATIN,-30.00,-30,MAIN ST\r\n" +
                "2004,Acme,2025-01-11,M1,00093505601,ATORVASTATIN,-30,-30,MAIN ST\r\n" +
                "2005,Acme,2025-01-11,M1,00093505601,ATORVASTATIN,-31,-30,MAIN ST\r\n";
            string f2 = "Source Record ID,Total AWP (Historical)\r\n2001,45.10\r\n2002,45.10\r\n2003,-45.10\r\n2004,-45.10\r\n2005,-46.00\r\n";
            using var run = new RepricingServiceTests.Run();
            var r = run.Reprice(run.Write("f1.csv", f1), run.Write("f2.csv", f2));
            var byKey = RepricingServiceTests.ReadCsv(run.Dir.Combine("out", "Acme_merged_file_with_OR.csv")).ToDictionary(m => m["SOURCERECORDID"]);
            Assert.Equal(("Matched", "2"), (byKey["2003"]["MatchStatus"], byKey["2003"]["MatchedRowID"]));
            Assert.Equal(("Matched", "1"), (byKey["2004"]["MatchStatus"], byKey["2004"]["MatchedRowID"]));
            Assert.Equal(("UnmatchedReversal", ""), (byKey["2005"]["MatchStatus"], byKey["2005"]["MatchedRowID"]));
            Assert.Equal((2, 1), (r.MatchedPairs, r.UnmatchedReversals));
            Assert.Equal("30.0", byKey["2001"]["QUANTITY"]); // the output keeps each value as written
        }

        [Fact]
        public void Strict_AwpWrittenWithFewerDecimals_StillMatches_AndACentApartDoesNot()
        {
            // Strict (spec §4): |claim AWP + reversal AWP| < 0.01. 45.1 and -45.10 sum to 0: a pair (RowIDs 1 and 2).
            // 45.12 and -45.11 sum to 0.01: not less than 0.01, so the second reversal has no claim.
            string f1 = Header +
                "3001,Acme,2025-02-01,M2,00378395477,LISINOPRIL,60,30,CVS\r\n" +
                "3002,Acme,2025-02-05,M2,00378395477,LISINOPRIL,-60.0,-30,CVS\r\n" +
                "3003,Acme,2025-02-02,M2,00378395477,LISINOPRIL,60,30,CVS\r\n" +
                "3004,Acme,2025-02-06,M2,00378395477,LISINOPRIL,-60,-30,CVS\r\n";
            string f2 = "Source Record ID,Total AWP (Historical)\r\n3001,45.1\r\n3002,-45.10\r\n3003,45.12\r\n3004,-45.11\r\n";
            using var run = new RepricingServiceTests.Run();
            var r = run.Reprice(run.Write("f1.csv", f1), run.Write("f2.csv", f2), q => q.MatchRule = MatchRule.Strict);
            var byKey = RepricingServiceTests.ReadCsv(run.Dir.Combine("out", "Acme_merged_file_with_OR.csv")).ToDictionary(m => m["SOURCERECORDID"]);
            Assert.Equal(("Matched", "1"), (byKey["3002"]["MatchStatus"], byKey["3002"]["MatchedRowID"]));
            Assert.Equal(("Matched", "2"), (byKey["3001"]["MatchStatus"], byKey["3001"]["MatchedRowID"]));
            Assert.Equal("UnmatchedReversal", byKey["3004"]["MatchStatus"]);
            Assert.Equal("", byKey["3003"]["MatchStatus"]);
            Assert.Equal((1, 1), (r.MatchedPairs, r.UnmatchedReversals));
        }

        [Fact]
        public void TypedCells_KeepNoText_ButReadBackAsTheirValue_AndIssuesStayInColumnOrder()
        {
            // Row 2's QUANTITY and row 3's DATEFILLED do not parse; DATEFILLED is the earlier column, so its issue comes first
            // (spec §2: issues by column, then row, as before typing became row by row).
            string text = "SOURCERECORDID,DATEFILLED,MemberID,QUANTITY\r\n" +
                          "1, 1/5/2025 , M1 ,30.0\r\n" +
                          "2,2025-01-06,M2,abc\r\n" +
                          "3,2025-13-40,M3,-2\r\n" +
                          "4,2025-01-08,M4, \r\n";
            using var t = new TempDir();
            string path = t.Combine("f1.csv");
            File.WriteAllText(path, text);
            var f = FileImporter.Import(path, FileRole.File1, null, false, default);
            Table table = f.Data;
            // Parsed: no text kept; read back as the outputs write it (ISO date, decimal with its scale).
            Assert.Equal(("", ""), (table.Rows[0][1], table.Rows[0][3]));
            Assert.Equal(("2025-01-05", "30.0", "-2"), (table.Text(0, 1), table.Text(0, 3), table.Text(2, 3)));
            // Not parsed, or blank: the text as read.
            Assert.Equal(("abc", "2025-13-40", " "), (table.Rows[1][3], table.Rows[2][1], table.Rows[3][3]));
            Assert.Equal(("abc", "2025-13-40"), (table.Text(1, 3), table.Text(2, 1)));
            Assert.Equal(new[] { "1", "M1" }, new[] { table.Text(0, 0), table.Text(0, 2) }); // key and member trimmed, as before
            Assert.Equal(new[] { ("DATEFILLED", 3, "2025-13-40"), ("QUANTITY", 2, "abc") }, f.Issues.Select(i => (i.Column, i.Row, i.Value)));
            // Column 2 is the opportunity name when there is no ClientName column: as read, not as the date it parses to.
            Assert.Equal("1/5/2025", f.OpportunityName);
        }

        [Fact]
        public void MoreRowsThanTheLineCountPromised_AreAllTyped()
        {
            // A Windows-1252 file stops the UTF-8 check (and its line count) at the first block: the typed arrays, sized from
            // that count, must grow. Row i has QUANTITY i and DATEFILLED 2025-01-01 plus i mod 28 days.
            var text = new System.Text.StringBuilder("SOURCERECORDID,ClientName,DATEFILLED,QUANTITY\r\n");
            for (int i = 1; i <= 20000; i++) text.Append(i).Append(",Soci\u00e9t\u00e9,2025-01-").Append((1 + i % 28).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(i).Append("\r\n");
            using var t = new TempDir();
            string path = t.Combine("f1.csv");
            File.WriteAllBytes(path, System.Text.Encoding.GetEncoding("ISO-8859-1").GetBytes(text.ToString()));
            var f = FileImporter.Import(path, FileRole.File1, null, false, default);
            Assert.Contains("Windows-1252", Assert.Single(f.Warnings));
            Assert.Equal(20000, f.RowCount);
            Assert.Empty(f.Issues);
            Assert.Equal(("1", "2025-01-02"), (f.Data.Text(0, 3), f.Data.Text(0, 2)));
            Assert.Equal(("20000", "2025-01-09"), (f.Data.Text(19999, 3), f.Data.Text(19999, 2))); // 20000 mod 28 = 8
            Assert.Equal(20000, f.Data.Typed[3].Length);
        }

        [Fact]
        public void AMillionEmptyLines_DoNotMakeTheReaderReserveAMillionRows()
        {
            // 20 columns, two records and a million empty lines between them (1 MB). Sizing the arrays by lines alone would
            // reserve a million rows (8 bytes each in the row list, 16 + 20 for the date and quantity: about 44 MB); a row
            // per 20 bytes of file is at most 50,000 rows (about 2 MB).
            string header = "SOURCERECORDID,DATEFILLED,QUANTITY," + string.Join(",", Enumerable.Range(4, 17).Select(i => "C" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            string filler = new string(',', 17);
            using var t = new TempDir();
            string path = t.Combine("f1.csv");
            File.WriteAllText(path, header + "\n1,2025-01-01,30" + filler + "\n" + new string('\n', 1000000) + "2,2025-01-02,-30" + filler + "\n");
            long before = GC.GetAllocatedBytesForCurrentThread();
            var f = FileImporter.Import(path, FileRole.File1, null, false, default);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(2, f.RowCount);
            Assert.Equal(("30", "-30", "2025-01-02"), (f.Data.Text(0, 2), f.Data.Text(1, 2), f.Data.Text(1, 1)));
            Assert.Equal(2, f.Data.Typed[2].Length);
            Assert.True(allocated < 20L << 20, $"the import allocated {allocated / (1 << 20)} MB");
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void TeeStream_WritesEveryByteToBothStreams_InOrder(bool background)
        {
            // 5 MB in writes of uneven sizes (1 byte to about 1.3 MB), through the caller's thread or the writer thread.
            var random = new Random(15);
            var data = new byte[5 << 20];
            random.NextBytes(data);
            var a = new MemoryStream();
            var b = new MemoryStream();
            using (var tee = new Outputs.TeeStream(a, b, background))
            {
                int offset = 0;
                while (offset < data.Length)
                {
                    int n = Math.Min(data.Length - offset, random.Next(1, 1_300_000));
                    tee.Write(data, offset, n);
                    offset += n;
                }
                tee.Flush();
            }
            Assert.Equal(data, a.ToArray());
            Assert.Equal(data, b.ToArray());
        }

        /// <summary>A stream whose third write fails as a full disk does.</summary>
        private sealed class FailingStream : MemoryStream
        {
            private int _writes;

            public override void Write(byte[] buffer, int offset, int count)
            {
                if (++_writes == 3) throw new IOException("No space left on device");
                base.Write(buffer, offset, count);
            }
        }

        [Fact]
        public void TeeStream_InTheBackground_RethrowsAFailedWriteToTheCaller()
        {
            var block = new byte[1 << 20];
            var tee = new Outputs.TeeStream(new MemoryStream(), new FailingStream(), background: true);
            // The third block fails on the writer thread: the caller sees that IOException at a later write or at the flush.
            var ex = Assert.Throws<IOException>(() =>
            {
                for (int i = 0; i < 10; i++) tee.Write(block, 0, block.Length);
                tee.Flush();
            });
            Assert.Equal("No space left on device", ex.Message);
            tee.Dispose(); // ends the writer thread without throwing again
        }

        [Fact]
        public void DuplicateKeys_AreListedInOrderOfFirstAppearance_InBothFiles()
        {
            // File1 repeats 1002 (rows 2 and 9) and 1001 (rows 1 and 10): 1001 appears first, so it is listed first, although
            // its repeat comes last. File2 repeats 1004 then 1003 the same way.
            var lines1 = WorkedExample.File1.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
            string f1 = string.Join("\r\n", lines1.Concat(new[] { lines1[2], lines1[1] })) + "\r\n";
            var lines2 = WorkedExample.File2.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
            string f2 = string.Join("\r\n", lines2.Concat(new[] { lines2[4], lines2[3] })) + "\r\n";
            using var run = new RepricingServiceTests.Run();
            var ex = Assert.Throws<RepricingException>(() => run.Reprice(run.Write("f1.csv", f1), run.Write("f2.csv", f2)));
            Assert.StartsWith("Duplicate SOURCERECORDID in File1: 1001, 1002; Duplicate SOURCERECORDID in File2: 1003, 1004.", ex.Message);
        }

        [Fact]
        public void TwoLargePathInputs_AreReadTogether_WithTheSameOutputsAndAuditOrder()
        {
            using var t = new TempDir();
            var set = SampleData.Write(t.Combine("in"), 50000, 7, template: false);
            Assert.True(RepricingService.BackgroundRead.Worthwhile(set.File1, set.File2), "the test files must be large enough to be read together");

            using var together = new RepricingServiceTests.Run();
            var a = together.Service.Run(new RepricingRequest { File1Path = set.File1, File2Path = set.File2, OutputDirectory = together.Dir.Combine("out") }, default);
            using var oneByOne = new RepricingServiceTests.Run();
            var b = oneByOne.Reprice(set.File1, set.File2);

            Assert.Equal((b.MergedRows, b.MatchedPairs, b.UnmatchedReversals, b.Issues.Length), (a.MergedRows, a.MatchedPairs, a.UnmatchedReversals, a.Issues.Length));
            foreach (string name in a.OutputFiles.Select(Path.GetFileName))
            {
                Assert.Equal(File.ReadAllBytes(oneByOne.Dir.Combine("out", name!)), File.ReadAllBytes(together.Dir.Combine("out", name!)));
            }
            // Audit order as a sequential read: File1 loaded, then File2, then the merge.
            var audit = together.Audit();
            int load1 = audit.FindIndex(e => e.Action == "Import File1"), load2 = audit.FindIndex(e => e.Action == "Import File2"), merge = audit.FindIndex(e => e.Action == "Merge");
            Assert.True(load1 >= 0 && load1 < load2 && load2 < merge, $"File1 {load1}, File2 {load2}, merge {merge}");
        }

        [Fact]
        public void TwoLargePathInputs_BothBad_ReportFile1First_AndFile2Alone_ReportsFile2()
        {
            using var t = new TempDir();
            var set = SampleData.Write(t.Combine("in"), 50000, 7, template: false);
            string noDate = t.Combine("no-date.csv"), noKey = t.Combine("no-key.csv");
            var lines1 = File.ReadAllLines(set.File1);
            lines1[0] = lines1[0].Replace("DATEFILLED", "FILLDATE");
            File.WriteAllLines(noDate, lines1);
            var lines2 = File.ReadAllLines(set.File2);
            lines2[0] = lines2[0].Replace("Source Record ID", "Record");
            File.WriteAllLines(noKey, lines2);
            Assert.True(RepricingService.BackgroundRead.Worthwhile(noDate, noKey));

            using var both = new RepricingServiceTests.Run();
            var ex = Assert.Throws<RepricingException>(() => both.Service.Run(new RepricingRequest { File1Path = noDate, File2Path = noKey, OutputDirectory = both.Dir.Combine("out") }, default));
            Assert.Equal("MissingColumns", ex.ErrorId);
            Assert.StartsWith("Missing required columns: DATEFILLED.", ex.Message);
            Assert.DoesNotContain(both.Audit(), e => e.Action == "Import File2"); // as a sequential read: File2 never started

            using var second = new RepricingServiceTests.Run();
            ex = Assert.Throws<RepricingException>(() => second.Service.Run(new RepricingRequest { File1Path = set.File1, File2Path = noKey, OutputDirectory = second.Dir.Combine("out") }, default));
            Assert.Equal("MissingColumns", ex.ErrorId);
            Assert.StartsWith("Missing required columns: SOURCERECORDID.", ex.Message);
            Assert.False(Directory.Exists(second.Dir.Combine("out")) && Directory.GetFileSystemEntries(second.Dir.Combine("out")).Length > 0);
        }

        [Fact]
        public void TwoLargePathInputs_Cancelled_StopBothReaders()
        {
            using var t = new TempDir();
            var set = SampleData.Write(t.Combine("in"), 50000, 7, template: false);
            using var run = new RepricingServiceTests.Run();
            // Ctrl+C before the readers start: each stops at its first check (File2's on its own thread), the run ends Cancelled.
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            var request = new RepricingRequest { File1Path = set.File1, File2Path = set.File2, OutputDirectory = run.Dir.Combine("out") };
            Assert.ThrowsAny<OperationCanceledException>(() => run.Service.Run(request, cts.Token));
            Assert.StartsWith("Outcome: Cancelled", run.Audit().Last().Message);
            Assert.True(!Directory.Exists(run.Dir.Combine("out")) || Directory.GetFileSystemEntries(run.Dir.Combine("out")).Length == 0);
        }
    }
}
