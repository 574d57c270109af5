using System;
using System.Threading.Tasks;
using System.Diagnostics;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Audit.Folder;
using Xunit;

namespace RepricingPS.Core.Tests.Audit
{
    /// <summary>
    /// The legacy-file index (issue 15) changes how much of a file a query reads, never its answer: every test compares a
    /// read through the index with a full read of the same file (entries, EntryIds, sources, malformed rows, Incomplete).
    /// </summary>
    public class LegacyIndexTests
    {
        private static string Snapshot(List<AuditEntry> entries, ReadStats stats) =>
            string.Join("\n", entries.Select(e => $"{e.EntryId}|{e.Timestamp:o}|{e.Source}|{e.User}|{e.Script}|{e.Status}|{e.Message}|{e.Computer}|{e.Error}"))
            + "\n--\n" + string.Join("\n", stats.Problems.Select(p => $"{p.File}:{p.Line}|{p.Reason}|{p.Raw}"))
            + $"\nmalformed {stats.MalformedRows} incomplete {stats.Incomplete} in-window {stats.EntriesInWindow} duplicates {stats.Duplicates} files {string.Join(",", stats.Files)}";

        private static (string Snap, ReadStats Stats, List<AuditEntry> Entries) Read(string root, string? index, AuditQuery query, int block)
        {
            var stats = new ReadStats();
            var reader = new AuditLogReader(TestAccess.Location(root, root + "-spool", indexRoot: index)) { LegacyBlockRecords = block };
            var entries = reader.Read(query, stats);
            return (Snapshot(entries, stats), stats, entries);
        }

        private static AuditQuery Window(DateTime? since, DateTime? until) => new AuditQuery
        {
            Since = since.HasValue ? new DateTimeOffset(since.Value, TimeSpan.Zero) : (DateTimeOffset?)null,
            Until = until.HasValue ? new DateTimeOffset(until.Value, TimeSpan.Zero) : (DateTimeOffset?)null,
        };

        /// <summary>All time, since-only, until-only, and two-day windows every <paramref name="stepHours"/> hours over the days given.</summary>
        private static IEnumerable<AuditQuery> Windows(DateTime first, DateTime last, int stepHours = 19)
        {
            yield return new AuditQuery();
            yield return new AuditQuery { ErrorsOnly = true, Users = { "Dan" } };
            for (DateTime d = first; d <= last; d = d.AddHours(stepHours))
            {
                yield return Window(d, d.AddDays(2));
                yield return Window(d, null);
                yield return Window(null, d);
            }
        }

        /// <summary>Each window read in full and through the index (the first use of an index may build or extend it); returns the blocks skipped.</summary>
        private static int AssertSameAnswers(string root, string index, IEnumerable<AuditQuery> windows, int block)
        {
            int skipped = 0;
            foreach (AuditQuery q in windows)
            {
                var full = Read(root, null, q, block);
                var cached = Read(root, index, q, block);
                Assert.Equal(full.Snap, cached.Snap);
                skipped += cached.Stats.LegacyBlocksSkipped;
            }
            return skipped;
        }

        private static string Row(DateTime t, string user, string message, string status = "INFO") =>
            t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "," + user + ",x.py," + message + "," + status + "\r\n";

        /// <summary>Hourly rows over three days, some errors, a malformed row every so often (short row, bad timestamp).</summary>
        private static string Hourly(DateTime start, int hours, string prefix = "")
        {
            var sb = new StringBuilder();
            for (int i = 0; i < hours; i++)
            {
                DateTime t = start.AddHours(i);
                if (i % 11 == 5) sb.Append("garbage without commas\r\n");
                if (i % 13 == 7) sb.Append("2026-13-45 10:00:00,ann,x.py,bad month,ERROR\r\n");
                sb.Append(Row(t, i % 3 == 0 ? "Dan" : "ann", prefix + "row " + i, i % 4 == 0 ? "USER_ERROR" : "INFO"));
            }
            return sb.ToString();
        }

        private const string Header = "Timestamp,User,Script,Message,Status\r\n";
        private static readonly DateTime Day0 = new DateTime(2026, 11, 10);

        [Fact]
        public void SharedSamples_ThroughIndex_SameAnswersAsFullRead_AndMatchReferenceCounts()
        {
            using var t = new TempDir();
            string index = t.Combine("index");
            int skipped = AssertSameAnswers(Fixtures.LegacyRoot, index, Windows(new DateTime(2026, 10, 25), new DateTime(2026, 11, 28)), block: 4);
            Assert.True(skipped > 0, "the index never let a query skip a block");
            Assert.NotEmpty(Directory.GetFiles(index, "*.idx"));
            Assert.Empty(Directory.GetFiles(index, "*.tmp"));

            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.SharedDir, "data", "legacy-audit.expected.json")));
            var (_, stats, entries) = Read(Fixtures.LegacyRoot, index, new AuditQuery(), 4);
            Assert.Equal(doc.RootElement.GetProperty("total_entries").GetInt32(), entries.Count);
            Assert.Equal(doc.RootElement.GetProperty("malformed_rows").GetInt32(), stats.MalformedRows);
            Assert.Equal(doc.RootElement.GetProperty("error_count").GetInt32(), entries.Count(e => e.IsError));
        }

        [Fact]
        public void WindowOutsideEveryRow_SkipsBlocksButStillCountsEveryMalformedRow()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv"), Header + Hourly(Day0, 72));
            // By hand: 72 hours, "garbage" at i % 11 == 5 (i = 5, 16, 27, 38, 49, 60, 71: 7 rows), bad month at
            // i % 13 == 7 (i = 7, 20, 33, 46, 59: 5 rows): 12 malformed rows, counted for every window as a full read does.
            Read(t.Combine("root"), t.Combine("index"), new AuditQuery(), 8);
            var (_, stats, entries) = Read(t.Combine("root"), t.Combine("index"), Window(new DateTime(2020, 1, 1), new DateTime(2020, 1, 2)), 8);
            Assert.Empty(entries);
            Assert.Equal(12, stats.MalformedRows);
            Assert.True(stats.LegacyBlocksSkipped >= 9, $"skipped {stats.LegacyBlocksSkipped} blocks"); // 84 rows in blocks of 8
        }

        [Fact]
        public void AppendedFile_ExtendsIndex_SameAnswers()
        {
            using var t = new TempDir();
            string file = t.Combine("root", "audit_log.csv");
            Fixtures.WriteLegacy(file, Header + Hourly(Day0, 40));
            AssertSameAnswers(t.Combine("root"), t.Combine("index"), Windows(Day0, Day0.AddDays(2)), 5);
            long before = new FileInfo(file).Length;
            File.AppendAllText(file, Hourly(Day0.AddHours(40), 40, "appended "));
            Assert.True(new FileInfo(file).Length > before);
            int skipped = AssertSameAnswers(t.Combine("root"), t.Combine("index"), Windows(Day0, Day0.AddDays(4)), 5);
            Assert.True(skipped > 0);
            var (_, _, entries) = Read(t.Combine("root"), t.Combine("index"), Window(Day0.AddHours(60), Day0.AddHours(62)), 5);
            Assert.Contains(entries, e => e.Message == "appended row 20");
        }

        [Fact]
        public void AppendedFile_WhoseLastRecordWasCutInsideAQuote_IsReadAsAFullReadReadsIt()
        {
            using var t = new TempDir();
            string file = t.Combine("root", "audit_log.csv");
            // The writer died inside a quoted traceback: one malformed record at the end.
            Fixtures.WriteLegacy(file, Header + Hourly(Day0, 30) + "2026-11-11 07:00:00,ann,x.py,\"Traceback (most recent call last):\r\n  File x");
            AssertSameAnswers(t.Combine("root"), t.Combine("index"), Windows(Day0, Day0.AddDays(2)), 4);
            // The rest of that record arrives, then more rows: what was malformed becomes a whole record.
            File.AppendAllText(file, "\r\nKeyError: 'NDC'\",ERROR\r\n" + Hourly(Day0.AddHours(31), 20, "later "));
            AssertSameAnswers(t.Combine("root"), t.Combine("index"), Windows(Day0, Day0.AddDays(3)), 4);
            var (_, _, entries) = Read(t.Combine("root"), t.Combine("index"), new AuditQuery(), 4);
            Assert.Contains(entries, e => e.Status == "ERROR" && e.Message.Contains("KeyError: 'NDC'"));
        }

        [Fact]
        public void RewrittenFile_SameSizeNewModificationTime_IsReadAgain()
        {
            using var t = new TempDir();
            string file = t.Combine("root", "audit_log.csv");
            Fixtures.WriteLegacy(file, Header + Hourly(Day0, 48));
            AssertSameAnswers(t.Combine("root"), t.Combine("index"), Windows(Day0, Day0.AddDays(2)), 6);
            long size = new FileInfo(file).Length;
            // Same bytes but shifted ten days later (same length), written a minute later than before.
            Fixtures.WriteLegacy(file, Header + Hourly(Day0.AddDays(10), 48));
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
            Assert.Equal(size, new FileInfo(file).Length);
            AssertSameAnswers(t.Combine("root"), t.Combine("index"), Windows(Day0, Day0.AddDays(12), 31), 6);
            var (_, _, entries) = Read(t.Combine("root"), t.Combine("index"), Window(Day0.AddDays(10), Day0.AddDays(11)), 6);
            Assert.NotEmpty(entries);
        }

        [Fact]
        public void RewrittenFile_SameSizeSameModificationTime_ChangedContentIsStillNoticed()
        {
            using var t = new TempDir();
            string file = t.Combine("root", "audit_log.csv");
            Fixtures.WriteLegacy(file, Header + Hourly(Day0, 48));
            DateTime mtime = File.GetLastWriteTimeUtc(file);
            AssertSameAnswers(t.Combine("root"), t.Combine("index"), Windows(Day0, Day0.AddDays(2)), 6);
            Fixtures.WriteLegacy(file, Header + Hourly(Day0.AddDays(10), 48));
            File.SetLastWriteTimeUtc(file, mtime); // a copy that kept the old time stamp
            AssertSameAnswers(t.Combine("root"), t.Combine("index"), Windows(Day0, Day0.AddDays(12), 31), 6);
        }

        [Fact]
        public void TruncatedFile_IsReadAgain()
        {
            using var t = new TempDir();
            string file = t.Combine("root", "audit_log.csv");
            Fixtures.WriteLegacy(file, Header + Hourly(Day0, 60));
            AssertSameAnswers(t.Combine("root"), t.Combine("index"), Windows(Day0, Day0.AddDays(3)), 5);
            using (var fs = new FileStream(file, FileMode.Open)) fs.SetLength(fs.Length / 2 + 7); // cut mid-record
            AssertSameAnswers(t.Combine("root"), t.Combine("index"), Windows(Day0, Day0.AddDays(3)), 5);
        }

        [Fact]
        public void CorruptCache_IsNoError_AndIsRebuilt()
        {
            using var t = new TempDir();
            string file = t.Combine("root", "audit_log.csv");
            Fixtures.WriteLegacy(file, Header + Hourly(Day0, 60));
            string index = t.Combine("index");
            Read(t.Combine("root"), index, new AuditQuery(), 5);
            string cache = Assert.Single(Directory.GetFiles(index, "*.idx"));
            byte[] good = File.ReadAllBytes(cache);
            var corruptions = new List<byte[]>
            {
                good.Take(good.Length / 2).ToArray(),                                    // cut short
                Encoding.UTF8.GetBytes("not an index at all"),                           // garbage
                Array.Empty<byte>(),                                                     // empty
                good.Select((b, i) => i == good.Length / 3 ? (byte)(b ^ 0x40) : b).ToArray(), // one flipped bit
            };
            foreach (byte[] bad in corruptions)
            {
                File.WriteAllBytes(cache, bad);
                AssertSameAnswers(t.Combine("root"), index, Windows(Day0, Day0.AddDays(3), 23), 5);
                Assert.NotNull(LegacyIndex.Load(File.ReadAllBytes(cache))); // rebuilt by the first read
            }
        }

        [Fact]
        public void Prune_RemovesOnlyWhatIsOursAndAbandoned()
        {
            using var t = new TempDir();
            string index = t.Combine("index");
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv"), Header + Hourly(Day0, 30));
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv.1"), Header + Hourly(Day0, 30));
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv.2"), Header + Hourly(Day0, 30));
            Read(t.Combine("root"), index, new AuditQuery(), 5);
            string Cache(string leaf) => LegacyIndex.CacheFile(index, t.Combine("root", leaf));
            string kept = Cache("audit_log.csv"), gone = Cache("audit_log.csv.1"), goneLately = Cache("audit_log.csv.2");
            Assert.True(File.Exists(kept) && File.Exists(gone) && File.Exists(goneLately));
            File.Delete(t.Combine("root", "audit_log.csv.1"));
            File.Delete(t.Combine("root", "audit_log.csv.2"));

            DateTime now = new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
            void Age(string path, double days) => File.SetLastWriteTimeUtc(path, now.AddDays(-days));
            Age(kept, 400);        // its file is still there: kept however old
            Age(gone, 31);         // file gone, index over 30 days old: removed
            Age(goneLately, 29);   // file gone, index under 30 days old: kept (the drive may be offline)
            string oldTemp = kept + "." + new string('a', 32) + ".tmp", newTemp = gone + "." + new string('b', 32) + ".tmp";
            File.WriteAllText(oldTemp, "half a save"); Age(oldTemp, 2);      // abandoned save: removed
            File.WriteAllText(newTemp, "a save under way"); Age(newTemp, 0.5); // another process may be writing it: kept
            string corrupt = t.Combine("index", new string('c', 32) + ".idx"), corruptNew = t.Combine("index", new string('d', 32) + ".idx");
            File.WriteAllText(corrupt, "not an index"); Age(corrupt, 2);        // not a whole index, old: removed
            File.WriteAllText(corruptNew, "not an index"); Age(corruptNew, 0.5); // not a whole index, new: kept
            // Not ours, however old: other names, upper-case hex, a folder, a file of ours one character off.
            string[] foreign =
            {
                t.Combine("index", "notes.txt"), t.Combine("index", new string('E', 32) + ".idx"), t.Combine("index", new string('e', 31) + ".idx"),
                t.Combine("index", new string('e', 32) + ".idx.bak"), t.Combine("index", new string('e', 32) + ".idx.x.tmp"),
            };
            foreach (string f in foreign) { File.WriteAllText(f, "x"); Age(f, 400); }
            Directory.CreateDirectory(t.Combine("index", new string('f', 32) + ".idx"));

            Assert.Equal(3, LegacyIndex.Prune(index, now));

            Assert.False(File.Exists(gone));
            Assert.False(File.Exists(oldTemp));
            Assert.False(File.Exists(corrupt));
            Assert.True(File.Exists(kept) && File.Exists(goneLately) && File.Exists(newTemp) && File.Exists(corruptNew));
            Assert.All(foreign, f => Assert.True(File.Exists(f), f));
            Assert.True(Directory.Exists(t.Combine("index", new string('f', 32) + ".idx")));
            AssertSameAnswers(t.Combine("root"), index, Windows(Day0, Day0.AddDays(2)), 5); // what is left still serves
        }

        [Fact]
        public void Prune_MissingFolder_IsNoError_AndASaveRunsIt()
        {
            using var t = new TempDir();
            Assert.Equal(0, LegacyIndex.Prune(t.Combine("no such folder"), DateTime.UtcNow));
            // A save prunes: an abandoned temporary file is gone after the next file's first query.
            string index = t.Combine("index");
            Directory.CreateDirectory(index);
            string abandoned = Path.Combine(index, new string('a', 32) + ".idx." + new string('b', 32) + ".tmp");
            File.WriteAllText(abandoned, "half a save");
            File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddDays(-3));
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv"), Header + Hourly(Day0, 30));
            Read(t.Combine("root"), index, new AuditQuery(), 5);
            Assert.False(File.Exists(abandoned));
            Assert.Single(Directory.GetFiles(index, "*.idx"));
        }

        [Fact]
        public void UnwritableCacheFolder_IsNoError()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv"), Header + Hourly(Day0, 30));
            // A file where the cache folder's parent should be: no process (root included) can create the folder.
            File.WriteAllText(t.Combine("blocked"), "a file, not a folder");
            string index = t.Combine("blocked", "index");
            var notes = new List<string>();
            var stats = new ReadStats();
            var entries = new AuditLogReader(TestAccess.Location(t.Combine("root"), t.Combine("spool"), indexRoot: index))
                .Read(new AuditQuery(), stats, new Progress(notes));
            Assert.Equal(Read(t.Combine("root"), null, new AuditQuery(), 5).Snap, Snapshot(entries, stats));
            Assert.Contains(notes, n => n.Contains("could not be saved"));
            AssertSameAnswers(t.Combine("root"), index, Windows(Day0, Day0.AddDays(2)), 5);
        }

        [Fact]
        public void ReadOnlyCacheFolder_UnprivilegedChild_IsNoError()
        {
            if (OperatingSystem.IsWindows()) return;
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv"), Header + Hourly(Day0, 30));
            Directory.CreateDirectory(t.Combine("index"));
            File.SetUnixFileMode(t.Path, (UnixFileMode)0x1ED); // 0755: the child can read the root
            File.SetUnixFileMode(t.Combine("root"), (UnixFileMode)0x1ED);
            File.SetUnixFileMode(t.Combine("index"), (UnixFileMode)0x16D); // 0555: read-only for everyone but root
            var full = Child.Host(65534, "legacy-query", t.Combine("root"), "-", "-", "-", "5");
            var cached = Child.Host(65534, "legacy-query", t.Combine("root"), t.Combine("index"), "-", "-", "5");
            Assert.True(cached.Exit == 0, cached.Out + cached.Err);
            Assert.Equal(full.Out, cached.Out);
            Assert.Contains("malformed 5 ", cached.Out); // by hand: garbage at i = 5, 16, 27; bad month at i = 7, 20
            Assert.Empty(Directory.GetFiles(t.Combine("index")));
        }

        [Fact]
        public void ChangedTimeZone_IndexBuiltInOneZoneAnswersInAnother()
        {
            using var t = new TempDir();
            // Hourly rows over three days, plus rows at the ends of the calendar, whose validity depends on the zone.
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv"),
                Header + Hourly(Day0, 72) + Row(new DateTime(1, 1, 1, 3, 0, 0), "ann", "calendar start") + Hourly(Day0.AddDays(3), 10, "more ")
                + Row(new DateTime(9999, 12, 31, 22, 0, 0), "ann", "calendar end"));
            string root = t.Combine("root"), index = t.Combine("index");
            // Windows in UTC whose edges cut through the rows differently in each zone.
            var windows = new[] { ("2026-11-11T00:00:00Z", "2026-11-11T12:00:00Z"), ("2026-11-12T05:00:00Z", "-"), ("-", "2026-11-10T06:00:00Z"), ("-", "-") };
            Assert.Equal(0, Child.HostIn("Pacific/Kiritimati", null, "legacy-query", root, index, "-", "-", "6").Exit); // built at UTC+14
            foreach (string tz in new[] { "Etc/GMT+12", "America/New_York", "Pacific/Kiritimati", "UTC" })
            {
                foreach (var (since, until) in windows)
                {
                    var full = Child.HostIn(tz, null, "legacy-query", root, "-", since, until, "6");
                    var cached = Child.HostIn(tz, null, "legacy-query", root, index, since, until, "6");
                    Assert.True(full.Exit == 0 && cached.Exit == 0, full.Err + cached.Err);
                    Assert.Equal(full.Out, cached.Out);
                }
            }
            // By hand: 9999-12-31 22:00 is past the calendar's end west of UTC-2; 0001-01-01 03:00 before its start east of UTC+3.
            Assert.StartsWith("problem", Child.HostIn("Etc/GMT+12", null, "legacy-query", root, index, "-", "-", "6").Out.Split('\n').First(l => l.Contains("calendar end")));
            Assert.StartsWith("problem", Child.HostIn("Pacific/Kiritimati", null, "legacy-query", root, index, "-", "-", "6").Out.Split('\n').First(l => l.Contains("calendar start")));
            Assert.StartsWith("entry", Child.HostIn("UTC", null, "legacy-query", root, index, "-", "-", "6").Out.Split('\n').First(l => l.Contains("calendar start")));
        }

        [Fact]
        public void MultiLineQuotedRecords_AcrossBlockBoundaries_KeepTheirLinesAndIds()
        {
            using var t = new TempDir();
            var sb = new StringBuilder(Header);
            for (int i = 0; i < 40; i++)
            {
                DateTime ts = Day0.AddHours(i * 2);
                // Every third record is a quoted traceback over three lines, one of them starting with a timestamp inside the quotes.
                if (i % 3 == 0)
                {
                    sb.Append(ts.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
                      .Append(",ann,merge.py,\"Traceback (most recent call last):\r\n")
                      .Append(ts.AddMinutes(1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" logged inside quotes\r\n")
                      .Append("KeyError: 'NDC' ").Append(i).Append("\",ERROR\r\n");
                }
                else sb.Append(Row(ts, "ann", "plain " + i));
                if (i == 17) sb.Append("\r\n\r\n"); // blank lines are not rows but count as lines
                if (i == 25) sb.Append(ts.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(",ann,x.py,\"unclosed quote runs on\r\n");
            }
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv"), sb.ToString());
            foreach (int block in new[] { 1, 2, 3, 4, 7 })
            {
                string index = t.Combine("index" + block);
                int skipped = AssertSameAnswers(t.Combine("root"), index, Windows(Day0, Day0.AddDays(4), 5), block);
                Assert.True(skipped > 0);
            }
            var (_, stats, entries) = Read(t.Combine("root"), t.Combine("index3"), new AuditQuery(), 3);
            Assert.Equal(14, entries.Count(e => e.Status == "ERROR")); // by hand: i = 0, 3, ..., 39
            Assert.Equal(1, stats.MalformedRows);                       // the unclosed quote
        }

        [Fact]
        public void TwoProcessesBuildingTheSameIndex_LeaveAWholeIndex()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv"), Header + Hourly(Day0, 3000));
            string root = t.Combine("root"), index = t.Combine("index");
            var children = Enumerable.Range(0, 4).Select(_ =>
            {
                var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "RepricingPS.TestHost.dll"), "legacy-query", root, index, "-", "-", "50" }) psi.ArgumentList.Add(a);
                return System.Diagnostics.Process.Start(psi)!;
            }).ToList();
            var outputs = children.Select(p => p.StandardOutput.ReadToEndAsync()).ToList();
            foreach (var p in children) { Assert.True(p.WaitForExit(120_000)); p.Dispose(); }
            string full = Child.Host(null, "legacy-query", root, "-", "-", "-", "50").Out;
            Assert.All(outputs, o => Assert.Equal(full, o.Result));
            string cache = Assert.Single(Directory.GetFiles(index));
            Assert.NotNull(LegacyIndex.Load(File.ReadAllBytes(cache)));
            AssertSameAnswers(root, index, Windows(Day0, Day0.AddDays(125), 240), 50);
        }

        [Fact]
        public void Sha256Hex_KnownVector_LowerCaseHexOfTheDigestPrefix()
        {
            // FIPS 180-2 test vector: SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad.
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashing.Sha256Hex("abc"));
            Assert.Equal("ba7816bf8f01cfea", Hashing.Sha256Hex("abc", 8));
        }

        private sealed class Progress : IProgress<string>
        {
            private readonly List<string> _notes;
            public Progress(List<string> notes) => _notes = notes;
            public void Report(string value) => _notes.Add(value);
        }
        private const string PruneHeader = "Timestamp,User,Script,Message,Status\n";

        private static string PruneRows(string prefix, int n) =>
            string.Concat(Enumerable.Range(0, n).Select(i => new DateTime(2026, 10, 1).AddHours(i).ToString("yyyy-MM-dd HH:mm:ss") + ",ann,old.py," + prefix + i + ",INFO\n"));

        private static void PruneQuery(string root, string index) =>
            new AuditLogReader(TestAccess.Location(root, root + "-spool", indexRoot: index)) { LegacyBlockRecords = 5 }.Read(new AuditQuery(), new ReadStats());

        /// <summary>
        /// (Adversarial review.) README: "the index of a legacy file that no longer exists goes once it is 30 days old (the file may be on a drive
        /// that is offline for a while)"; the commit: "the index of a legacy file gone for 30 days". But the age used is the
        /// index's own write time, and a retired program's file never changes, so its index is never rewritten: once it is
        /// 30 days old, the file missing for a moment (a share or VPN down, a drive unplugged) while any other legacy file's
        /// index is saved deletes it. The next query of that file reads it in full again (the cost the index exists to avoid).
        /// </summary>
        [Fact]
        public void Prune_AFileMissingForAMoment_KeepsTheIndexOfAnOldUnchangedFile()
        {
            using var t = new TempDir();
            string index = t.Combine("index");
            string share = t.Combine("share"), local = t.Combine("local");
            Fixtures.WriteLegacy(Path.Combine(share, "audit_log.csv"), PruneHeader + PruneRows("s", 30));
            PruneQuery(share, index);
            string cache = LegacyIndex.CacheFile(index, Path.Combine(share, "audit_log.csv"));
            Assert.True(File.Exists(cache));
            // Indexed 40 days ago and queried since, unchanged (the old program is retired): the index is not rewritten.
            File.SetLastWriteTimeUtc(cache, DateTime.UtcNow.AddDays(-40));
            PruneQuery(share, index);
            Assert.True(File.Exists(cache));

            Directory.Move(share, share + "-offline");              // the share is offline for a moment...
            Fixtures.WriteLegacy(Path.Combine(local, "audit_log.csv"), PruneHeader + PruneRows("l", 30));
            PruneQuery(local, index);                                     // ...while another legacy file's index is saved
            Directory.Move(share + "-offline", share);              // and back

            Assert.True(File.Exists(cache), "the index of a file missing for seconds was deleted as if gone for 30 days");
        }

        /// <summary>
        /// Prune reads every file named like an index in full (File.ReadAllBytes) before it looks at its age, so a FIFO named
        /// like an index in the folder blocks the save, and so the query, for ever ("Never fails the query").
        /// </summary>
        [Fact]
        public void Prune_AFifoNamedLikeAnIndex_DoesNotHang()
        {
            if (OperatingSystem.IsWindows()) return;
            using var t = new TempDir();
            string index = t.Combine("index");
            Directory.CreateDirectory(index);
            string fifo = Path.Combine(index, new string('a', 32) + ".idx");
            using (var mk = Process.Start("mkfifo", fifo)!) mk.WaitForExit();
            Assert.True(File.Exists(fifo));
            var prune = Task.Run(() => LegacyIndex.Prune(index, DateTime.UtcNow));
            bool finished = prune.Wait(TimeSpan.FromSeconds(10));
            if (!finished) using (var w = new FileStream(fifo, FileMode.Open, FileAccess.Write)) { } // release the blocked reader
            Assert.True(finished, "Prune blocked on a FIFO named like an index");
        }

    }
}
