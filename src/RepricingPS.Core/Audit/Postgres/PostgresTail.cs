using System;
using System.Collections.Generic;
using System.Threading;

namespace RepricingPS.Core.Audit.Postgres
{
    /// <summary>
    /// Follows new rows of a database (Get-RepricingAuditLog -Wait). Row ids are handed out when a transaction
    /// inserts, not when it commits, so a row can become visible after one with a higher id: every poll re-reads the
    /// rows above the highest id seen a short look-back ago and drops the EntryIds it has already returned.
    /// </summary>
    public sealed class PostgresTail : IAuditTail
    {
        private readonly PostgresAuditStore _store;
        private readonly AuditQuery _query;
        private readonly TimeSpan _lookBack;
        private readonly Func<DateTime> _clock;
        private readonly Queue<(DateTime At, long MaxId)> _checkpoints = new Queue<(DateTime, long)>();
        private readonly Dictionary<string, long> _seen = new Dictionary<string, long>(StringComparer.Ordinal);
        private readonly int _last;
        private long _floor = -1;

        /// <summary>A tail whose first poll gives the matching entries (only the newest <paramref name="last"/> when it is above 0).</summary>
        public PostgresTail(PostgresAuditStore store, AuditQuery query, int last = 0) : this(store, query, last, TimeSpan.FromSeconds(10), () => DateTime.UtcNow) { }

        internal PostgresTail(PostgresAuditStore store, AuditQuery query, int last, TimeSpan lookBack, Func<DateTime> clock)
        {
            _store = store;
            _query = query;
            _last = last;
            _lookBack = lookBack;
            _clock = clock;
        }

        /// <inheritdoc/>
        public List<AuditEntry> Poll(ReadStats stats, CancellationToken cancel)
        {
            if (_floor < 0)
            {
                PostgresSchema.EnsureUsable(_store.Target, "follow");
                _floor = _store.MaxId();
                List<AuditEntry> current;
                if (_last <= 0) current = _store.Query(_query, stats, 0, cancel);
                else
                {
                    // The newest N as Get-RepricingAuditLog -Last N gives them: entries dated over 24 hours ahead (a clock
                    // ahead) are not among them, and the warning says so. One more than asked for tells whether older ones
                    // were left out.
                    DateTimeOffset now = DateTimeOffset.Now;
                    DateTimeOffset cutoff = now.Add(FutureDated.Tolerance);
                    current = _store.Query(_query.Between(_query.Since, cutoff), stats, _last == int.MaxValue ? 0 : _last + 1, cancel);
                    if (current.Count > _last)
                    {
                        current.RemoveRange(0, current.Count - _last);
                        stats.OlderLeftOut = true;
                    }
                    List<AuditEntry> future = _store.Query(_query.Between(cutoff.AddTicks(1), null), new ReadStats(), 0, cancel);
                    stats.FutureDatedWarning = FutureDated.Warning(future, _query.Between(_query.Since, null), now);
                    foreach (AuditEntry e in future) _seen[e.EntryId] = _floor + 1; // never returned later as new
                }
                // Rows above the floor that this first read already returned must not come again.
                foreach (AuditEntry e in current) _seen[e.EntryId] = _floor + 1;
                _checkpoints.Enqueue((_clock(), _floor));
                return current;
            }
            return Poll(cancel);
        }

        /// <summary>New matching entries since the last poll, in row order, each once.</summary>
        internal List<AuditEntry> Poll(CancellationToken cancel)
        {
            if (_floor < 0) _floor = _store.MaxId();
            DateTime now = _clock();
            long maxNow = _store.MaxId();
            var result = new List<AuditEntry>();
            foreach ((long id, AuditEntry e) in _store.ReadAfter(_floor, _query, cancel))
            {
                if (_seen.ContainsKey(e.EntryId)) continue;
                _seen[e.EntryId] = id;
                result.Add(e);
            }
            _checkpoints.Enqueue((now, maxNow));
            // The floor moves up to the highest id seen one look-back ago: anything below it committed long since.
            while (_checkpoints.Count > 0 && now - _checkpoints.Peek().At >= _lookBack) _floor = Math.Max(_floor, _checkpoints.Dequeue().MaxId);
            if (_seen.Count > 0)
            {
                var old = new List<string>();
                foreach (var kv in _seen) if (kv.Value <= _floor) old.Add(kv.Key);
                foreach (string k in old) _seen.Remove(k);
            }
            return result;
        }
    }
}
