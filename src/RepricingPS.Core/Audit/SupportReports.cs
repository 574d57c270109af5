using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RepricingPS.Core.Audit
{
    /// <summary>
    /// Entries dated more than 24 hours ahead of the reader's clock (a writer with a wrong clock, a mistyped legacy row)
    /// would sit at the top of every "most recent" list for years. They are left out of those lists and reported in one
    /// warning; a query with an explicit end (-Until) still gets them, as it asked for that window.
    /// </summary>
    public static class FutureDated
    {
        /// <summary>How far ahead of the reader's clock an entry may be (time zones, clock drift) before it counts as future-dated.</summary>
        public static readonly TimeSpan Tolerance = TimeSpan.FromHours(24);

        /// <summary>True when the entry is dated more than <see cref="Tolerance"/> after <paramref name="now"/>.</summary>
        public static bool IsFuture(AuditEntry e, DateTimeOffset now) =>
            e.Timestamp.UtcDateTime.Ticks - now.UtcDateTime.Ticks > Tolerance.Ticks;

        /// <summary>The entries a most-recent list may show: all when the query has an explicit end, else those not future-dated.</summary>
        public static List<AuditEntry> LeaveOut(IEnumerable<AuditEntry> entries, AuditQuery query, DateTimeOffset now) =>
            query.Until.HasValue ? entries.ToList() : entries.Where(e => !IsFuture(e, now)).ToList();

        /// <summary>The one warning for the future-dated entries left out (count, first file and line), or null when there are none.</summary>
        public static string? Warning(IEnumerable<AuditEntry> entries, AuditQuery query, DateTimeOffset now)
        {
            if (query.Until.HasValue) return null;
            int count = 0;
            string first = "";
            foreach (AuditEntry e in entries)
            {
                if (!IsFuture(e, now)) continue;
                if (count++ == 0) first = e.Source;
            }
            if (count == 0) return null;
            return string.Format(CultureInfo.InvariantCulture,
                "{0} entr{1} dated more than 24 hours after this computer's clock (first: {2}) {3} left out of the most recent lists: " +
                "check the clock of the machine that wrote {4}. Use -Until to include {4}.",
                count, count == 1 ? "y" : "ies", first, count == 1 ? "is" : "are", count == 1 ? "it" : "them");
        }
    }

    /// <summary>Builds the support outputs from entries already read.</summary>
    public static class SupportReports
    {
        /// <summary>Errors newest first (stable on ties: later read first).</summary>
        public static List<AuditEntry> NewestFirst(IEnumerable<AuditEntry> entries)
        {
            var list = entries.ToList();
            list.Reverse();
            // OrderByDescending is stable, so entries with equal times keep the reversed read order.
            return list.OrderByDescending(e => e.Timestamp.UtcDateTime).ToList();
        }

        /// <summary>The error summary of every entry in a window.</summary>
        public static ErrorSummary Summarize(IReadOnlyList<AuditEntry> windowEntries, ReadStats stats, AuditQuery window, int days, int top, DateTimeOffset now)
        {
            var errors = windowEntries.Where(e => e.IsError).ToList();
            var successes = windowEntries.Where(AuditStatus.IsSuccess).ToList();
            stats.FutureDatedWarning = FutureDated.Warning(windowEntries, window, now);
            return new ErrorSummary
            {
                GeneratedAt = now,
                Days = days,
                Since = window.Since,
                Until = window.Until,
                TotalEntries = windowEntries.Count,
                MalformedRows = stats.MalformedRows,
                ErrorCount = errors.Count,
                ErrorsByStatus = CountBy(errors, e => e.Status, StringComparer.Ordinal).Select(kv => new StatusCount { Status = kv.Key, Count = kv.Value }).ToArray(),
                UsersWithErrors = CountBy(errors, e => e.User, StringComparer.OrdinalIgnoreCase).Select(kv => new UserCount { User = kv.Key, Count = kv.Value }).ToArray(),
                TopScripts = CountBy(errors, e => e.Script, StringComparer.OrdinalIgnoreCase).Take(top).Select(kv => new ScriptCount { Script = kv.Key, Count = kv.Value }).ToArray(),
                MostRecentErrors = NewestFirst(FutureDated.LeaveOut(errors, window, now)).Take(top).ToArray(),
                SuccessCount = successes.Count,
                LatestSuccess = NewestFirst(FutureDated.LeaveOut(successes, window, now)).FirstOrDefault(),
                SessionCount = windowEntries.Count(e => e.Status == AuditStatus.Start),
                FileOperations = windowEntries.Count(e => e.Status == AuditStatus.FileAccess),
                LogFiles = stats.Files.ToArray(),
                Incomplete = stats.Incomplete,
                SkippedSources = stats.SkippedSources.ToArray(),
            };
        }

        /// <summary>Counts by key, most first then by key; the name shown is the first spelling seen.</summary>
        internal static List<KeyValuePair<string, int>> CountBy(IEnumerable<AuditEntry> entries, Func<AuditEntry, string> key, StringComparer comparer)
        {
            var counts = new Dictionary<string, int>(comparer);
            var names = new Dictionary<string, string>(comparer);
            foreach (AuditEntry e in entries)
            {
                string k = key(e);
                if (string.IsNullOrEmpty(k)) continue;
                counts.TryGetValue(k, out int c);
                counts[k] = c + 1;
                if (!names.ContainsKey(k)) names[k] = k;
            }
            return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => names[kv.Key], StringComparer.OrdinalIgnoreCase)
                .Select(kv => new KeyValuePair<string, int>(names[kv.Key], kv.Value)).ToList();
        }

        /// <summary>One user's report from that user's entries in the window, oldest first.</summary>
        public static UserSupportReport ForUser(string user, IReadOnlyList<AuditEntry> userEntries, ReadStats stats, AuditQuery window, int days, DateTimeOffset now)
        {
            var errors = userEntries.Where(e => e.IsError).ToList();
            var sessions = Sessions(userEntries);
            bool keepFuture = window.Until.HasValue;
            var recentSessions = sessions.Where(s => keepFuture || !FutureDated.IsFuture(s.Entries[0], now))
                .OrderByDescending(s => s.Info.Start.UtcDateTime).Take(5).ToList();
            var timeline = FutureDated.LeaveOut(recentSessions.SelectMany(s => s.Entries), window, now).OrderBy(e => e.Timestamp.UtcDateTime).ToList();
            if (timeline.Count > 50) timeline = timeline.Skip(timeline.Count - 50).ToList();
            var statuses = new HashSet<string>(errors.Select(e => e.Status), StringComparer.OrdinalIgnoreCase);
            return new UserSupportReport
            {
                User = user,
                GeneratedAt = now,
                Days = days,
                Since = window.Since,
                SessionCount = sessions.Count,
                RecentSessions = recentSessions.Select(s => s.Info).ToArray(),
                ErrorCount = errors.Count,
                ErrorsByStatus = CountBy(errors, e => e.Status, StringComparer.Ordinal).Select(kv => new StatusCount { Status = kv.Key, Count = kv.Value }).ToArray(),
                RecentErrors = NewestFirst(FutureDated.LeaveOut(errors, window, now)).Take(10).ToArray(),
                TopErrorScripts = CountBy(errors, e => e.Script, StringComparer.OrdinalIgnoreCase).Take(5).Select(kv => new ScriptCount { Script = kv.Key, Count = kv.Value }).ToArray(),
                TopFiles = CountBy(userEntries, e => e.File, StringComparer.OrdinalIgnoreCase).Take(5).Select(kv => new FileCount { File = kv.Key, Count = kv.Value }).ToArray(),
                Computers = Distinct(userEntries.Select(e => e.Computer)),
                OperatingSystems = Distinct(userEntries.Select(e => e.OS)),
                Runtimes = Distinct(userEntries.Select(e => e.PSVersion.Length == 0 || e.IsLegacy ? e.PSVersion : "PowerShell " + e.PSVersion)),
                Timeline = timeline.ToArray(),
                ErrorsPerDay = errors.GroupBy(e => (e.Timestamp.Date, e.Status)).OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Status, StringComparer.Ordinal)
                    .Select(g => new DayStatusCount { Day = g.Key.Date, Status = g.Key.Status, Count = g.Count() }).ToArray(),
                SuccessCount = userEntries.Count(AuditStatus.IsSuccess),
                SuccessesPerDay = userEntries.Where(AuditStatus.IsSuccess).GroupBy(e => e.Timestamp.Date).OrderBy(g => g.Key)
                    .Select(g => new DayCount { Day = g.Key, Count = g.Count() }).ToArray(),
                FileOperations = userEntries.Count(e => e.Status == AuditStatus.FileAccess),
                Recommendations = Recommend(statuses),
                MalformedRows = stats.MalformedRows,
                Incomplete = stats.Incomplete,
                SkippedSources = stats.SkippedSources.ToArray(),
            };
        }

        private static string[] Distinct(IEnumerable<string> values) =>
            values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(v => v, StringComparer.OrdinalIgnoreCase).ToArray();

        private sealed class SessionBuild
        {
            public SessionInfo Info = new SessionInfo();
            public List<AuditEntry> Entries = new List<AuditEntry>();
        }

        /// <summary>
        /// New entries group by SessionId. Legacy rows carry none: a legacy START opens a session that takes the
        /// legacy rows after it up to its END.
        /// </summary>
        private static List<SessionBuild> Sessions(IReadOnlyList<AuditEntry> oldestFirst)
        {
            var byId = new Dictionary<string, SessionBuild>(StringComparer.Ordinal);
            var order = new List<SessionBuild>();
            SessionBuild? legacyOpen = null;
            foreach (AuditEntry e in oldestFirst)
            {
                SessionBuild? s = null;
                if (e.SessionId.Length > 0)
                {
                    if (!byId.TryGetValue(e.SessionId, out s))
                    {
                        s = new SessionBuild();
                        s.Info.SessionId = e.SessionId;
                        byId[e.SessionId] = s;
                        order.Add(s);
                    }
                }
                else if (e.Status == AuditStatus.Start)
                {
                    s = legacyOpen = new SessionBuild();
                    s.Info.SessionId = "legacy:" + e.EntryId;
                    order.Add(s);
                }
                else
                {
                    s = legacyOpen;
                }
                if (s == null) continue;
                if (s.Entries.Count == 0) s.Info.Start = e.Timestamp;
                s.Entries.Add(e);
                s.Info.End = e.Timestamp;
                s.Info.Entries++;
                if (e.IsError) s.Info.Errors++;
                if (s.Info.Computer.Length == 0) s.Info.Computer = e.Computer;
                if (e.Status == AuditStatus.End)
                {
                    s.Info.Outcome = "Ended";
                    if (ReferenceEquals(s, legacyOpen)) legacyOpen = null;
                }
            }
            foreach (SessionBuild s in order)
            {
                if (s.Info.Outcome.Length == 0) s.Info.Outcome = s.Info.Errors > 0 ? "Failed" : "Open";
            }
            return order;
        }

        /// <summary>What support should check, one rule per kind of error seen (spec §9).</summary>
        public static string[] Recommend(ICollection<string> errorStatuses)
        {
            var r = new List<string>();
            bool Has(string s) => errorStatuses.Contains(s);
            if (Has(ErrorCategories.File)) r.Add("File errors: check the file paths, the user's permissions on them, and that OneDrive/SharePoint has finished syncing (a file open in Excel on another machine can also lock it).");
            if (Has(ErrorCategories.User)) r.Add("User errors: the wrong file or template was chosen. File1 needs SOURCERECORDID, DATEFILLED, QUANTITY, DAYSUPPLY, NDC, MemberID; File2 needs Source Record ID and the priced columns; the template needs a 'Claims Table' sheet.");
            if (Has(ErrorCategories.Data)) r.Add("Data errors: open the error's Details for the rule broken and the row (unparseable date or number, duplicate SOURCERECORDID, empty file), fix the source file and run again.");
            if (Has(ErrorCategories.System)) r.Add("System errors: check the machine's free memory and the PowerShell/module versions in the error's Details; very large .xlsx files should be saved as .csv.");
            if (Has(ErrorCategories.Config)) r.Add("Configuration errors: check the audit log path setting (Get-RepricingAuditConfiguration), REPRICING_AUDIT_PATH, and that every variable in it is set.");
            if (Has(AuditStatus.Error)) r.Add("Legacy ERROR entries come from the earlier Python program: read the Error text; most are missing columns or files.");
            if (r.Count == 0) r.Add("No errors in the window: nothing to fix from the log.");
            return r.ToArray();
        }
    }
}
