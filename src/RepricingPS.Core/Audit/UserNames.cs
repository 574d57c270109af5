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
