using System;
using System.Collections.Generic;
using RepricingPS.Core.Audit;

namespace RepricingPS.Core.Viewer
{
    /// <summary>An entry the viewer holds, numbered in the order the server saw it (the stream resumes after a number).</summary>
    internal sealed class HeldEntry
    {
        internal HeldEntry(long seq, AuditEntry entry, long size)
        {
            Seq = seq;
            Entry = entry;
            Size = size;
        }

        internal long Seq { get; }
        internal AuditEntry Entry { get; }
        internal long Size { get; }
    }

    /// <summary>Counts for one filter: the total, per status, errors per day, and the users in the window.</summary>
    internal sealed class WindowSummary
    {
        internal long Total;
        internal readonly SortedDictionary<string, long> PerStatus = new SortedDictionary<string, long>(StringComparer.Ordinal);
        internal readonly SortedDictionary<DateTime, long> ErrorsPerDay = new SortedDictionary<DateTime, long>();
        internal readonly SortedSet<string> Users = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The entries of the server's window, shared by every page: oldest first by time, bounded by a count and a size
    /// (characters) so the server's memory stays bounded however large the log is; the oldest go first when either is
    /// reached, and the page is told from when on it sees everything. Thread-safe: one poller adds, requests read.
    /// </summary>
    internal sealed class EntryWindow
    {
        private readonly object _gate = new object();
        private readonly List<HeldEntry> _entries = new List<HeldEntry>();
        private readonly int _maxEntries;
        private readonly long _maxChars;
        private long _chars;
        private long _nextSeq = 1;

        internal EntryWindow(int maxEntries, long maxChars)
        {
            _maxEntries = maxEntries;
            _maxChars = maxChars;
        }

        /// <summary>The number of the newest entry added (0 before any).</summary>
        internal long LastSeq { get { lock (_gate) return _nextSeq - 1; } }

        /// <summary>The number of entries held.</summary>
        internal int Count { get { lock (_gate) return _entries.Count; } }

        /// <summary>Characters held (the memory bound, counted).</summary>
        internal long Chars { get { lock (_gate) return _chars; } }

        /// <summary>When entries were dropped to stay within the bounds: the time of the oldest entry still held.</summary>
        internal DateTimeOffset? TrimmedBefore { get; private set; }

        /// <summary>
        /// Adds new entries (any order) and drops those older than <paramref name="since"/> or beyond the bounds.
        /// <paramref name="olderLeftOut"/>: the reader already left older entries out (a first read of only the newest).
        /// </summary>
        internal void Add(IReadOnlyList<AuditEntry> fresh, DateTimeOffset since, bool olderLeftOut = false)
        {
            lock (_gate)
            {
                foreach (AuditEntry e in fresh)
                {
                    var held = new HeldEntry(_nextSeq++, e, SizeOf(e));
                    _chars += held.Size;
                    int at = _entries.Count;
                    while (at > 0 && _entries[at - 1].Entry.Timestamp > e.Timestamp) at--; // nearly always at the end
                    _entries.Insert(at, held);
                }
                int drop = 0;
                while (drop < _entries.Count && _entries[drop].Entry.Timestamp < since) _chars -= _entries[drop++].Size;
                bool trimmed = olderLeftOut;
                while (drop < _entries.Count && (_entries.Count - drop > _maxEntries || _chars > _maxChars))
                {
                    _chars -= _entries[drop++].Size;
                    trimmed = true;
                }
                if (drop > 0) _entries.RemoveRange(0, drop);
                if (trimmed && _entries.Count > 0) TrimmedBefore = _entries[0].Entry.Timestamp;
            }
        }

        private static long SizeOf(AuditEntry e) =>
            64 + e.User.Length + e.Computer.Length + e.Script.Length + e.Status.Length + e.Message.Length + e.Action.Length + e.File.Length
            + e.ErrorType.Length + e.Error.Length + e.Details.Length + e.SessionId.Length + e.EntryId.Length + e.PSVersion.Length
            + e.OS.Length + e.Source.Length;

        /// <summary>The newest <paramref name="limit"/> matching entries (newest first) and the counts for the filter.</summary>
        internal List<HeldEntry> Snapshot(ViewerFilter filter, int limit, WindowSummary summary, out long lastSeq)
        {
            var newest = new List<HeldEntry>();
            lock (_gate)
            {
                lastSeq = _nextSeq - 1;
                for (int i = _entries.Count - 1; i >= 0; i--)
                {
                    HeldEntry h = _entries[i];
                    if (filter.InWindow(h.Entry)) summary.Users.Add(h.Entry.User);
                    if (!filter.Matches(h.Entry)) continue;
                    Tally(h.Entry, summary);
                    if (newest.Count < limit) newest.Add(h);
                }
            }
            return newest;
        }

        /// <summary>The matching entries numbered after <paramref name="afterSeq"/> (at most <paramref name="limit"/>, the newest), newest first.</summary>
        internal List<HeldEntry> Since(long afterSeq, ViewerFilter filter, int limit, out long lastSeq)
        {
            var found = new List<HeldEntry>();
            lock (_gate)
            {
                lastSeq = _nextSeq - 1;
                if (afterSeq >= lastSeq) return found;
                foreach (HeldEntry h in _entries)
                {
                    if (h.Seq > afterSeq && filter.Matches(h.Entry)) found.Add(h);
                }
            }
            found.Reverse();
            if (found.Count > limit) found.RemoveRange(limit, found.Count - limit);
            return found;
        }

        /// <summary>A legacy session is looked for at most this far either side of the entry.</summary>
        private static readonly TimeSpan LegacySessionReach = TimeSpan.FromHours(24);

        /// <summary>
        /// The entry with this id, and every held entry of its session in time order. Entries written by RepricingPS carry
        /// a SessionId. Legacy rows have none: their session is the same user's run from the START at or before the entry
        /// to the END at or after it (within a day either side), which is how the legacy program wrote them.
        /// </summary>
        internal AuditEntry? Find(string entryId, out List<HeldEntry> session, out bool reconstructed)
        {
            session = new List<HeldEntry>();
            reconstructed = false;
            lock (_gate)
            {
                int at = _entries.FindIndex(h => string.Equals(h.Entry.EntryId, entryId, StringComparison.Ordinal));
                if (at < 0) return null;
                AuditEntry found = _entries[at].Entry;
                if (found.SessionId.Length > 0)
                {
                    foreach (HeldEntry h in _entries)
                    {
                        if (string.Equals(h.Entry.SessionId, found.SessionId, StringComparison.Ordinal)) session.Add(h);
                    }
                    return found;
                }
                if (!found.IsLegacy) return found;
                reconstructed = true;
                int first = at, last = at;
                if (!IsStatus(found, AuditStatus.Start))
                {
                    for (int i = at - 1; i >= 0 && found.Timestamp - _entries[i].Entry.Timestamp <= LegacySessionReach; i--)
                    {
                        if (!SameLegacyUser(_entries[i].Entry, found)) continue;
                        first = i;
                        if (IsStatus(_entries[i].Entry, AuditStatus.Start) || IsStatus(_entries[i].Entry, AuditStatus.End)) break;
                    }
                    if (IsStatus(_entries[first].Entry, AuditStatus.End) && first != at) first = NextOfUser(first, found);
                }
                if (!IsStatus(found, AuditStatus.End))
                {
                    for (int i = at + 1; i < _entries.Count && _entries[i].Entry.Timestamp - found.Timestamp <= LegacySessionReach; i++)
                    {
                        if (!SameLegacyUser(_entries[i].Entry, found)) continue;
                        if (IsStatus(_entries[i].Entry, AuditStatus.Start)) break;
                        last = i;
                        if (IsStatus(_entries[i].Entry, AuditStatus.End)) break;
                    }
                }
                for (int i = first; i <= last; i++)
                {
                    if (SameLegacyUser(_entries[i].Entry, found)) session.Add(_entries[i]);
                }
                return found;
            }
        }

        private int NextOfUser(int from, AuditEntry like)
        {
            for (int i = from + 1; i < _entries.Count; i++)
            {
                if (SameLegacyUser(_entries[i].Entry, like)) return i;
            }
            return from;
        }

        private static bool IsStatus(AuditEntry e, string status) => string.Equals(e.Status, status, StringComparison.OrdinalIgnoreCase);

        private static bool SameLegacyUser(AuditEntry e, AuditEntry like) =>
            e.IsLegacy && e.SessionId.Length == 0 && string.Equals(e.User, like.User, StringComparison.OrdinalIgnoreCase);

        private static void Tally(AuditEntry e, WindowSummary s)
        {
            s.Total++;
            s.PerStatus.TryGetValue(e.Status, out long n);
            s.PerStatus[e.Status] = n + 1;
            if (!e.IsError) return;
            DateTime day = e.Timestamp.ToLocalTime().Date;
            s.ErrorsPerDay.TryGetValue(day, out long d);
            s.ErrorsPerDay[day] = d + 1;
        }
    }
}
