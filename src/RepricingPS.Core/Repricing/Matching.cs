using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace RepricingPS.Core.Repricing
{
    /// <summary>The O/R matching of spec §4: originals and reversals tagged on the merged rows.</summary>
    internal static class Matcher
    {
        /// <summary>
        /// O/R matching in one deterministic pass: reversals in (DATEFILLED, RowID) order; each takes the unmatched claim
        /// of its group (NDC, member, |quantity|, and for Strict days supply, drug, pharmacy and AWP) with the fewest days
        /// before it within the window, then the lowest RowID. Groups are sorted once; a claim is found by binary search and
        /// matched claims are skipped with path-compressed links, so the whole pass is O(n log n).
        /// </summary>
        internal static void Match(List<MergedRow> rows, int windowDays, MatchRule rule, CancellationToken cancel)
        {
            var groups = new Dictionary<string, List<MergedRow>>(StringComparer.Ordinal);
            foreach (MergedRow r in rows)
            {
                if (r.Quantity > 0 && r.Date.HasValue && r.Member.Length > 0)
                {
                    string key = GroupKey(r, rule, reversal: false);
                    if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<MergedRow>();
                    list.Add(r);
                }
            }
            // A group is sorted and indexed only when a reversal looks into it: most groups (a member's fills of one drug)
            // never see a reversal, and building half a million small indexes up front was most of the matching time.
            var index = new Dictionary<string, ClaimGroup>(StringComparer.Ordinal);

            var reversals = rows.Where(r => r.Quantity < 0)
                .OrderBy(r => r.Date.HasValue ? 0 : 1).ThenBy(r => r.Date ?? DateTime.MaxValue).ThenBy(r => r.RowId).ToList();
            int n = 0;
            foreach (MergedRow rev in reversals)
            {
                if ((++n & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                rev.Flag = OrFlag.OR;
                rev.MatchStatus = MatchStatus.UnmatchedReversal;
                if (!rev.Date.HasValue || rev.Member.Length == 0) continue;
                string groupKey = GroupKey(rev, rule, reversal: true);
                if (!index.TryGetValue(groupKey, out ClaimGroup? group))
                {
                    if (!groups.TryGetValue(groupKey, out var claims)) continue;
                    index[groupKey] = group = new ClaimGroup(claims);
                }
                MergedRow? claim = group.Take(rev.Date.Value, windowDays);
                if (claim == null) continue;
                claim.Flag = OrFlag.OR;
                claim.MatchStatus = rev.MatchStatus = MatchStatus.Matched;
                claim.MatchedRowId = rev.RowId;
                rev.MatchedRowId = claim.RowId;
            }
        }

        private static string GroupKey(MergedRow r, MatchRule rule, bool reversal)
        {
            string basic = r.Ndc + "\u001f" + r.Member + "\u001f" + Magnitude(r.Quantity!.Value);
            if (rule == MatchRule.Standard) return basic;
            // Strict: |claim AWP + reversal AWP| < 0.01 on values rounded to cents means the reversal's AWP is the claim's, negated.
            decimal? awp = reversal ? -r.Awp : r.Awp;
            return basic + "\u001f" + (r.DaySupply.HasValue ? Math.Abs(r.DaySupply.Value).ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")
                   + "\u001f" + r.Drug + "\u001f" + r.Pharmacy + "\u001f" + (awp.HasValue ? awp.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "?" + r.RowId);
        }

        /// <summary>
        /// |value| as key text that does not depend on how it was written: decimal keeps its scale (30 and 30.0 print
        /// differently), but "same absolute QUANTITY" (spec §4) is about the number, so trailing zeros go.
        /// </summary>
        internal static string Magnitude(decimal value) =>
            Math.Abs(value).ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The claims of one group sorted by (date, RowID), with links that skip claims already matched.</summary>
        private sealed class ClaimGroup
        {
            private readonly MergedRow[] _claims;
            private readonly long[] _days;
            private readonly int[] _left;  // nearest unmatched at or before i (-1: none)
            private readonly int[] _right; // nearest unmatched at or after i (Length: none)

            internal ClaimGroup(List<MergedRow> claims)
            {
                _claims = claims.ToArray();
                Array.Sort(_claims, (a, b) => a.Date!.Value != b.Date!.Value ? a.Date.Value.CompareTo(b.Date.Value) : a.RowId.CompareTo(b.RowId));
                _days = new long[_claims.Length];
                _left = new int[_claims.Length];
                _right = new int[_claims.Length];
                for (int i = 0; i < _claims.Length; i++)
                {
                    _days[i] = _claims[i].Date!.Value.Ticks / TimeSpan.TicksPerDay;
                    _left[i] = _right[i] = i;
                }
            }

            internal MergedRow? Take(DateTime reversalDate, int windowDays)
            {
                long day = reversalDate.Ticks / TimeSpan.TicksPerDay;
                int last = UpperBound(day) - 1;              // last claim dated on or before the reversal
                int q = FindLeft(last);
                if (q < 0 || day - _days[q] > windowDays) return null;
                int first = LowerBound(_days[q]);            // the claims of that date, lowest RowID first
                int t = FindRight(first);
                _left[t] = t - 1;
                _right[t] = t + 1;
                return _claims[t];
            }

            private int FindLeft(int i)
            {
                int root = i;
                while (root >= 0 && _left[root] != root) root = _left[root];
                while (i >= 0 && _left[i] != i) { int next = _left[i]; _left[i] = root; i = next; }
                return root;
            }

            private int FindRight(int i)
            {
                int root = i;
                while (root < _claims.Length && _right[root] != root) root = _right[root];
                while (i < _claims.Length && _right[i] != i) { int next = _right[i]; _right[i] = root; i = next; }
                return root;
            }

            private int UpperBound(long day)
            {
                int lo = 0, hi = _days.Length;
                while (lo < hi) { int mid = (lo + hi) >> 1; if (_days[mid] <= day) lo = mid + 1; else hi = mid; }
                return lo;
            }

            private int LowerBound(long day)
            {
                int lo = 0, hi = _days.Length;
                while (lo < hi) { int mid = (lo + hi) >> 1; if (_days[mid] < day) lo = mid + 1; else hi = mid; }
                return lo;
            }
        }
    }
}
