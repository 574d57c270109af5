using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;
using RepricingPS.Core.Audit;

namespace RepricingPS.Core.Tests.Audit
{
    public sealed class AuditNamesTests
    {
        [Fact]
        public void Names_ComeFromRecentPartitionsAndLegacyUserFolders()
        {
            using var t = new TempDir();
            var now = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
            AuditLocation location = Fixtures.Location(t.Path);
            AuditWriter zoe = Fixtures.Log(location, user: "Zoë_O'Neil", clock: () => now);
            zoe.Write(new AuditEntry { Script = "Invoke-Repricing", Status = "INFO", Message = "m" });
            zoe.Write(new AuditEntry { Script = "=evil()", Status = "INFO", Message = "m" });
            AuditWriter old = Fixtures.Log(location, user: "oldtimer", clock: () => now.AddDays(-60));
            old.Write(new AuditEntry { Script = "Ancient", Status = "INFO", Message = "m" });
            Fixtures.WriteLegacy(t.Combine("AvaChen", "Audit_Log.csv"), "Timestamp,User,Script,Message,Status\r\n");

            var today = new DateTime(2026, 11, 26);
            // The real user name (not the sanitised file-name form), the legacy folder, and not the 60-day-old writer.
            Assert.Equal(new[] { "AvaChen", "Zoë_O'Neil" }, AuditNames.Users(t.Path, today));
            // The formula guard is removed, as every reader does; Ancient is outside the 7 days.
            Assert.Equal(new[] { "=evil()", "Invoke-Repricing" }, AuditNames.Scripts(t.Path, today));
            var sessions = AuditNames.Sessions(t.Path, today);
            Assert.Single(sessions);
            Assert.Equal("Zoë_O'Neil", sessions[0].User);
        }

        [Fact]
        public void Names_IncludeTheLegacyFilesUsersAndScripts_WhateverTheirAge()
        {
            using var t = new TempDir();
            // Only legacy logs, two years old: the earlier program is retired, its names are still what support types.
            Fixtures.WriteLegacy(t.Combine("audit_log.csv"),
                "Timestamp,User,Script,Message,Status\r\n"
                + "2024-03-01 09:00:00,Ann,repricing_app.py,started,START\r\n"
                + "2024-03-01 09:01:00,Bo Li,\"merge, claims.py\",\"multi\r\nline\",ERROR\r\n");
            Fixtures.WriteLegacy(t.Combine("audit_log.csv.1"), "2024-02-01 09:00:00,Cy,rotated.py,m,INFO\r\n");
            Fixtures.WriteLegacy(t.Combine("Dee", "Audit_Log.csv"), "Timestamp,User,Script,Message,Status\r\n2024-03-02 09:00:00,Dee,=evil(),m,INFO\r\n");
            Fixtures.WriteLegacy(t.Combine("notes.csv"), "2024-03-01 09:00:00,Eve,not_a_log.py,m,INFO\r\n"); // not a legacy name

            var today = new DateTime(2026, 11, 26);
            Assert.Equal(new[] { "Ann", "Bo Li", "Cy", "Dee" }, AuditNames.Users(t.Path, today));
            Assert.Equal(new[] { "=evil()", "merge, claims.py", "repricing_app.py", "rotated.py" }, AuditNames.Scripts(t.Path, today));
            Assert.Empty(AuditNames.Sessions(t.Path, today)); // legacy rows have no session
        }

        [Fact]
        public void Names_OfALargeLegacyFile_ComeFromItsEnd_AndTheCutRecordIsNotMisread()
        {
            using var t = new TempDir();
            var sb = new System.Text.StringBuilder("Timestamp,User,Script,Message,Status\r\n");
            // 300 KB of early rows, then 300 KB of late ones: only the last 256 KB is read, so only late names appear. Each
            // late row has a quoted message with commas, so a record cut anywhere but at its start would read as garbage.
            const string early = "2024-01-01 09:00:00,Early,early.py,plain message padded to some length........................,INFO\r\n";
            const string late = "2024-06-01 09:00:00,Late,late.py,\"a message, with, commas and a \"\"quote\"\"\",FILE_ERROR\r\n";
            while (sb.Length < 300 * 1024) sb.Append(early);
            while (sb.Length < 600 * 1024) sb.Append(late);
            Fixtures.WriteLegacy(t.Combine("audit_log.csv"), sb.ToString());

            var today = new DateTime(2026, 11, 26);
            Assert.Equal(new[] { "Late" }, AuditNames.Users(t.Path, today));
            Assert.Equal(new[] { "late.py" }, AuditNames.Scripts(t.Path, today));
        }

        [Fact]
        public void Names_LeaveAFifoBehindAPartitionNameAlone_AndAMissingRootGivesNothing()
        {
            if (OperatingSystem.IsWindows()) return;
            using var t = new TempDir();
            string month = t.Combine("2026", "11");
            Directory.CreateDirectory(month);
            string fifo = Path.Combine(month, "2026-11-26_x_y.csv");
            using (var p = Process.Start("mkfifo", fifo)) p!.WaitForExit();
            Assert.True(File.Exists(fifo));
            var sw = Stopwatch.StartNew();
            Assert.Empty(AuditNames.Users(t.Path, new DateTime(2026, 11, 26)));
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), "completion must not block on a FIFO");
            Assert.Empty(AuditNames.Users(t.Combine("missing"), new DateTime(2026, 11, 26)));
        }
        private const string LegacyHeader = "Timestamp,User,Script,Message,Status\n";

        /// <summary>
        /// A query refuses a folder that is a link out of the log root ("links are not followed out of the log root");
        /// completion reads the legacy logs through it and offers names that a query then answers empty (with a warning).
        /// </summary>
        [Fact]
        public void Scripts_DoNotComeFromAFolderLinkTheQueryRefuses()
        {
            if (OperatingSystem.IsWindows()) return;
            using var t = new TempDir();
            string root = t.Combine("root"), outside = t.Combine("outside");
            Fixtures.WriteLegacy(Path.Combine(root, "alice", "audit_log.csv"), LegacyHeader + "2026-10-12 14:00:05,alice,a.py,m,INFO\n");
            Fixtures.WriteLegacy(Path.Combine(outside, "audit_log.csv"), LegacyHeader + "2026-10-12 14:00:05,outsider,outside.py,m,INFO\n");
            Directory.CreateSymbolicLink(Path.Combine(root, "zed"), outside);
            // What a query reads: the link is skipped.
            var stats = new ReadStats();
            var read = Fixtures.ReadAll(Fixtures.Location(root), stats);
            Assert.DoesNotContain(read, e => e.Script == "outside.py");
            Assert.Contains(stats.SkippedSources, s => s.Contains("zed"));
            Assert.Equal(new[] { "a.py" }, AuditNames.Scripts(root, new DateTime(2026, 11, 26)));
        }


        [Fact]
        public void Names_OverTheFileCap_ComeFromTheMostRecentlyWrittenLegacyFiles()
        {
            using var t = new TempDir();
            var written = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            // 45 users' legacy files, user 00 written last: the 40 newest are users 00 to 39, whatever their names sort as.
            for (int i = 0; i < 45; i++)
            {
                string file = t.Combine("u" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), "audit_log.csv");
                Fixtures.WriteLegacy(file, LegacyHeader + "2024-01-01 10:00:00,u" + i + ",s" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + ".py,m,INFO\n");
                File.SetLastWriteTimeUtc(file, written.AddHours(-i));
            }
            Assert.Equal(40, AuditNames.MaxFiles);
            Assert.Equal(Enumerable.Range(0, 40).Select(i => "s" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + ".py"),
                AuditNames.Scripts(t.Path, new DateTime(2026, 11, 26)));
        }
    }
}
