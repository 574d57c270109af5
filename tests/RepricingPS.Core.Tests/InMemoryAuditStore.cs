using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RepricingPS.Core.Audit;

namespace RepricingPS.Core.Tests
{
    /// <summary>
    /// A store in memory, for unit tests that test the writer, the service or the reports rather than the disk or a server:
    /// the same contract as the folder and database stores (idempotent on EntryId, oldest first, tail once per entry).
    /// </summary>
    internal sealed class InMemoryAuditStore : IAuditStore
    {
        private readonly List<AuditEntry> _entries = new List<AuditEntry>();
        private readonly HashSet<string> _ids = new HashSet<string>(StringComparer.Ordinal);

        public string Root => "memory";

        public IReadOnlyList<AuditEntry> Entries => _entries;

        public AppendResult Append(AuditEntry entry)
        {
            if (_ids.Add(entry.EntryId)) _entries.Add(entry);
            return TestAccess.Stored("memory");
        }

        public List<AuditEntry> Read(AuditQuery query, ReadStats stats, IProgress<string>? progress, CancellationToken cancel)
        {
            var filter = new RowFilter(query);
            var result = _entries.Where(e => filter.PassTime(e.Timestamp) && filter.PassUser(e.User) && filter.PassScriptAndStatus(e.Script, e.Status) && filter.PassMatch(e)).ToList();
            stats.EntriesInWindow += result.Count;
            return result.OrderBy(e => e.Timestamp).ToList();
        }

        public ErrorSummary Summarize(AuditQuery window, ReadStats stats, int days, int top, DateTimeOffset now, IProgress<string>? progress, CancellationToken cancel) =>
            SupportReports.Summarize(Read(window, stats, progress, cancel), stats, window, days, top, now);

        public IAuditTail Follow(AuditQuery query, int last) => new Tail(this, query);

        public int SpooledCount() => 0;

        public int DrainSpool(CancellationToken cancel) => 0;

        private sealed class Tail : IAuditTail
        {
            private readonly InMemoryAuditStore _store;
            private readonly AuditQuery _query;
            private int _next;

            public Tail(InMemoryAuditStore store, AuditQuery query) { _store = store; _query = query; }

            public List<AuditEntry> Poll(ReadStats stats, CancellationToken cancel)
            {
                var filter = new RowFilter(_query);
                var fresh = _store._entries.Skip(_next).Where(e => filter.PassUser(e.User) && filter.PassScriptAndStatus(e.Script, e.Status)).ToList();
                _next = _store._entries.Count;
                return fresh;
            }
        }
    }
}
