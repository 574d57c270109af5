using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Npgsql;

namespace RepricingPS.Core.Audit.Postgres
{
    /// <summary>
    /// The error summary (spec §9) computed by the server: counts and groups are SQL aggregates over the window (served
    /// by the ts and errors-by-ts indexes), and only the few entries shown are fetched, so the answer costs the same
    /// whatever the table holds. Same object and same answers as <see cref="SupportReports.Summarize"/> over the entries.
    /// </summary>
    public static class PostgresSummary
    {
        // IsSuccess of AuditStatus in SQL: PROCESS_END whose message starts "Outcome: Succeeded", or a legacy INFO.
        private const string Success = "((upper(status) = 'PROCESS_END' AND starts_with(message, 'Outcome: Succeeded')) OR (is_legacy AND upper(status) = 'INFO'))";

        /// <summary>The summary of the entries the window query selects.</summary>
        public static ErrorSummary Summarize(PostgresAuditStore store, AuditQuery window, ReadStats stats, int days, int top, DateTimeOffset now, CancellationToken cancel = default)
        {
            PostgresSchema.EnsureUsable(store.Target, "read");
            var summary = new ErrorSummary { GeneratedAt = now, Days = days, Since = window.Since, Until = window.Until, LogFiles = new[] { store.Target.Display } };
            Select(store, window, "count(*), count(*) FILTER (WHERE is_error), count(*) FILTER (WHERE " + Success + "), " +
                "count(*) FILTER (WHERE status = 'START'), count(*) FILTER (WHERE status = 'FILE_ACCESS')", null, r =>
            {
                summary.TotalEntries = r.GetInt64(0);
                summary.ErrorCount = (int)r.GetInt64(1);
                summary.SuccessCount = (int)r.GetInt64(2);
                summary.SessionCount = (int)r.GetInt64(3);
                summary.FileOperations = (int)r.GetInt64(4);
            }, cancel);
            summary.ErrorsByStatus = Grouped(store, window, "status", "status", cancel).Select(kv => new StatusCount { Status = kv.Key, Count = kv.Value }).ToArray();
            // Users and scripts differing only in case are one; the name shown is the first spelling written.
            summary.UsersWithErrors = Grouped(store, window, "lower(user_name)", "user_name", cancel).Select(kv => new UserCount { User = kv.Key, Count = kv.Value }).ToArray();
            summary.TopScripts = Grouped(store, window, "lower(script)", "script", cancel).Take(top).Select(kv => new ScriptCount { Script = kv.Key, Count = kv.Value }).ToArray();
            // Like FutureDated.LeaveOut: without an explicit end, entries dated over 24 hours ahead stay out of the most-recent lists.
            AuditQuery recent = window;
            if (!window.Until.HasValue)
            {
                recent = window.Between(window.Since, now.Add(FutureDated.Tolerance));
                AuditQuery future = window.Between(now.Add(FutureDated.Tolerance).AddTicks(1), null);
                stats.FutureDatedWarning = FutureDated.Warning(store.Query(future, new ReadStats(), 0, cancel), window, now);
            }
            summary.MostRecentErrors = Newest(store, recent, "is_error", top, cancel).ToArray();
            summary.LatestSuccess = Newest(store, recent, Success, 1, cancel).FirstOrDefault();
            return summary;
        }

        private static List<KeyValuePair<string, int>> Grouped(PostgresAuditStore store, AuditQuery window, string key, string shown, CancellationToken cancel)
        {
            var rows = new List<KeyValuePair<string, int>>();
            Select(store, window, $"(array_agg({shown} ORDER BY ts, id))[1], count(*)", $" AND is_error AND {shown} <> '' GROUP BY {key}",
                r => rows.Add(new KeyValuePair<string, int>(r.GetString(0), (int)r.GetInt64(1))), cancel);
            // The same order as SupportReports.CountBy: most first, then by name ignoring case.
            return rows.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static List<AuditEntry> Newest(PostgresAuditStore store, AuditQuery window, string predicate, int count, CancellationToken cancel)
        {
            var result = new List<AuditEntry>();
            Select(store, window, PostgresRow.SelectColumns, $" AND {predicate} ORDER BY ts DESC, id DESC LIMIT {count}",
                r => result.Add(PostgresRow.Read(r, store.Target.Display, out _, out _)), cancel);
            return result;
        }

        private static void Select(PostgresAuditStore store, AuditQuery window, string columns, string? tail, Action<NpgsqlDataReader> row, CancellationToken cancel)
        {
            var sql = new System.Text.StringBuilder("SELECT " + columns + " FROM " + PostgresSchema.Table + " WHERE true");
            var parameters = new List<NpgsqlParameter>();
            PostgresAuditStore.Where(window, sql, parameters);
            sql.Append(tail);
            store.Run(sql.ToString(), parameters, "read", row, cancel);
        }
    }
}
