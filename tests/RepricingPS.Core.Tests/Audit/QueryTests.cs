using System;
using System.Linq;
using RepricingPS.Core.Audit;
using Xunit;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Tests.Audit
{
    public class QueryTests
    {
        private static readonly DateTimeOffset Since = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        [Fact]
        public void Query_UserDan_NeverMatchesDanielOrJordan()
        {
            var entries = Fixtures.ReadAll(Fixtures.Location(Fixtures.LegacyRoot), query: new AuditQuery { Users = new[] { "dan" } });
            Assert.NotEmpty(entries);
            Assert.All(entries, e => Assert.Equal("dan", e.User, ignoreCase: true));
        }

        [Fact]
        public void Query_UserWildcard_MatchesOnlyWhenAsked()
        {
            var entries = Fixtures.ReadAll(Fixtures.Location(Fixtures.LegacyRoot), query: new AuditQuery { Users = new[] { "dan*" } });
            var users = entries.Select(e => e.User.ToUpperInvariant()).Distinct().OrderBy(u => u).ToArray();
            Assert.Equal(new[] { "DAN", "DANIEL", "DANNYBUSHNELL" }, users);
        }

        [Fact]
        public void Query_WindowAndErrorsOnly_FiltersByTimeAndErrorSet()
        {
            var since = new DateTimeOffset(new DateTime(2026, 11, 1), TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 11, 1)));
            var until = since.AddDays(10);
            var q = new AuditQuery { Since = since, Until = until, ErrorsOnly = true };
            var entries = Fixtures.ReadAll(Fixtures.Location(Fixtures.LegacyRoot), query: q);
            var all = Fixtures.ReadAll(Fixtures.Location(Fixtures.LegacyRoot));
            var expected = all.Where(e => e.Timestamp >= since && e.Timestamp <= until && (e.Status == "ERROR" || e.Status.EndsWith("_ERROR"))).Select(e => e.EntryId);
            Assert.Equal(expected, entries.Select(e => e.EntryId));
            Assert.Contains(entries, e => e.Status == "ERROR");
        }

        [Fact]
        public void Query_Match_SearchesMessageErrorAndFileCaseInsensitively()
        {
            var entries = Fixtures.ReadAll(Fixtures.Location(Fixtures.LegacyRoot), query: new AuditQuery { Match = "PERMISSION DENIED" });
            Assert.NotEmpty(entries);
            Assert.All(entries, e => Assert.Contains("permission denied", e.Message + e.Error + e.File, StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Query_OldestFirst_AcrossLegacyAndNewFiles()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("audit_log.csv"), "2026-11-01 10:00:00,jdoe,old.py,legacy,INFO\r\n");
            var location = Fixtures.Location(t.Path);
            Fixtures.Log(location, clock: () => new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero)).Write(new AuditEntry { Script = "s", Message = "earlier new" });
            Fixtures.Log(location, "other", "PC2", () => new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)).Write(new AuditEntry { Script = "s", Message = "later new" });
            var entries = Fixtures.ReadAll(location);
            Assert.Equal(new[] { "earlier new", "legacy", "later new" }, entries.Select(e => e.Message));
        }

        [Fact]
        public void Query_Window_OpensOnlyPartitionsInTheWindow()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Path);
            for (int d = 1; d <= 30; d++)
            {
                var when = new DateTimeOffset(2026, 11, d, 12, 0, 0, TimeSpan.Zero);
                Fixtures.Log(location, clock: () => when).Write(new AuditEntry { Script = "s", Message = "day " + d });
            }
            var stats = new ReadStats();
            var entries = new AuditLogReader(location).Read(new AuditQuery
            {
                Since = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero),
                Until = new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero),
            }, stats);
            Assert.Equal(7, entries.Count);
            Assert.Equal(8, stats.Files.Count); // the window's 7 days plus one day of margin for time zones
        }

        [Fact]
        public void Reader_MissingRoot_IsFileErrorNotEmpty()
        {
            var ex = Assert.Throws<RepricingException>(() => Fixtures.ReadAll(Fixtures.Location("/definitely/not/here")));
            Assert.Equal("FILE_ERROR", ex.Category);
            Assert.Equal("AuditLogNotFound", ex.ErrorId);
        }

        [Fact]
        public void Reader_SameEntryInSpoolAndRoot_ReadOnce()
        {
            using var t = new TempDir();
            var location = Fixtures.Location(t.Combine("share", "root"), t.Combine("spool"));
            var log = Fixtures.Log(location);
            log.Write(new AuditEntry { Script = "s", Message = "one" });
            string spoolDir = FolderAuditStore.SpoolFolderFor(location.SpoolRoot, location.Root);
            string spoolFile = System.IO.Directory.GetFiles(spoolDir, "*.csv").Single();
            string copy = System.IO.File.ReadAllText(spoolFile);
            System.IO.Directory.CreateDirectory(location.Root);
            new FolderAuditStore(location).DrainSpool(default);
            System.IO.File.WriteAllText(spoolFile, copy); // the same entry now in both places
            var stats = new ReadStats();
            Assert.Single(Fixtures.ReadAll(location, stats));
            Assert.Equal(1, stats.Duplicates);
        }
    }
}
