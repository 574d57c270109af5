using System;
using System.Linq;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Audit.Postgres;
using Xunit;

namespace RepricingPS.Core.Tests.Audit.Postgres
{
    public sealed class PostgresSummaryTests
    {
        private static AuditEntry E(string user, string status, int minutesAgo, string script = "merge.py", string message = "m", bool legacy = false) => new AuditEntry
        {
            Timestamp = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo), User = user, Script = script, Status = status, Message = message,
            EntryId = Guid.NewGuid().ToString("N"), IsLegacy = legacy,
        };

        [SkippableFact]
        public void Summarize_InSql_GivesTheSameAnswersAsTheEntryBasedSummary()
        {
            using var db = new TestDatabase();
            var store = new PostgresAuditStore(db.Target);
            store.InsertMany(new[]
            {
                E("Jordan", "FILE_ERROR", 50, "Import-RepricingFile"),
                E("jordan", "error", 40),                        // lower-case legacy status is still an error
                E("dan", "CONFIG_ERROR", 30),
                E("dan", "ERRORS", 20),                          // not in the error set
                E("dan", "PROCESS_END", 15, "Invoke-Repricing", "Outcome: Succeeded | Rows: 10"),
                E("dan", "PROCESS_END", 12, "Invoke-Repricing", "Outcome: Failed"),
                E("ava", "INFO", 10, legacy: true),              // a legacy INFO is a success
                E("ava", "INFO", 9),                             // a new-format INFO is not
                E("ava", "START", 8), E("ava", "FILE_ACCESS", 7),
                E("old", "ERROR", 60 * 24 * 9),                  // outside the 7 days
            });
            var window = new AuditQuery { Since = DateTimeOffset.UtcNow.AddDays(-7) };
            var now = DateTimeOffset.Now;
            ErrorSummary sql = PostgresSummary.Summarize(store, window, new ReadStats(), 7, 5, now);

            // Worked out by hand from the rows above.
            Assert.Equal(10, sql.TotalEntries);
            Assert.Equal(3, sql.ErrorCount);
            Assert.Equal(2, sql.SuccessCount);
            Assert.Equal(1, sql.SessionCount);
            Assert.Equal(1, sql.FileOperations);
            Assert.Equal(new[] { "Jordan: 2", "dan: 1" }, sql.UsersWithErrors.Select(u => u.ToString()).ToArray());
            Assert.Equal(new[] { "CONFIG_ERROR", "error", "FILE_ERROR" }, sql.ErrorsByStatus.Select(s => s.Status).ToArray());
            Assert.Equal(new[] { "merge.py: 2", "Import-RepricingFile: 1" }, sql.TopScripts.Select(s => s.ToString()).ToArray());
            Assert.Equal(new[] { "CONFIG_ERROR", "error", "FILE_ERROR" }, sql.MostRecentErrors.Select(e => e.Status).ToArray());
            Assert.Equal("INFO", sql.LatestSuccess!.Status);

            // And the same as the entry-based summary the folder store uses, over the same rows.
            var stats = new ReadStats();
            ErrorSummary entries = SupportReports.Summarize(store.Query(window, stats), stats, window, 7, 5, now);
            Assert.Equal(entries.TotalEntries, sql.TotalEntries);
            Assert.Equal(entries.ErrorCount, sql.ErrorCount);
            Assert.Equal(entries.SuccessCount, sql.SuccessCount);
            Assert.Equal(entries.UsersWithErrors.Select(u => u.ToString()), sql.UsersWithErrors.Select(u => u.ToString()));
            Assert.Equal(entries.ErrorsByStatus.Select(u => u.ToString()), sql.ErrorsByStatus.Select(u => u.ToString()));
            Assert.Equal(entries.TopScripts.Select(u => u.ToString()), sql.TopScripts.Select(u => u.ToString()));
            Assert.Equal(entries.MostRecentErrors.Select(e => e.EntryId), sql.MostRecentErrors.Select(e => e.EntryId));
            Assert.Equal(entries.LatestSuccess!.EntryId, sql.LatestSuccess.EntryId);
        }
    }
}
