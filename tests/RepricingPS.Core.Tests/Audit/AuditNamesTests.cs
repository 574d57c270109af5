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
    }
}
