using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using RepricingPS.Core.Audit;
using Xunit;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Tests.Audit
{
    public class StoreTests
    {
        [Theory]
        [InlineData("plain")]
        [InlineData("commas, and \"quotes\"")]
        [InlineData("line one\r\nline two\nline three")]
        [InlineData("Ünïcödé names: Zoë, 山田, Ødegaard")]
        [InlineData("=SUM(A1:A9)")]
        [InlineData("+1 555")]
        [InlineData("-5")]
        [InlineData("@cmd")]
        [InlineData("\tTabbed")]
        [InlineData("'already quoted")]
        [InlineData("'=SUM(A1)")]
        [InlineData("''")]
        [InlineData("")]
        public void Store_EveryField_RoundTripsExactly(string value)
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(location.Root);
            var log = Fixtures.Log(location, user: "Zoë Ødegaard", computer: "PC-1");
            var written = new AuditEntry
            {
                Script = value.Length == 0 ? "s" : value, Status = "DATA_ERROR", Message = value, Action = value, File = value,
                ErrorType = value, Error = value, Details = value,
            };
            log.Write(written);
            var read = Assert.Single(Fixtures.ReadAll(location));
            foreach (var p in typeof(AuditEntry).GetProperties().Where(p => p.Name != "Source"))
            {
                Assert.Equal(p.GetValue(written), p.GetValue(read));
            }
        }

        [Fact]
        public void Store_File_HasBomLegacyColumnsFirstIsoTimestampAndEscapedFormula()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(location.Root);
            var clock = new DateTimeOffset(2026, 11, 26, 14, 3, 5, 123, TimeSpan.FromHours(1));
            var result = Fixtures.Log(location, clock: () => clock).Write(new AuditEntry { Script = "s", Message = "=1+1" });
            Assert.Equal(Path.Combine(location.Root, "2026", "11", "2026-11-26_jdoe_L01403-DATA.csv"), result.File);
            byte[] bytes = File.ReadAllBytes(result.File);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
            string text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            Assert.StartsWith("Timestamp,User,Script,Message,Status,", text);
            Assert.Contains("\r\n2026-11-26T14:03:05.123+01:00,jdoe,s,\"'=1+1\",INFO,", text);
            Assert.EndsWith("\r\n", text);
        }

        [Theory]
        [InlineData("../../etc", "..", "_.._etc")]
        [InlineData("a/b\\c", "x:y", "a_b_c")]
        public void Store_UserAndComputerNames_CannotSteerThePath(string user, string computer, string _)
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(location.Root);
            var result = Fixtures.Log(location, user, computer).Write(new AuditEntry { Script = "s" });
            Assert.StartsWith(location.Root + Path.DirectorySeparatorChar, Path.GetFullPath(result.File));
            Assert.Equal(Path.Combine(location.Root, DateTime.Now.ToString("yyyy"), DateTime.Now.ToString("MM")), Path.GetDirectoryName(result.File));
            Assert.False(result.Spooled);
        }

        [Fact]
        public void Store_TornLastRecordInOpenQuote_NextAppendStartsFreshAndCostsOnlyThatRecord()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(location.Root);
            var log = Fixtures.Log(location);
            string file = log.Write(new AuditEntry { Script = "s", Message = "first" }).File;
            File.AppendAllText(file, "2026-11-26T10:00:00.000+00:00,jdoe,s,\"half a quoted mess");
            log.Write(new AuditEntry { Script = "s", Message = "after, the tear" });
            var stats = new ReadStats();
            var entries = Fixtures.ReadAll(location, stats);
            Assert.Equal(new[] { "first", "after, the tear" }, entries.Select(e => e.Message));
            Assert.Single(stats.Problems);
        }

        [Fact]
        public void Store_FourRealProcesses_AppendFiveHundredEachWithNothingLostOrDoubled()
        {
            using var t = new TempDir();
            string root = t.Combine("root");
            Directory.CreateDirectory(root);
            string host = Path.Combine(AppContext.BaseDirectory, "RepricingPS.TestHost.dll");
            var processes = Enumerable.Range(1, 4).Select(i => Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList = { host, "append", root, "500", "same-writer", t.Combine("spool") },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!).ToList();
            foreach (var p in processes)
            {
                Assert.True(p.WaitForExit(120_000), "a writer process did not finish");
                Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
            }
            var stats = new ReadStats();
            var entries = Fixtures.ReadAll(Fixtures.Location(root, t.Combine("spool")), stats);
            Assert.Equal(2000, entries.Count);
            Assert.Equal(2000, entries.Select(e => e.EntryId).Distinct().Count());
            Assert.Empty(stats.Problems);
            Assert.Equal(0, stats.Duplicates);
        }
    }

    public class SpoolTests
    {
        [Fact]
        public void Spool_RootMissing_EntrySpooledThenDrainedExactlyOnceByNextWrite()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("share", "root"), t.Combine("spool"));
            var tick = DateTimeOffset.Now;
            var log = Fixtures.Log(location, clock: () => tick = tick.AddSeconds(1));
            AppendResult warned = null!;
            int warnings = 0;
            log.Spooled += r => { warned = r; warnings++; };

            var r1 = log.Write(new AuditEntry { Script = "s", Message = "offline 1" });
            var r2 = log.Write(new AuditEntry { Script = "s", Message = "offline 2" });
            Assert.True(r1.Spooled && r2.Spooled);
            Assert.Equal(1, warnings);
            Assert.Contains("does not exist", warned.Reason);
            Assert.Equal(2, new FolderAuditStore(location).SpooledCount());
            // The reader for this root already sees the spooled entries.
            Assert.Equal(2, Fixtures.ReadAll(WithRoot(location)).Count);

            Directory.CreateDirectory(location.Root);
            var r3 = log.Write(new AuditEntry { Script = "s", Message = "back online" });
            Assert.False(r3.Spooled);
            Assert.Equal(2, r3.Drained);
            Assert.Equal(0, new FolderAuditStore(location).SpooledCount());
            var entries = Fixtures.ReadAll(location);
            Assert.Equal(new[] { "offline 1", "offline 2", "back online" }, entries.Select(e => e.Message));
        }

        [Fact]
        public void Spool_RootIsAFile_EntrySpooledWithReason()
        {
            using var t = new TempDir();
            File.WriteAllText(t.Combine("root"), "not a folder");
            var location = Fixtures.Location(t.Combine("root"), t.Combine("spool"));
            var r = Fixtures.Log(location).Write(new AuditEntry { Script = "s" });
            Assert.True(r.Spooled);
            Assert.Contains("is a file", r.Reason);
        }

        [Fact]
        public void Spool_ParentOfRootIsAFile_EntrySpooled()
        {
            using var t = new TempDir();
            File.WriteAllText(t.Combine("parent"), "x");
            var location = Fixtures.Location(t.Combine("parent", "root"), t.Combine("spool"));
            Assert.True(Fixtures.Log(location).Write(new AuditEntry { Script = "s" }).Spooled);
        }

        [Fact]
        public void Spool_DrainInterruptedAfterAppend_RerunDoesNotDouble()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("share", "root"), t.Combine("spool"));
            var log = Fixtures.Log(location);
            log.Write(new AuditEntry { Script = "s", Message = "a" });
            log.Write(new AuditEntry { Script = "s", Message = "b" });
            string spoolDir = FolderAuditStore.SpoolFolderFor(location.SpoolRoot, location.Root);
            string spoolFile = Directory.GetFiles(spoolDir, "*.csv").Single();
            string keep = File.ReadAllText(spoolFile);
            Directory.CreateDirectory(location.Root);
            Assert.Equal(2, new FolderAuditStore(location).DrainSpool(default));
            // Simulate a kill between "appended to the root" and "deleted the spool file".
            File.WriteAllText(spoolFile, keep);
            Assert.Equal(0, new FolderAuditStore(location).DrainSpool(default));
            var stats = new ReadStats();
            var all = Fixtures.ReadAll(location, stats);
            Assert.Equal(new[] { "a", "b" }, all.Select(e => e.Message));
            Assert.Empty(Directory.GetFiles(spoolDir, "*.csv"));
        }

        [Fact]
        public void Spool_EntriesOfAnotherRoot_AreNotReadNorDrainedHere()
        {
            using var t = new TempDir();
            var other = Fixtures.Location(t.Combine("share", "other"), t.Combine("spool"));
            Fixtures.Log(other).Write(new AuditEntry { Script = "s", Message = "for other" });
            var mine = Fixtures.Location(t.Combine("mine"), t.Combine("spool"));
            Directory.CreateDirectory(mine.Root);
            Fixtures.Log(mine).Write(new AuditEntry { Script = "s", Message = "mine" });
            Assert.Equal(new[] { "mine" }, Fixtures.ReadAll(mine).Select(e => e.Message));
            Assert.Equal(1, new FolderAuditStore(other).SpooledCount());
        }

        [Fact]
        public void Spool_LogFileLockedByAnotherProgram_RetriesThenSpoolsAndDrainsWhenFree()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("root"), t.Combine("spool"));
            Directory.CreateDirectory(location.Root);
            var now = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
            var log = new AuditWriter(new FolderAuditStore(location, TimeSpan.FromMilliseconds(300)), TestAccess.Identity("jdoe", "PC1"), "s", () => now = now.AddSeconds(1));
            string file = log.Write(new AuditEntry { Script = "s", Message = "before" }).File;
            AppendResult locked;
            using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                var watch = Stopwatch.StartNew();
                locked = log.Write(new AuditEntry { Script = "s", Message = "while locked" });
                Assert.True(watch.ElapsedMilliseconds >= 250, "the writer should retry for its bounded time before spooling");
            }
            Assert.True(locked.Spooled);
            Assert.False(log.Write(new AuditEntry { Script = "s", Message = "after" }).Spooled);
            Assert.Equal(new[] { "before", "while locked", "after" }, Fixtures.ReadAll(location).Select(e => e.Message));
            Assert.Equal(0, new FolderAuditStore(location).SpooledCount());
        }

        private static AuditLocation WithRoot(AuditLocation l)
        {
            Directory.CreateDirectory(l.Root);
            return l;
        }
    }
}

namespace RepricingPS.Core.Tests.Audit
{
    public class FormatUpgradeTests
    {
        [Fact]
        public void DayFileOfAnOlderFormat_IsLeftAloneAndTheNextVariantIsWritten()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Path);
            var when = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
            string old = Path.Combine(t.Path, "2026", "11", "2026-11-26_jdoe_L01403-DATA.csv");
            Directory.CreateDirectory(Path.GetDirectoryName(old)!);
            // A file written before the Hash column existed.
            File.WriteAllText(old, "\uFEFFTimestamp,User,Script,Message,Status,Computer,Action,File,ErrorType,Error,Details,SessionId,EntryId,PSVersion,OS\r\n" +
                                   "2026-11-26T08:00:00.000+00:00,jdoe,s,older,INFO,L01403-DATA,,,,,,s1,e1,7.6.9,os\r\n");
            var r = Fixtures.Log(location, clock: () => when).Write(new AuditEntry { Script = "s", Message = "newer" });
            Assert.EndsWith("2026-11-26_jdoe_L01403-DATA-2.csv", r.File);
            var stats = new ReadStats();
            Assert.Equal(new[] { "older", "newer" }, Fixtures.ReadAll(location, stats).Select(e => e.Message));
            Assert.Empty(stats.Problems);
        }
    }
}
