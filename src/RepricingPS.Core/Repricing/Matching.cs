using System;
using System.Collections.Generic;
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
        internal static void Match(MergedRow[] rows, int windowDays, MatchRule rule, CancellationToken cancel)
        {
            // Each distinct group key gets a number; the claims of a group then sit side by side in one array (a slice per
            // group), so a million claims make a few arrays, not a list and a key string per group and claim.
            // Sized once for the most groups there can be (claims of a member rarely share a group): growing it step by step
            // allocated twice its size.
            int candidates = 0;
            foreach (MergedRow r in rows) if (r.Quantity > 0 && r.Date.HasValue && r.Member.Length > 0) candidates++;
            var ids = new Dictionary<GroupKey, int>(candidates);
            var groupOf = new int[rows.Length];
            var sizes = new List<int>();
            for (int i = 0; i < rows.Length; i++)
            {
                if ((i & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                groupOf[i] = -1;
                ref MergedRow r = ref rows[i];
                // A claim that a reversal can match (spec §4): positive quantity, a date, a member.
                if (r.Quantity > 0 && r.Date.HasValue && r.Member.Length > 0 && GroupKey.TryOf(r, rule, reversal: false, out GroupKey key))
                {
                    if (!ids.TryGetValue(key, out int g))
                    {
                        g = sizes.Count;
                        ids.Add(key, g);
                        sizes.Add(0);
                    }
                    sizes[g]++;
                    groupOf[i] = g;
                }
            }
            var claims = new ClaimGroups(rows, groupOf, sizes);

            var reversals = new List<long>();
            for (int i = 0; i < rows.Length; i++)
            {
                // (date, RowID) order as one sortable number: the day in the high half, the row in the low half; no date last.
                if (rows[i].Quantity < 0) reversals.Add(((rows[i].Date.HasValue ? rows[i].Date!.Value.Ticks / TimeSpan.TicksPerDay : int.MaxValue) << 32) | (uint)i);
            }
            reversals.Sort();
            int n = 0;
            foreach (long entry in reversals)
            {
                if ((++n & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                ref MergedRow rev = ref rows[(int)(entry & 0xFFFFFFFF)];
                rev.Flag = OrFlag.OR;
                rev.MatchStatus = MatchStatus.UnmatchedReversal;
                if (!rev.Date.HasValue || rev.Member.Length == 0 || !GroupKey.TryOf(rev, rule, reversal: true, out GroupKey key)) continue;
                if (!ids.TryGetValue(key, out int g)) continue;
                int found = claims.Take(g, rev.Date.Value.Ticks / TimeSpan.TicksPerDay, windowDays);
                if (found < 0) continue;
                ref MergedRow claim = ref rows[found];
                claim.Flag = OrFlag.OR;
                claim.MatchStatus = rev.MatchStatus = MatchStatus.Matched;
                claim.MatchedRowId = rev.RowId;
                rev.MatchedRowId = claim.RowId;
            }
        }


        /// <summary>
        /// The value with the fewest decimals that keep it, and zero without a sign: decimal keeps its scale (30, 30.0 and
        /// 30.00 are equal but not the same bits), and "same absolute QUANTITY" (spec §4) is about the number. Equal numbers
        /// then have the same bits, so they hash alike on every runtime (.NET Framework's decimal.GetHashCode does not promise
        /// that for 30 and 30.0).
        /// </summary>
        internal static decimal Normalise(decimal value)
        {
            if (value == 0m) return 0m;
            for (int decimals = 0; decimals < 28; decimals++)
            {
                // Rounding to fewer decimals than the value has sets its scale to that number of decimals.
                decimal rounded = Math.Round(value, decimals);
                if (rounded == value) return rounded;
            }
            return value;
        }

        /// <summary>
        /// The group of a claim or reversal: (NDC, member, |QUANTITY|), and for Strict also |DAYSUPPLY| (or none), drug,
        /// pharmacy and the claim's AWP (a reversal's negated). Ordinal text, numbers by value. Small (the Strict part is
        /// a reference, null under Standard): a million claims can make nearly as many groups.
        /// </summary>
        private readonly struct GroupKey : IEquatable<GroupKey>
        {
            private readonly string _ndc;
            private readonly string _member;
            private readonly decimal _quantity;
            private readonly StrictPart? _strict;

            private GroupKey(in MergedRow r, StrictPart? strict)
            {
                _ndc = r.Ndc;
                _member = r.Member;
                _quantity = Normalise(Math.Abs(r.Quantity!.Value)); // |QUANTITY|
                _strict = strict;
            }

            /// <summary>
            /// The key of a row; false under Strict for a row without an AWP, which never matches (|claim AWP + reversal AWP|
            /// cannot be computed).
            /// </summary>
            internal static bool TryOf(in MergedRow r, MatchRule rule, bool reversal, out GroupKey key)
            {
                if (rule == MatchRule.Standard)
                {
                    key = new GroupKey(r, null);
                    return true;
                }
                if (!r.Awp.HasValue)
                {
                    key = default;
                    return false;
                }
                // AWP is rounded to cents at import, so |claim AWP + reversal AWP| < 0.01 means the reversal's AWP is the claim's, negated.
                key = new GroupKey(r, new StrictPart(r.DaySupply.HasValue ? Math.Abs((long)r.DaySupply.Value) : (long?)null, r.Drug, r.Pharmacy,
                    Normalise(reversal ? -r.Awp.Value : r.Awp.Value)));
                return true;
            }

            public bool Equals(GroupKey other) =>
                _quantity == other._quantity && string.Equals(_ndc, other._ndc, StringComparison.Ordinal) && string.Equals(_member, other._member, StringComparison.Ordinal)
                && (_strict == null ? other._strict == null : _strict.Equals(other._strict));

            public override bool Equals(object? obj) => obj is GroupKey other && Equals(other);

            public override int GetHashCode()
            {
                unchecked
                {
                    // Normalised decimals: equal values have equal bits, so their hash codes agree.
                    int h = StringComparer.Ordinal.GetHashCode(_ndc);
                    h = h * 31 + StringComparer.Ordinal.GetHashCode(_member);
                    h = h * 31 + _quantity.GetHashCode();
                    return _strict == null ? h : h * 31 + _strict.GetHashCode();
                }
            }
        }

        /// <summary>What -MatchRule Strict adds to a group key.</summary>
        private sealed class StrictPart
        {
            private readonly long? _daySupply; // |DAYSUPPLY|: long, as |int.MinValue| is no int
            private readonly string _drug;
            private readonly string _pharmacy;
            private readonly decimal _awp;

            internal StrictPart(long? daySupply, string drug, string pharmacy, decimal awp)
            {
                _daySupply = daySupply;
                _drug = drug;
                _pharmacy = pharmacy;
                _awp = awp;
            }

            internal bool Equals(StrictPart? other) =>
                other != null && _daySupply == other._daySupply && _awp == other._awp
                && string.Equals(_drug, other._drug, StringComparison.Ordinal) && string.Equals(_pharmacy, other._pharmacy, StringComparison.Ordinal);

            public override bool Equals(object? obj) => Equals(obj as StrictPart);

            public override int GetHashCode()
            {
                unchecked
                {
                    int h = _daySupply.HasValue ? _daySupply.Value.GetHashCode() : -1;
                    h = h * 31 + StringComparer.Ordinal.GetHashCode(_drug);
                    h = h * 31 + StringComparer.Ordinal.GetHashCode(_pharmacy);
                    return h * 31 + _awp.GetHashCode();
                }
            }
        }

        /// <summary>
        /// The claims of every group, each group a slice of one array sorted by (date, RowID) the first time a reversal looks
        /// into it (most groups, a member's fills of one drug, never see a reversal), with links that skip claims already matched.
        /// </summary>
        private sealed class ClaimGroups
        {
            private readonly int[] _start;    // group g is [_start[g], _start[g + 1])
            private readonly long[] _claims;  // day << 32 | row index: sorting orders by date, then RowID
            private readonly bool[] _sorted;
            private readonly int[] _left;     // nearest unmatched at or before i (_start[g] - 1: none)
            private readonly int[] _right;    // nearest unmatched at or after i (_start[g + 1]: none)

            internal ClaimGroups(MergedRow[] rows, int[] groupOf, List<int> sizes)
            {
                _start = new int[sizes.Count + 1];
                for (int g = 0; g < sizes.Count; g++) _start[g + 1] = _start[g] + sizes[g];
                _claims = new long[_start[sizes.Count]];
                int[] next = (int[])_start.Clone();
                for (int i = 0; i < rows.Length; i++)
                {
                    if (groupOf[i] >= 0) _claims[next[groupOf[i]]++] = ((rows[i].Date!.Value.Ticks / TimeSpan.TicksPerDay) << 32) | (uint)i;
                }
                _sorted = new bool[sizes.Count];
                _left = new int[_claims.Length];
                _right = new int[_claims.Length];
                for (int i = 0; i < _claims.Length; i++) _left[i] = _right[i] = i;
            }

            /// <summary>The row index of the claim group <paramref name="g"/> gives a reversal of <paramref name="day"/>, now taken; -1: none.</summary>
            internal int Take(int g, long day, int windowDays)
            {
                int lo = _start[g], hi = _start[g + 1];
                if (!_sorted[g])
                {
                    Array.Sort(_claims, lo, hi - lo);
                    _sorted[g] = true;
                }
                int last = FirstAfter(lo, hi, (day << 32) | 0xFFFFFFFFL) - 1;   // last claim dated on or before the reversal
                int q = FindLeft(last, lo);
                if (q < lo || day - (_claims[q] >> 32) > windowDays) return -1;
                int first = FirstAfter(lo, hi, (_claims[q] & ~0xFFFFFFFFL) - 1); // the claims of that date, lowest RowID first
                int t = FindRight(first, hi);
                _left[t] = t - 1;
                _right[t] = t + 1;
                return (int)(_claims[t] & 0xFFFFFFFF);
            }

            private int FindLeft(int i, int lo)
            {
                int root = i;
                while (root >= lo && _left[root] != root) root = _left[root];
                while (i >= lo && _left[i] != i) { int next = _left[i]; _left[i] = root; i = next; }
                return root;
            }

            private int FindRight(int i, int hi)
            {
                int root = i;
                while (root < hi && _right[root] != root) root = _right[root];
                while (i < hi && _right[i] != i) { int next = _right[i]; _right[i] = root; i = next; }
                return root;
            }

            /// <summary>The first position in [lo, hi) whose entry is greater than <paramref name="value"/> (hi: none).</summary>
            private int FirstAfter(int lo, int hi, long value)
            {
                while (lo < hi) { int mid = (lo + hi) >> 1; if (_claims[mid] <= value) lo = mid + 1; else hi = mid; }
                return lo;
            }
        }
    }
}
