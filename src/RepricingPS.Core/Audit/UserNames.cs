using System;
using System.Collections.Generic;
using System.Linq;

namespace RepricingPS.Core.Audit
{
    /// <summary>Finding the user a support admin meant: the names seen in the log nearest to a name that matched nothing.</summary>
    public static class UserNames
    {
        /// <summary>
        /// Up to <paramref name="max"/> names from <paramref name="seen"/> near <paramref name="wanted"/>, nearest first: one is
        /// a prefix of the other, or the edit distance (case-insensitive) is at most a third of the longer name (at least 2).
        /// Names differing only in case are one.
        /// </summary>
        public static IReadOnlyList<string> Suggest(string wanted, IEnumerable<string> seen, int max = 3)
        {
            string w = wanted.Trim().ToUpperInvariant();
            var scored = new List<(string Name, int Score)>();
            foreach (string name in seen.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                string n = name.ToUpperInvariant();
                int distance = Distance(w, n);
                bool prefix = w.Length > 0 && (n.StartsWith(w, StringComparison.Ordinal) || w.StartsWith(n, StringComparison.Ordinal));
                int limit = Math.Max(2, Math.Max(w.Length, n.Length) / 3);
                if (prefix || distance <= limit) scored.Add((name, prefix ? Math.Min(distance, limit) : distance));
            }
            return scored.OrderBy(s => s.Score).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Take(max).Select(s => s.Name).ToList();
        }

        /// <summary>
        /// When a query for exact user names came back empty: a warning for each name with no entry at all in the window (most
        /// often a misspelt name), naming the nearest names seen there; null when every name has entries (an empty answer is
        /// then a true "nothing matched", e.g. a user without errors). Wildcard names are left alone.
        /// </summary>
        /// <param name="users">The -User values of the query.</param>
        /// <param name="window">The query's window only (no user, status or script filter).</param>
        /// <param name="query">Runs a query: the audit service's, so any store answers it.</param>
        public static string? UnknownUsersWarning(IEnumerable<string> users, AuditQuery window, Func<AuditQuery, IEnumerable<AuditEntry>> query)
        {
            var exact = users.Where(u => !string.IsNullOrWhiteSpace(u) && !NameMatcher.HasWildcard(u)).ToList();
            if (exact.Count == 0) return null;
            var seen = new HashSet<string>(query(window).Select(e => e.User), StringComparer.OrdinalIgnoreCase);
            var unknown = exact.Where(u => !seen.Contains(u.Trim())).ToList();
            if (unknown.Count == 0) return null;
            return string.Join(" ", unknown.Select(u =>
            {
                IReadOnlyList<string> near = Suggest(u, seen);
                string hint = near.Count > 0 ? $" Did you mean {string.Join(", ", near.Select(n => "'" + n + "'"))}?" : " No similar user name was seen there either.";
                return $"No entries at all for user '{u}' in this window, so the answer has nothing for that name: it may be misspelt.{hint}";
            }));
        }

        /// <summary>Levenshtein distance (insertions, deletions, substitutions).</summary>
        internal static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
