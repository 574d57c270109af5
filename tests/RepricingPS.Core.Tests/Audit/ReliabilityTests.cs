using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using RepricingPS.Core.Audit;
using Xunit;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Tests.Audit
{
    public class ReliabilityTests
    {
        private static Process Host(params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RepricingPS.TestHost.dll"));
            foreach (string a in args) psi.ArgumentList.Add(a);
            var p = Process.Start(psi)!;
            Assert.Equal("started", p.StandardOutput.ReadLine());
            return p;
        }

        [Fact]
        public void EightWritersAndATail_AllEntriesStoredOnceAndSeenByTheTail()
        {
            using var t = new TempDir();
            string root = t.Combine("root");
            Directory.CreateDirectory(root);
            var tail = Host("tail", root, "8000", "240");
            // Four writer identities, two processes each: separate files and shared files at once.
            var writers = Enumerable.Range(0, 8).Select(i => Host("append", root, "1000", "w" + (i % 4), t.Combine("spool"))).ToList();
            foreach (var w in writers)
            {
                Assert.True(w.WaitForExit(240_000), "a writer did not finish");
                Assert.True(w.ExitCode == 0, w.StandardError.ReadToEnd());
            }
            Assert.True(tail.WaitForExit(240_000), "the tail did not finish");
            string tailSays = tail.StandardOutput.ReadToEnd().Trim();
            Assert.Equal("seen 8000 malformed 0", tailSays);
            var stats = new ReadStats();
            var entries = Fixtures.ReadAll(Fixtures.Location(root, t.Combine("spool")), stats);
            Assert.Equal(8000, entries.Count);
            Assert.Equal(8000, entries.Select(e => e.EntryId).Distinct().Count());
            Assert.Empty(stats.Problems);
            Assert.Equal(0, stats.Duplicates);
            foreach (var file in new AuditLogReader(Fixtures.Location(root)).FindFiles(null, null))
            {
                var report = AuditIntegrity.Check(file, root, default);
                Assert.True(report.IsValid, string.Join("; ", report.Problems));
            }
        }

        [Fact]
        public void WriterKilledInATightLoop_CostsAtMostOneRecordAndLaterWritesAreFine()
        {
            using var t = new TempDir();
            string root = t.Combine("root");
            Directory.CreateDirectory(root);
            var writer = Host("append", root, "10000000", "victim", t.Combine("spool"));
            Thread.Sleep(700);
            writer.Kill(); // SIGKILL on Unix
            writer.WaitForExit();
            var location = Fixtures.Location(root, t.Combine("spool"));
            var log = new AuditWriter(new FolderAuditStore(location), TestAccess.Identity("victim", "HOST-victim"), "after");
            log.Write(new AuditEntry { Script = "s", Message = "after the kill" });
            var stats = new ReadStats();
            var entries = Fixtures.ReadAll(location, stats);
            Assert.True(stats.MalformedRows <= 1, $"{stats.MalformedRows} malformed rows");
            Assert.Equal("after the kill", entries.Last().Message);
            Assert.True(entries.Count > 10, "the writer should have written entries before it was killed");
            var file = new AuditLogReader(location).FindFiles(null, null).Single();
            var report = AuditIntegrity.Check(file, root, default);
            Assert.Equal(stats.MalformedRows, report.MalformedRows);
            Assert.Equal(0, report.ChainBreaks);
        }

        private static (AuditLocation Location, string File) ChainedFile(TempDir t, int count)
        {
            var location = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(location.Root);
            var now = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
            var log = Fixtures.Log(location, clock: () => now = now.AddSeconds(1));
            string file = "";
            for (int i = 1; i <= count; i++) file = log.Write(new AuditEntry { Script = "s", Message = "record " + i }).File;
            return (location, file);
        }

        [Fact]
        public void Integrity_UntouchedFile_IsValid()
        {
            using var t = new TempDir();
            var (location, file) = ChainedFile(t, 5);
            var report = AuditIntegrity.Check(new AuditLogReader(location).FindFiles(null, null).Single(), location.Root, default);
            Assert.True(report.IsValid);
            Assert.Equal(5, report.Entries);
            Assert.False(report.Legacy);
        }

        [Fact]
        public void Integrity_WriterKilledInsideTheHashField_CostsOnlyThatRecord()
        {
            using var t = new TempDir();
            var (location, file) = ChainedFile(t, 3);
            using (var fs = new FileStream(file, FileMode.Open)) fs.SetLength(fs.Length - 40); // record 3 loses its CRLF and 38 hash digits
            var later = new DateTimeOffset(2026, 11, 26, 9, 1, 0, TimeSpan.Zero); // the same day and writer, so the same file
            Fixtures.Log(location, clock: () => later).Write(new AuditEntry { Script = "s", Message = "record 4" });
            var report = AuditIntegrity.Check(new AuditLogReader(location).FindFiles(null, null).Single(), location.Root, default);
            // Records 1, 2 and 4 are whole and chained (4 starts the chain again); record 3 (line 4) is the torn one.
            Assert.Equal(0, report.ChainBreaks);
            Assert.Equal(1, report.MalformedRows);
            Assert.Equal(3, report.Entries);
            Assert.StartsWith("line 4:", Assert.Single(report.Problems));
        }

        [Fact]
        public void Integrity_EditedRecord_IsAChainBreakOnItsLine()
        {
            using var t = new TempDir();
            var (location, file) = ChainedFile(t, 5);
            File.WriteAllText(file, File.ReadAllText(file).Replace("record 3", "record 9"));
            var report = AuditIntegrity.Check(new AuditLogReader(location).FindFiles(null, null).Single(), location.Root, default);
            Assert.Equal(1, report.ChainBreaks);
            Assert.StartsWith("line 4:", Assert.Single(report.Problems));
        }

        [Fact]
        public void Integrity_DeletedRecord_BreaksTheChainAtTheNextLine()
        {
            using var t = new TempDir();
            var (location, file) = ChainedFile(t, 5);
            var lines = File.ReadAllText(file).Split("\r\n").ToList();
            lines.RemoveAt(2); // record 2 (line 3)
            File.WriteAllText(file, string.Join("\r\n", lines));
            var report = AuditIntegrity.Check(new AuditLogReader(location).FindFiles(null, null).Single(), location.Root, default);
            Assert.Equal(1, report.ChainBreaks);
            Assert.StartsWith("line 3:", Assert.Single(report.Problems));
            Assert.Equal(4, report.Entries);
        }

        [Fact]
        public void Integrity_InsertedRecord_IsReportedAtItsLine()
        {
            using var t = new TempDir();
            var (location, file) = ChainedFile(t, 3);
            var lines = File.ReadAllText(file).Split("\r\n").ToList();
            lines.Insert(2, lines[1].Replace("record 1", "forged"));
            File.WriteAllText(file, string.Join("\r\n", lines));
            var report = AuditIntegrity.Check(new AuditLogReader(location).FindFiles(null, null).Single(), location.Root, default);
            Assert.True(report.ChainBreaks >= 1);
            Assert.StartsWith("line 3:", report.Problems[0]);
        }

        [Fact]
        public void Integrity_LegacyFiles_HaveNoChainButMalformedRowsCount()
        {
            var location = Fixtures.Location(Fixtures.LegacyRoot);
            var reports = new AuditLogReader(location).FindFiles(null, null).Select(f => AuditIntegrity.Check(f, location.Root, default)).ToList();
            Assert.All(reports, r => Assert.True(r.Legacy));
            Assert.Equal(26, reports.Sum(r => r.MalformedRows));
            Assert.Equal(1478, reports.Sum(r => r.Entries));
        }

        [Fact]
        public void Tail_ReturnsOnlyCompleteRecords_AndPicksUpNewFiles()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(location.Root);
            var log = Fixtures.Log(location);
            log.Write(new AuditEntry { Script = "s", Message = "one" });
            var tail = new AuditTail(location, new AuditQuery());
            Assert.Equal(new[] { "one" }, tail.Poll(new ReadStats(), default).Select(e => e.Message));
            Assert.Empty(tail.Poll(new ReadStats(), default));

            string file = Directory.GetFiles(location.Root, "*.csv", SearchOption.AllDirectories).Single();
            string partial = "2026-11-26T10:00:00.000+00:00,jdoe,s,\"half, written";
            File.AppendAllText(file, partial);
            Assert.Empty(tail.Poll(new ReadStats(), default));
            File.AppendAllText(file, " now\",INFO,,,,,,,,x1,,,\r\n");
            var st = new ReadStats();
            var got = tail.Poll(st, default);
            Assert.True(got.Count == 1, string.Join(" | ", st.Problems.Select(p => p.Line + ":" + p.Reason + ":" + p.Raw)));
            Assert.Equal(new[] { "half, written now" }, got.Select(e => e.Message));

            Fixtures.Log(location, "other", "PC9").Write(new AuditEntry { Script = "s", Message = "new writer" });
            Assert.Equal(new[] { "new writer" }, tail.Poll(new ReadStats(), default).Select(e => e.Message));
        }

        [Fact]
        public void Tail_FirstPollOfOnlyTheNewest_GivesWhatSortingEverythingGives_AndSaysOlderWereLeftOut()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(location.Root);
            DateTimeOffset day = DateTimeOffset.Now.Date.AddHours(10);
            void Write(string user, int second, string message) =>
                Fixtures.Log(location, user, "PC1", () => day.AddSeconds(second)).Write(new AuditEntry { Script = "s", Message = message });
            // Two writers, interleaved in time; a5 and a5b share a second (a5b written later, so it is the newer).
            Write("ann", 1, "a1"); Write("ann", 3, "a3"); Write("ann", 5, "a5"); Write("ann", 5, "a5b");
            Write("bob", 2, "b2"); Write("bob", 4, "b4"); Write("bob", 6, "b6");

            string[] Messages(List<AuditEntry> entries) => entries.Select(e => e.Message).ToArray();
            // By hand: a1 b2 a3 b4 a5 a5b b6, oldest first.
            Assert.Equal(new[] { "a1", "b2", "a3", "b4", "a5", "a5b", "b6" }, Messages(new AuditTail(location, new AuditQuery()).Poll(new ReadStats(), default)));
            var stats = new ReadStats();
            Assert.Equal(new[] { "a5", "a5b", "b6" }, Messages(new AuditTail(location, new AuditQuery(), 3).Poll(stats, default)));
            Assert.True(stats.OlderLeftOut);
            // A bound of 1 trims while it reads (it holds at most 2 at once): still the newest.
            var one = new ReadStats();
            Assert.Equal(new[] { "b6" }, Messages(new AuditTail(location, new AuditQuery(), 1).Poll(one, default)));
            Assert.True(one.OlderLeftOut);
            for (int k = 1; k <= 8; k++)
            {
                var all = new ReadStats();
                var tail = new AuditTail(location, new AuditQuery(), k);
                Assert.Equal(new[] { "a1", "b2", "a3", "b4", "a5", "a5b", "b6" }.Skip(Math.Max(0, 7 - k)), Messages(tail.Poll(all, default)));
                Assert.Equal(k < 7, all.OlderLeftOut);
                // Later polls give only what is new, never the entries the first one left out.
                Write("bob", 7 + k, "new" + k);
                var later = new ReadStats();
                Assert.Equal(new[] { "new" + k }, Messages(tail.Poll(later, default)));
                Assert.False(later.OlderLeftOut);
                Assert.Empty(tail.Poll(new ReadStats(), default));
                File.Delete(Directory.GetFiles(location.Root, "*bob*", SearchOption.AllDirectories).Single());
                Write("bob", 2, "b2"); Write("bob", 4, "b4"); Write("bob", 6, "b6");
            }
        }

        [Fact]
        public void Tail_RootGoneThenBack_ThrowsFileErrorThenGoesOn()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(location.Root);
            Fixtures.Log(location).Write(new AuditEntry { Script = "s", Message = "before" });
            var tail = new AuditTail(location, new AuditQuery());
            Assert.Single(tail.Poll(new ReadStats(), default));
            Directory.Move(location.Root, location.Root + "-away");
            var ex = Assert.Throws<RepricingException>(() => tail.Poll(new ReadStats(), default));
            Assert.Equal("FILE_ERROR", ex.Category);
            Directory.Move(location.Root + "-away", location.Root);
            Fixtures.Log(location).Write(new AuditEntry { Script = "s", Message = "after" });
            Assert.Equal(new[] { "after" }, tail.Poll(new ReadStats(), default).Select(e => e.Message));
        }

        [Fact]
        public void RootDeletedMidRun_EntriesSpoolAndDrainExactlyOnce()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("share", "root"), t.Combine("spool"));
            Directory.CreateDirectory(location.Root);
            var now = DateTimeOffset.Now;
            var log = Fixtures.Log(location, clock: () => now = now.AddSeconds(1));
            log.Write(new AuditEntry { Script = "s", Message = "1" });
            Directory.Delete(t.Combine("share"), recursive: true); // the share goes away, not just the folder
            Assert.True(log.Write(new AuditEntry { Script = "s", Message = "2" }).Spooled);
            Assert.True(log.Write(new AuditEntry { Script = "s", Message = "3" }).Spooled);
            Directory.CreateDirectory(location.Root);
            var store = new FolderAuditStore(location);
            Assert.Equal(2, store.DrainSpool(default));
            Assert.Equal(0, store.DrainSpool(default));
            Assert.Equal(0, log.Write(new AuditEntry { Script = "s", Message = "4" }).Drained);
            Assert.Equal(new[] { "2", "3", "4" }, Fixtures.ReadAll(location).Select(e => e.Message));
        }

        [Fact]
        public void LinkedMonthFolder_IsNotWrittenThrough()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"), t.Combine("spool"));
            var when = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
            Directory.CreateDirectory(Path.Combine(location.Root, "2026"));
            Directory.CreateDirectory(t.Combine("elsewhere"));
            Directory.CreateSymbolicLink(Path.Combine(location.Root, "2026", "11"), t.Combine("elsewhere"));
            var r = Fixtures.Log(location, clock: () => when).Write(new AuditEntry { Script = "s", Message = "x" });
            Assert.True(r.Spooled);
            Assert.Contains("link", r.Reason);
            Assert.Empty(Directory.GetFiles(t.Combine("elsewhere")));
        }

        [Fact]
        public void SeveralMachines_QueriesMergeThemInTimeOrder()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Path);
            var start = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
            for (int i = 0; i < 9; i++)
            {
                var at = start.AddMinutes(i);
                Fixtures.Log(location, "user" + (i % 3), "PC" + (i % 3), () => at).Write(new AuditEntry { Script = "s", Message = i.ToString() });
            }
            var entries = Fixtures.ReadAll(location);
            Assert.Equal(Enumerable.Range(0, 9).Select(i => i.ToString()), entries.Select(e => e.Message));
            Assert.Equal(3, Directory.GetFiles(t.Path, "*.csv", SearchOption.AllDirectories).Length);
        }

        [Fact]
        public void Retention_RemovesWholeOldPartitions_LegacyOnlyWhenAsked()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Path);
            foreach (int daysAgo in new[] { 1, 10, 40, 400 })
            {
                var at = DateTimeOffset.Now.AddDays(-daysAgo);
                Fixtures.Log(location, clock: () => at).Write(new AuditEntry { Script = "s", Message = daysAgo + " days ago" });
            }
            Fixtures.WriteLegacy(t.Combine("audit_log.csv"), "2020-01-01 10:00:00,a,s,m,INFO\r\n");
            File.SetLastWriteTime(t.Combine("audit_log.csv"), DateTime.Now.AddDays(-500));
            var expired = AuditRetention.Expired(location, 30, includeLegacy: false, DateTime.Today);
            Assert.Equal(2, expired.Count);
            Assert.All(expired, f => Assert.Equal("Store", f.Kind));
            Assert.Equal(3, AuditRetention.Expired(location, 30, includeLegacy: true, DateTime.Today).Count);
            foreach (var f in expired) AuditRetention.Remove(location, f);
            Assert.Equal(new[] { "10 days ago", "1 days ago", "m" }.OrderBy(x => x), Fixtures.ReadAll(location).Select(e => e.Message).OrderBy(x => x));
            Assert.False(Directory.Exists(Path.Combine(t.Path, DateTime.Now.AddDays(-400).ToString("yyyy"), DateTime.Now.AddDays(-400).ToString("MM")))
                         && Directory.GetFiles(Path.Combine(t.Path, DateTime.Now.AddDays(-400).ToString("yyyy"), DateTime.Now.AddDays(-400).ToString("MM"))).Length == 0);
        }
        private static string Key(AuditEntry e) => e.EntryId + "|" + e.Message;

        /// <summary>
        /// The first poll of only the newest k must equal "read everything, stable sort by time, take the last k", for every k,
        /// over ties across files, duplicate EntryIds (a copied partition), a legacy file, malformed rows and future-dated entries.
        /// </summary>
        [Fact]
        public void Tail_FirstPollNewestK_EqualsLastKOfEverything_Randomised()
        {
            var rnd = new Random(12345);
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(location.Root);
            DateTimeOffset day = DateTimeOffset.Now.Date.AddHours(-20);
            string[] users = { "ann", "bob", "cy" };
            for (int i = 0; i < 120; i++)
            {
                string u = users[rnd.Next(users.Length)];
                int sec = rnd.Next(0, 15) * 60; // few distinct times: many ties across files
                if (i % 37 == 0) sec = 3 * 24 * 3600; // future-dated (3 days ahead of the day)
                Fixtures.Log(location, u, "PC" + (i % 2), () => day.AddSeconds(sec)).Write(new AuditEntry { Script = "s", Message = "m" + i });
            }
            // A copy of one writer's partition under another writer's name: the same EntryIds in two files.
            string some = Directory.GetFiles(location.Root, "*.csv", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).First();
            string copy = Path.Combine(Path.GetDirectoryName(some)!, Path.GetFileName(some).Replace(".csv", "_copy.csv"));
            File.Copy(some, copy);
            // A malformed row in a store file.
            File.AppendAllText(some, "not,a,row\r\n");
            // A legacy file with rows at the same wall-clock times.
            var legacy = new System.Text.StringBuilder("Timestamp,User,Script,Message,Status\n");
            for (int i = 0; i < 40; i++) legacy.Append(day.AddSeconds(rnd.Next(0, 15) * 60).ToString("yyyy-MM-dd HH:mm:ss")).Append(",leg,old.py,L").Append(i).Append(",INFO\n");
            legacy.Append("garbage line without a time\n");
            Fixtures.WriteLegacy(Path.Combine(location.Root, "audit_log.csv"), legacy.ToString());

            var query = new AuditQuery { Since = day.AddDays(-1) };
            List<string> everything = new AuditTail(location, query).Poll(new ReadStats(), default).Select(Key).ToList();
            List<AuditEntry> readEntries = new AuditLogReader(location).Read(query, new ReadStats());
            Assert.Equal(readEntries.Select(Key).ToList(), everything); // the tail's full first poll and the query agree
            Assert.True(everything.Count > 150, everything.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // The newest k are those of -Last k without -Wait: future-dated entries left out first.
            List<string> current = FutureDated.LeaveOut(readEntries, query, DateTimeOffset.Now).Select(Key).ToList();
            Assert.True(current.Count < everything.Count);
            for (int k = 1; k <= everything.Count + 2; k++)
            {
                var stats = new ReadStats();
                List<string> got = new AuditTail(location, query, k).Poll(stats, default).Select(Key).ToList();
                Assert.Equal(current.Skip(Math.Max(0, current.Count - k)).ToList(), got);
                Assert.Equal(k < current.Count, stats.OlderLeftOut);
                Assert.NotNull(stats.FutureDatedWarning);
            }
        }

        /// <summary>-Last accepts up to int.MaxValue ([ValidateRange(1, int.MaxValue)]); the first poll must not overflow on it.</summary>
        [Theory]
        [InlineData(int.MaxValue)]
        [InlineData(1_800_000_000)]
        public void Tail_FirstPollNewest_HugeLast_DoesNotThrow(int last)
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(location.Root);
            Fixtures.Log(location).Write(new AuditEntry { Script = "s", Message = "one" });
            Fixtures.Log(location).Write(new AuditEntry { Script = "s", Message = "two" });
            var got = new AuditTail(location, new AuditQuery(), last).Poll(new ReadStats(), default);
            Assert.Equal(new[] { "one", "two" }, got.Select(e => e.Message));
        }

        /// <summary>
        /// "-Last 3 -Wait" must show the same first 3 as "-Last 3": the cmdlet without -Wait leaves future-dated entries out
        /// (FutureDated.LeaveOut, then the last N); the -Wait path writes the tail's first poll as is, and the tail keeps the
        /// newest N by time, so a future-dated entry (a writer with a wrong clock) takes a slot and pushes a real entry out.
        /// </summary>
        [Fact]
        public void Tail_FirstPollNewestN_MatchesLastNWithoutWait_WhenAnEntryIsFutureDated()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(location.Root);
            DateTimeOffset now = DateTimeOffset.Now;
            void Write(string user, DateTimeOffset at, string m) => Fixtures.Log(location, user, "PC1", () => at).Write(new AuditEntry { Script = "s", Message = m });
            Write("ann", now.AddMinutes(-40), "r1");
            Write("ann", now.AddMinutes(-30), "r2");
            Write("ann", now.AddMinutes(-20), "r3");
            Write("bob", now.AddDays(2), "future"); // a machine whose clock is two days ahead
            var query = new AuditQuery();
            // Without -Wait (GetRepricingAuditLogCommand.ProcessRecord): read, leave out the future-dated, take the last 3.
            List<AuditEntry> all = FutureDated.LeaveOut(new AuditLogReader(location).Read(query, new ReadStats()), query, now);
            string[] withoutWait = all.Skip(Math.Max(0, all.Count - 3)).Select(e => e.Message).ToArray();
            Assert.Equal(new[] { "r1", "r2", "r3" }, withoutWait); // by hand
            // With -Wait (Follow): the first poll of the tail asked for the newest 3, written as is.
            string[] withWait = new AuditTail(location, query, 3).Poll(new ReadStats(), default).Select(e => e.Message).ToArray();
            Assert.Equal(withoutWait, withWait);
        }

    }
}
