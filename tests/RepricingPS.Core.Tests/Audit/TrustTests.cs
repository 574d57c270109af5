using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RepricingPS.Core.Audit;
using Xunit;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Tests.Audit
{
    /// <summary>Issue 8 ("Trust"), audit-log half: each test fails on the code before its fix.</summary>
    public class TrustTests
    {
        // ---- 9. Hash exactly what is stored ----

        [Fact]
        public void Integrity_UntouchedRecordsWithFormulaLeadingValues_HaveNoChainBreak()
        {
            using var t = new TempDir();
            var loc = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(loc.Root);
            var log = Fixtures.Log(loc, user: "@admin");
            log.Write(new AuditEntry { Script = "Invoke-Repricing", Status = "USER_ERROR", Message = "-File1 was given the File2 file (it has Source Record ID)." });
            log.Write(new AuditEntry { Script = "x", Error = "=HYPERLINK(\"http://evil.example\")", Details = "\tindented", Action = "+1" });
            log.Write(new AuditEntry { Script = "x", Message = "'quoted", File = "\rcr" });
            var file = new AuditLogReader(loc).FindFiles(null, null).Single();
            IntegrityReport report = AuditIntegrity.Check(file, loc.Root, default);
            Assert.Equal(3, report.Entries);
            Assert.Equal(0, report.ChainBreaks);
            Assert.True(report.IsValid, string.Join("; ", report.Problems));
            // Stored with the guard, read back without it.
            Assert.Contains("'-File1 was given", File.ReadAllText(file.Path));
            var back = Fixtures.ReadAll(loc);
            Assert.Equal("-File1 was given the File2 file (it has Source Record ID).", back[0].Message);
            Assert.Equal("@admin", back[0].User);
            Assert.Equal("\tindented", back[1].Details);
            Assert.Equal("'quoted", back[2].Message);
        }

        [Fact]
        public void Integrity_EditedFormulaValue_IsStillAChainBreak()
        {
            using var t = new TempDir();
            var loc = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(loc.Root);
            var log = Fixtures.Log(loc);
            log.Write(new AuditEntry { Script = "x", Message = "-5 rows" });
            log.Write(new AuditEntry { Script = "x", Message = "second" });
            var file = new AuditLogReader(loc).FindFiles(null, null).Single();
            File.WriteAllText(file.Path, File.ReadAllText(file.Path).Replace("'-5 rows", "'-6 rows"), new UTF8Encoding(true));
            IntegrityReport report = AuditIntegrity.Check(file, loc.Root, default);
            Assert.Equal(1, report.ChainBreaks);
        }
    }
}

namespace RepricingPS.Core.Tests.Audit
{
    internal static class Child
    {
        /// <summary>Runs the test host as a real separate process, optionally as an unprivileged uid (setpriv), and returns its stdout.</summary>
        internal static (int Exit, string Out, string Err) Host(int? uid, params string[] args) => HostIn(null, uid, args);

        /// <summary>As <see cref="Host"/>, in the time zone <paramref name="tz"/> (the TZ variable), when given.</summary>
        internal static (int Exit, string Out, string Err) HostIn(string? tz, int? uid, params string[] args)
        {
            var psi = new System.Diagnostics.ProcessStartInfo(uid.HasValue ? "setpriv" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            if (uid.HasValue)
            {
                foreach (string a in new[] { "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "dotnet" }) psi.ArgumentList.Add(a);
                psi.Environment["HOME"] = System.IO.Path.GetTempPath();
                psi.Environment["DOTNET_CLI_HOME"] = System.IO.Path.GetTempPath();
            }
            if (tz != null) psi.Environment["TZ"] = tz;
            psi.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "RepricingPS.TestHost.dll"));
            foreach (string a in args) psi.ArgumentList.Add(a);
            using var p = System.Diagnostics.Process.Start(psi)!;
            string o = p.StandardOutput.ReadToEnd();
            string e = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "the child did not finish");
            return (p.ExitCode, o, e);
        }

        internal static void Run(string file, params string[] args)
        {
            var psi = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardError = true };
            foreach (string a in args) psi.ArgumentList.Add(a);
            using var p = System.Diagnostics.Process.Start(psi)!;
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"{file} {string.Join(" ", args)}: {err}");
        }
    }

    public class TrustStoreTests
    {
        // ---- 11. A write that stored its entry returns success ----

        [Fact]
        public void Write_RootFlapsAwayBetweenStoreAndDrain_ReturnsSuccessWithDrainProblemNotAnException()
        {
            using var t = new TempDir();
            var loc = Fixtures.Location(t.Combine("share", "root"), t.Combine("spool"));
            var store = new FolderAuditStore(loc);
            var log = new AuditWriter(store, TestAccess.Identity("jdoe", "PC1"), AuditWriter.NewSessionId());
            int drainWarnings = 0;
            log.DrainFailed += _ => drainWarnings++;
            Assert.True(log.Write(new AuditEntry { Script = "s", Message = "while offline" }).Spooled); // the share is not there
            Directory.CreateDirectory(loc.Root);
            store.BeforeDrain = () =>
            {
                Directory.Move(loc.Root, loc.Root + "-away");
                File.WriteAllText(loc.Root, "the share came back as something else");
            };
            AppendResult r = log.Write(new AuditEntry { Script = "s", Message = "stored" });
            Assert.False(r.Spooled);
            Assert.Contains("is a file", r.DrainProblem);
            Assert.Equal(1, drainWarnings);
            // The stored entry is on disk exactly once, the spooled one is still spooled.
            Assert.Single(Directory.GetFiles(loc.Root + "-away", "*.csv", SearchOption.AllDirectories));
            Assert.Equal(1, store.SpooledCount());
        }

        // ---- 14. A configured root whose parent exists is created (spec §7 "A missing root") ----

        [Fact]
        public void Write_ConfiguredRootMissingButParentThere_CreatesTheRootInsteadOfSpooling()
        {
            using var t = new TempDir();
            var loc = Fixtures.Location(t.Combine("root"), t.Combine("spool"));
            Assert.Equal(AuditPathSource.Parameter, loc.Source);
            AppendResult r = Fixtures.Log(loc).Write(new AuditEntry { Script = "s", Message = "first ever" });
            Assert.False(r.Spooled, r.Reason);
            Assert.True(Directory.Exists(loc.Root));
            Assert.Equal("first ever", Fixtures.ReadAll(loc).Single().Message);
        }

        [Fact]
        public void Write_ParentOfRootMissingToo_IsUnreachableAndSpools()
        {
            using var t = new TempDir();
            var loc = Fixtures.Location(t.Combine("OneDrive - Contoso", "AuditLog"), t.Combine("spool"));
            AppendResult r = Fixtures.Log(loc).Write(new AuditEntry { Script = "s" });
            Assert.True(r.Spooled);
            Assert.Contains("does not exist", r.Reason);
            Assert.False(Directory.Exists(loc.Root));
        }

        // ---- 14. A full disk leaves no torn record, so no chain break after Sync ----

        [Fact]
        public void Write_DiskFullMidRecord_LeavesNoTornRecordAndSyncKeepsTheChainWhole()
        {
            using var t = new TempDir();
            string mnt = t.Combine("small-disk");
            Directory.CreateDirectory(mnt);
            Child.Run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt); // tests run as root here
            try
            {
                var loc = Fixtures.Location(Path.Combine(mnt, "root"), t.Combine("spool"));
                Directory.CreateDirectory(loc.Root);
                var log = Fixtures.Log(loc);
                log.Write(new AuditEntry { Script = "s", Message = "before the disk filled" });
                string filler = Path.Combine(mnt, "filler.bin");
                using (var f = new FileStream(filler, FileMode.Create))
                {
                    var block = new byte[4096];
                    try { while (true) { f.Write(block, 0, block.Length); f.Flush(); } }
                    catch (IOException) { }
                    f.SetLength(f.Length - 16384); // 16 KB left: a 100 KB record cannot fit
                }
                AppendResult r = log.Write(new AuditEntry { Script = "s", Message = "the disk is full", Details = new string('d', 100_000) });
                Assert.True(r.Spooled, "the entry should have gone to the spool");
                string partition = Directory.GetFiles(loc.Root, "*.csv", SearchOption.AllDirectories).Single();
                Assert.EndsWith("before the disk filled", Fixtures.ReadAll(loc).First().Message);
                Assert.True(File.ReadAllText(partition).EndsWith("\r\n", StringComparison.Ordinal), "a torn record was left behind");

                File.Delete(filler);
                Assert.Equal(1, new FolderAuditStore(loc).DrainSpool(default));
                IntegrityReport report = AuditIntegrity.Check(new AuditLogReader(loc).FindFiles(null, null).Single(), loc.Root, default);
                Assert.True(report.IsValid, string.Join("; ", report.Problems));
                Assert.Equal(2, report.Entries);
            }
            finally
            {
                Child.Run("umount", "-l", mnt);
            }
        }

        [Fact]
        public void Write_AfterALastRecordThatLostOnlyItsLineBreak_ChainGoesOnWithoutABreak()
        {
            using var t = new TempDir();
            var loc = Fixtures.Location(t.Combine("root"), t.Combine("spool"));
            var log = Fixtures.Log(loc);
            log.Write(new AuditEntry { Script = "s", Message = "one" });
            string file = log.Write(new AuditEntry { Script = "s", Message = "two" }).File;
            using (var fs = new FileStream(file, FileMode.Open)) fs.SetLength(fs.Length - 2); // killed before the CRLF
            log.Write(new AuditEntry { Script = "s", Message = "three" });
            IntegrityReport report = AuditIntegrity.Check(new AuditLogReader(loc).FindFiles(null, null).Single(), loc.Root, default);
            Assert.Equal(3, report.Entries);
            Assert.True(report.IsValid, string.Join("; ", report.Problems));
        }

        // ---- 14. Sync onto a read-only root is a categorised FILE_ERROR, and nothing is lost ----

        [Fact]
        public void Sync_OntoReadOnlyRoot_IsAFileErrorAndTheEntriesStaySpooled()
        {
            using var t = new TempDir();
            string root = t.Combine("share", "root");
            var loc = Fixtures.Location(root, t.Combine("spool"));
            Assert.True(Fixtures.Log(loc).Write(new AuditEntry { Script = "s", Message = "spooled" }).Spooled);
            Directory.CreateDirectory(root);
            Child.Run("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", root); // read-only even for root
            try
            {
                var store = new FolderAuditStore(loc);
                var ex = Assert.Throws<RepricingException>(() => store.DrainSpool(default));
                Assert.Equal(ErrorCategories.File, ex.Category);
                Assert.Equal("AuditLogUnavailable", ex.ErrorId);
                Assert.Contains("Sync-RepricingAuditLog again", ex.Message);
                Assert.Equal(1, store.SpooledCount());
            }
            finally
            {
                Child.Run("umount", "-l", root);
            }
        }

        // ---- 14. A uid without a passwd entry writes its number as User ----

        [Fact]
        public void Write_UidWithoutPasswdEntry_WritesTheNumericUid()
        {
            using var t = new TempDir();
            string root = t.Combine("root");
            Directory.CreateDirectory(root);
            Child.Run("chmod", "-R", "777", t.Path);
            var (exit, output, err) = Child.Host(54321, "whoami", root, t.Combine("spool"));
            Assert.True(exit == 0, output + err);
            var entry = Fixtures.ReadAll(Fixtures.Location(root, t.Combine("spool"))).Single();
            Assert.Equal("54321", entry.User);
            Assert.Contains("_54321_", Path.GetFileName(entry.Source));
        }

        // ---- 14. No format or control characters in partition file names ----

        [Theory]
        [InlineData("evil\u202Ecod.exe", "PC\u200B1")]
        [InlineData("tab\tuser", "bell\u0007pc")]
        public void PartitionName_FormatAndControlCharacters_AreReplaced(string user, string computer)
        {
            string name = FolderAuditStore.PartitionFileName(new AuditEntry { Timestamp = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero), User = user, Computer = computer });
            Assert.DoesNotContain(name, c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format || char.IsControl(c));
        }

        // ---- 5. The field cap of spec §2, applied once where entries are built ----

        [Fact]
        public void Write_HugeFieldRepeatedInErrorAndFile_IsCappedOnceAndNotMultiplied()
        {
            using var t = new TempDir();
            var loc = Fixtures.Location(t.Combine("root"), t.Combine("spool"));
            string client = new string('C', 3_000_000);
            AppendResult r = Fixtures.Log(loc).Write(new AuditEntry
            {
                Script = "Invoke-Repricing", Status = "USER_ERROR", ErrorType = "INVALID_NAME",
                File = "/data/" + client + ".csv", Error = "The name '" + client + "' is too long",
            });
            Assert.False(r.Spooled);
            var e = Fixtures.ReadAll(loc).Single();
            // "/data/" + 3,000,000 + ".csv" = 3,000,010 characters. The field holds at most 1,048,576: the 35-character note
            // "... [truncated: 1951469 characters]" leaves room for 1,048,541 kept, so 3,000,010 - 1,048,541 = 1,951,469 are cut.
            Assert.Equal(1_048_576, e.File.Length);
            Assert.EndsWith("... [truncated: 1951469 characters]", e.File);
            Assert.StartsWith("/data/CCC", e.File);
            Assert.EndsWith(" characters]", e.Error);
            Assert.True(e.Message.Length <= 1_048_576, $"Message is {e.Message.Length} characters");
            Assert.StartsWith("USER ERROR - INVALID_NAME | User: jdoe on L01403-DATA", e.Message);
            // Three capped fields of about 1 MB each, not the 9 MB of the raw values plus a message made of them.
            Assert.InRange(new FileInfo(r.File).Length, 3 * 1_048_576, 3 * 1_048_576 + 4096);
        }

        [Fact]
        public void Cap_ValueOfExactlyTheCap_IsKeptWhole()
        {
            string atCap = new string('x', 1_048_576);
            Assert.Same(atCap, AuditWriter.Cap(atCap));
            // One over: the 30-character note "... [truncated: 31 characters]" leaves 1,048,546 kept, so 31 are cut.
            string over = AuditWriter.Cap(atCap + "y");
            Assert.Equal(1_048_576, over.Length);
            Assert.EndsWith("... [truncated: 31 characters]", over);
        }
    }
}

namespace RepricingPS.Core.Tests.Audit
{
    public class TrustTimeTests
    {
        private const string CalendarEnds =
            "Timestamp,User,Script,Message,Status\r\n" +
            "0001-01-01 00:00:00,jdoe,merge.py,first moment,INFO\r\n" +
            "2026-11-20 10:00:00,jdoe,merge.py,an ordinary row,INFO\r\n" +
            "9999-12-31 23:59:59,jdoe,merge.py,last moment,INFO\r\n";

        // ---- 3. Legacy timestamps at the ends of the calendar ----

        [Theory]
        [InlineData(5, "an ordinary row|last moment", 2)]    // east of UTC: 0001-01-01 00:00 +05:00 is before the first moment
        [InlineData(-5, "first moment|an ordinary row", 4)]  // west of UTC: 9999-12-31 23:59:59 -05:00 is after the last
        [InlineData(0, "first moment|an ordinary row|last moment", 0)]
        public void LegacyReader_CalendarEndsInAnyZone_ReadOrCountedMalformedNeverThrows(int hours, string expected, int malformedLine)
        {
            using var t = new TempDir();
            string file = t.Combine("audit_log.csv");
            Fixtures.WriteLegacy(file, CalendarEnds);
            var zone = TimeZoneInfo.CreateCustomTimeZone("test" + hours, TimeSpan.FromHours(hours), "test", "test");
            var stats = new ReadStats();
            var read = AuditLogReader.ReadLegacyFile(file, t.Path, new RowFilter(new AuditQuery(), zone), stats, default).ToList();
            Assert.Equal(expected, string.Join("|", read.Select(e => e.Message)));
            Assert.Equal(malformedLine == 0 ? 0 : 1, stats.MalformedRows);
            if (malformedLine > 0) Assert.Equal(malformedLine, stats.Problems[0].Line);
        }

        [Theory]
        [InlineData("Asia/Kolkata")]
        [InlineData("America/New_York")]
        public void Query_CalendarEndsInARealLocalZone_AnswersInAChildProcess(string tz)
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv"), CalendarEnds);
            var (exit, output, err) = Child.HostIn(tz, null, "query", t.Combine("root"), t.Combine("spool"));
            Assert.True(exit == 0, output + err);
            Assert.Contains("entries 2 malformed 1 ", output);
        }

        [Fact]
        public void Query_SinceFirstDayUntilLastDay_DoesNotFail()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("root", "audit_log.csv"), CalendarEnds);
            var loc = Fixtures.Location(t.Combine("root"));
            var q = new AuditQuery { Since = AuditQuery.Bound(new DateTime(1, 1, 1)), Until = AuditQuery.Bound(new DateTime(9999, 12, 31, 23, 59, 59)) };
            var stats = new ReadStats();
            var read = Fixtures.ReadAll(loc, stats, q);
            Assert.Equal(3, read.Count + stats.MalformedRows); // in this process's zone: read, or counted malformed
            Assert.Contains(read, e => e.Message == "an ordinary row");
            Assert.True(q.Since <= new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero));
        }

        // ---- 3. Future-dated entries stay out of the most recent lists ----

        [Fact]
        public void Summary_EntryDatedTwoDaysAhead_IsLeftOutOfRecentListsWithOneWarningButKeptForAnExplicitUntil()
        {
            var now = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
            var entries = new List<AuditEntry>
            {
                new AuditEntry { Timestamp = now.AddHours(-2), Status = "FILE_ERROR", User = "a", Source = "/log/x.csv:2" },
                new AuditEntry { Timestamp = now.AddHours(23), Status = "FILE_ERROR", User = "a", Source = "/log/x.csv:3" }, // within the 24 h allowed
                new AuditEntry { Timestamp = now.AddDays(2), Status = "DATA_ERROR", User = "b", Source = "/log/audit_log.csv:17" },
                new AuditEntry { Timestamp = now.AddYears(73), Status = "ERROR", User = "c", Source = "/log/audit_log.csv:40" },
            };
            var window = new AuditQuery { Since = now.AddDays(-7) };
            ErrorSummary s = SupportReports.Summarize(entries, new ReadStats(), window, 7, 5, now);
            Assert.Equal(4, s.ErrorCount); // still counted in the window
            Assert.Equal(new[] { "/log/x.csv:3", "/log/x.csv:2" }, s.MostRecentErrors.Select(e => e.Source));
            string? warning = FutureDated.Warning(entries, window, now);
            Assert.NotNull(warning);
            Assert.StartsWith("2 entries dated more than 24 hours after this computer's clock (first: /log/audit_log.csv:17)", warning);

            var explicitWindow = new AuditQuery { Since = now.AddDays(-7), Until = now.AddYears(100) };
            ErrorSummary all = SupportReports.Summarize(entries, new ReadStats(), explicitWindow, 0, 5, now);
            Assert.Equal("/log/audit_log.csv:40", all.MostRecentErrors[0].Source);
            Assert.Null(FutureDated.Warning(entries, explicitWindow, now));

            UserSupportReport r = SupportReports.ForUser("b", entries.Where(e => e.User == "b").ToList(), new ReadStats(), window, 30, now);
            Assert.Empty(r.RecentErrors);
            Assert.Equal(1, r.ErrorCount);
        }
    }
}

namespace RepricingPS.Core.Tests.Audit
{
    public class TrustLegacyResyncTests
    {
        /// <summary>
        /// A legacy log of 1,500 records after the header (lines 2..1501 plus two traceback lines); record 3 (line 4) is
        /// <paramref name="third"/>. Line 10 is a legitimate quoted traceback over three lines; line 900-ish holds a quoted comma.
        /// </summary>
        private static string Log(string third, bool header = true)
        {
            var sb = new StringBuilder();
            if (header) sb.Append("Timestamp,User,Script,Message,Status\r\n");
            var t0 = new DateTime(2026, 11, 20, 8, 0, 0);
            for (int i = 1; i <= 1500; i++)
            {
                string ts = t0.AddSeconds(i).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                if (i == 3) sb.Append(ts).Append(third).Append("\r\n");
                else if (i == 9) sb.Append(ts).Append(",jdoe,merge.py,\"SYSTEM ERROR - merge.py | Error: boom | Stack: Traceback\r\n  File \"\"m.py\"\", line 1\r\nMemoryError\",ERROR\r\n");
                else if (i == 899) sb.Append(ts).Append(",jdoe,merge.py,\"Saved a, b\",INFO\r\n");
                else sb.Append(ts).Append(",jdoe,merge.py,row ").Append(i).Append(",INFO\r\n");
            }
            return sb.ToString();
        }

        private const string Stray = ",jdoe,merge.py,\"Loaded the April file, then,INFO";
        private const string Fine = ",jdoe,merge.py,Loaded the April file,INFO";

        [Theory]
        [InlineData(true, false)]
        [InlineData(false, true)] // a rotated file: no header, and a BOM
        public void LegacyReader_StrayQuote_CostsOneMalformedRowAndKeepsEveryOtherRecordWithItsTrueLineAndId(bool header, bool bom)
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("stray", "audit_log.csv"), Log(Stray, header), bom);
            Fixtures.WriteLegacy(t.Combine("clean", "audit_log.csv"), Log(Fine, header), bom);
            var strayStats = new ReadStats();
            var stray = Fixtures.ReadAll(Fixtures.Location(t.Combine("stray")), strayStats);
            var clean = Fixtures.ReadAll(Fixtures.Location(t.Combine("clean")));
            Assert.Equal(1500, clean.Count);
            Assert.Equal(1499, stray.Count);
            var problem = Assert.Single(strayStats.Problems);
            int strayLine = header ? 4 : 3;
            Assert.Equal(strayLine, problem.Line);
            // Frozen ids: every record the stray file still has is the same record, same line, same id as in the clean file
            // (ids are made from the path relative to the root, which is the same name in both roots).
            var cleanById = clean.ToDictionary(e => e.EntryId);
            foreach (var e in stray)
            {
                Assert.True(cleanById.TryGetValue(e.EntryId, out var twin), $"{e.Source} got a different id");
                Assert.Equal(twin!.Source.Replace("clean", "stray"), e.Source);
                Assert.Equal(twin.Message, e.Message);
            }
            Assert.Contains(stray, e => e.Message.EndsWith("MemoryError", StringComparison.Ordinal)); // the real traceback is whole
            Assert.Contains(stray, e => e.Message == "Saved a, b");
            Assert.Contains(stray, e => e.Message == "row 4");
        }

        [Fact]
        public void Tail_StrayQuote_DoesNotStallAndGivesTheSameIdsAsAQuery()
        {
            using var t = new TempDir();
            string root = t.Combine("root");
            Fixtures.WriteLegacy(Path.Combine(root, "audit_log.csv"), Log(Stray));
            var loc = Fixtures.Location(root);
            var tail = new AuditTail(loc, new AuditQuery());
            var stats = new ReadStats();
            var tailed = tail.Poll(stats, default);
            var queried = Fixtures.ReadAll(loc);
            Assert.Equal(queried.Select(e => e.EntryId), tailed.Select(e => e.EntryId));
            Assert.Equal(1, stats.MalformedRows);
            // Appended later: read by the next poll, with its true line.
            File.AppendAllText(Path.Combine(root, "audit_log.csv"), "2026-11-21 09:00:00,jdoe,merge.py,later,INFO\r\n");
            var more = tail.Poll(new ReadStats(), default);
            Assert.Equal("later", Assert.Single(more).Message);
            Assert.EndsWith(":1504", more[0].Source);
        }
    }
}

namespace RepricingPS.Core.Tests.Audit
{
    public class TrustRetentionTests
    {
        private static readonly DateTime Today = new DateTime(2026, 11, 27);

        private static string WritePartition(string root, DateTimeOffset day, string user)
        {
            var loc = Fixtures.Location(root, root + "-spool");
            return Fixtures.Log(loc, user: user, computer: "PC", clock: () => day).Write(new AuditEntry { Script = "s", Message = "on " + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }).File;
        }

        private static void Old(string path) => File.SetLastWriteTime(path, new DateTime(2019, 1, 1));

        // ---- 6. Retention never leaves the root, never follows a link, removes only proven audit files ----

        [Fact]
        public void Retention_LinksAndLookalikes_OnlyProvenAuditFilesInsideTheRootAreRemoved()
        {
            using var t = new TempDir();
            string root = t.Combine("root");
            string outside = t.Combine("outside");
            var mar5 = new DateTimeOffset(2019, 3, 5, 9, 0, 0, TimeSpan.Zero);
            string real = WritePartition(root, mar5, "jdoe");
            string budget = Path.Combine(root, "2019", "03", "2019-03-05_budget.csv");
            File.WriteAllText(budget, "Account,Amount\r\n4000,12.50\r\n");
            // Audit files outside the root, reachable only through links.
            string victimPartition = WritePartition(outside, mar5, "victim");
            string victimYear = WritePartition(Path.Combine(outside, "y"), new DateTimeOffset(2018, 3, 1, 9, 0, 0, TimeSpan.Zero), "victim");
            string victimMonth = WritePartition(Path.Combine(outside, "m"), new DateTimeOffset(2019, 4, 1, 9, 0, 0, TimeSpan.Zero), "victim");
            File.CreateSymbolicLink(Path.Combine(root, "2019", "03", "2019-03-06_evil_PC.csv"), victimPartition);
            Directory.CreateSymbolicLink(Path.Combine(root, "2018"), Path.Combine(outside, "y", "2018"));
            Directory.CreateSymbolicLink(Path.Combine(root, "2019", "04"), Path.Combine(outside, "m", "2019", "04"));
            string victimLegacy = Path.Combine(outside, "bob", "audit_log.csv");
            Fixtures.WriteLegacy(victimLegacy, "Timestamp,User,Script,Message,Status\r\n2019-01-01 10:00:00,bob,m.py,x,INFO\r\n");
            Old(victimLegacy);
            Directory.CreateSymbolicLink(Path.Combine(root, "bob"), Path.Combine(outside, "bob"));
            File.CreateSymbolicLink(Path.Combine(root, "audit_log.csv.1"), victimLegacy);
            // Legacy lookalikes and real legacy files inside the root.
            string notLegacy = Path.Combine(root, "audit_log.csv.2");
            File.WriteAllText(notLegacy, "hello, this is my shopping list\r\n");
            string rotated = Path.Combine(root, "audit_log.csv.3");
            Fixtures.WriteLegacy(rotated, "2019-01-01 10:00:00,ann,m.py,rotated without a header,INFO\r\n");
            string alice = Path.Combine(root, "alice", "Audit_Log.csv");
            Fixtures.WriteLegacy(alice, "Timestamp,User,Script,Message,Status\r\n2019-01-01 10:00:00,alice,m.py,x,INFO\r\n", bom: true);
            foreach (string f in new[] { notLegacy, rotated, alice }) Old(f);

            var loc = Fixtures.Location(root);
            var stats = new ReadStats();
            var expired = AuditRetention.Expired(loc, 30, includeLegacy: true, Today, stats);
            Assert.Equal(new[] { alice, rotated, real }.OrderBy(x => x, StringComparer.Ordinal), expired.Select(f => f.File).OrderBy(x => x, StringComparer.Ordinal));
            Assert.Equal(5, stats.SkippedSources.Count(s => s.Contains("a link", StringComparison.Ordinal)));

            var result = AuditRetention.Apply(loc, expired, _ => true, null, new RetentionResult(), default);
            Assert.Equal(3, result.Removed.Count);
            Assert.Empty(result.Refused);
            foreach (string kept in new[] { budget, notLegacy, victimPartition, victimYear, victimMonth, victimLegacy }) Assert.True(File.Exists(kept), kept + " was removed");
            Assert.False(File.Exists(real));
        }

        [Fact]
        public void Retention_FolderSwappedForALinkAfterListing_IsRefusedAndTheRunGoesOnAndIsAuditable()
        {
            using var t = new TempDir();
            string root = t.Combine("root");
            string feb = WritePartition(root, new DateTimeOffset(2019, 2, 1, 9, 0, 0, TimeSpan.Zero), "jdoe");
            string mar = WritePartition(root, new DateTimeOffset(2019, 3, 1, 9, 0, 0, TimeSpan.Zero), "jdoe");
            var loc = Fixtures.Location(root);
            var expired = AuditRetention.Expired(loc, 30, includeLegacy: false, Today);
            Assert.Equal(2, expired.Count);
            // Between listing and removing, 2019/03 becomes a link to a folder outside holding the same file name.
            string outside = t.Combine("outside");
            Directory.Move(Path.Combine(root, "2019", "03"), outside);
            Directory.CreateSymbolicLink(Path.Combine(root, "2019", "03"), outside);

            var result = AuditRetention.Apply(loc, expired, _ => true, null, new RetentionResult(), default);
            Assert.Equal(feb, Assert.Single(result.Removed).File);
            Assert.Equal("LINK_REFUSED", Assert.Single(result.Refused).ErrorType);
            Assert.True(File.Exists(Path.Combine(outside, Path.GetFileName(mar))));
            AuditEntry audit = AuditRetention.AuditEntryFor(result, 30);
            Assert.Equal("WARNING", audit.Status);
            Assert.StartsWith("Removed 1 audit log file(s) older than 30 days (1 day partitions, 0 legacy files", audit.Message);
            Assert.EndsWith("; 1 refused", audit.Message);
            Assert.Contains(feb, audit.Details);
        }

        // ---- 6. Readers: no links out of the root, no FIFO, no /dev/zero ----

        [Fact]
        public async System.Threading.Tasks.Task Readers_LinkedFolderFifoAndDevZero_AreNotReadAndNothingHangs()
        {
            using var t = new TempDir();
            string root = t.Combine("root");
            string mine = WritePartition(root, DateTimeOffset.Now, "jdoe");
            WritePartition(t.Combine("outside"), new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero), "victim");
            Directory.CreateSymbolicLink(Path.Combine(root, "2025"), t.Combine("outside", "2025"));
            Child.Run("mkfifo", Path.Combine(root, "audit_log.csv.1"));
            File.CreateSymbolicLink(Path.Combine(root, "audit_log.csv.2"), "/dev/zero");
            var loc = Fixtures.Location(root);

            var work = System.Threading.Tasks.Task.Run(() =>
            {
                var stats = new ReadStats();
                var entries = Fixtures.ReadAll(loc, stats);
                var files = new AuditLogReader(loc).FindFiles(null, null).Select(f => f.Path).ToList();
                var tailed = new AuditTail(loc, new AuditQuery()).Poll(new ReadStats(), default);
                return (entries, stats, files, tailed);
            });
            var done = await System.Threading.Tasks.Task.WhenAny(work, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(ReferenceEquals(done, work), "a reader hung on the FIFO or /dev/zero");
            var (read, readStats, listed, tail) = await work;
            Assert.Equal("jdoe", Assert.Single(read).User);
            Assert.Equal(new[] { mine }, listed);
            Assert.Single(tail);
            Assert.True(readStats.Incomplete);
            Assert.Contains(readStats.SkippedSources, s => s.StartsWith(Path.Combine(root, "2025") + " (a link", StringComparison.Ordinal));
            Assert.Contains(readStats.SkippedSources, s => s.StartsWith(Path.Combine(root, "audit_log.csv.2") + " (a link", StringComparison.Ordinal));
        }

        // ---- 13. One unreadable item does not block every query ----

        [Fact]
        public void Query_AsUnprivilegedUser_UnreadableFolderAndPartitionAreSkippedAndNamed()
        {
            using var t = new TempDir();
            string root = t.Combine("root");
            WritePartition(root, new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), "readable");
            string lockedFile = WritePartition(root, new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), "secretfile");
            string lockedMonthFile = WritePartition(root, new DateTimeOffset(2026, 10, 3, 9, 0, 0, TimeSpan.Zero), "secretmonth");
            Child.Run("chmod", "-R", "a+rX", t.Path);
            Child.Run("chmod", "600", lockedFile);
            Child.Run("chmod", "700", Path.GetDirectoryName(lockedMonthFile)!);
            var (exit, output, err) = Child.Host(65534, "query", root, t.Combine("spool"));
            Assert.True(exit == 0, output + err);
            Assert.Contains("entries 1 malformed 0 skipped ", output);
            Assert.Contains(Path.Combine(root, "2026", "10") + " (cannot be listed", output);
            Assert.Contains(lockedFile + " (cannot be read", output);
        }

        [Fact]
        public void Summary_AfterASkippedSource_SaysIncompleteAndListsIt()
        {
            using var t = new TempDir();
            string root = t.Combine("root");
            WritePartition(root, DateTimeOffset.Now, "jdoe");
            WritePartition(t.Combine("outside"), DateTimeOffset.Now.AddYears(-1), "victim");
            Directory.CreateSymbolicLink(Path.Combine(root, "ghost"), t.Combine("outside"));
            var stats = new ReadStats();
            var q = new AuditQuery { Since = DateTimeOffset.Now.AddDays(-7) };
            var entries = Fixtures.ReadAll(Fixtures.Location(root), stats, q);
            ErrorSummary s = SupportReports.Summarize(entries, stats, q, 7, 5, DateTimeOffset.Now);
            Assert.True(s.Incomplete);
            Assert.StartsWith(Path.Combine(root, "ghost"), Assert.Single(s.SkippedSources));
            Assert.Contains("INCOMPLETE", s.ToString());
            UserSupportReport r = SupportReports.ForUser("jdoe", entries, stats, q, 7, DateTimeOffset.Now);
            Assert.True(r.Incomplete);
        }
    }
}
