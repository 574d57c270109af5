using System;
using System.Collections.Generic;
using System.Threading;
using RepricingPS.Core.Audit.Postgres;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Audit
{
    /// <summary>
    /// The one audit service the cmdlets call (style.md): it picks the store the log root names (a folder or a
    /// PostgreSQL database) and writes, queries, follows, syncs, verifies and applies retention through it, so a
    /// cmdlet never constructs a store, reader or writer itself and a new store is one new folder and one case here.
    /// </summary>
    public sealed class AuditService
    {
        private AuditService(AuditLocation location, IAuditStore store)
        {
            Location = location;
            Store = store;
        }

        /// <summary>The service for a resolved location.</summary>
        public static AuditService Open(AuditLocation location) =>
            new AuditService(location, location.IsDatabase
                ? new PostgresAuditStore(PostgresTarget.Parse(location.Root), location.SpoolRoot)
                : new FolderAuditStore(location));

        /// <summary>A service over a given store (tests: the in-memory store).</summary>
        internal static AuditService Over(AuditLocation location, IAuditStore store) => new AuditService(location, store);

        /// <summary>Where the log is, as resolved.</summary>
        public AuditLocation Location { get; }

        /// <summary>The store behind it.</summary>
        public IAuditStore Store { get; }

        /// <summary>The root as shown to people (never a password).</summary>
        public string Root => Store.Root;

        /// <summary>An audit writer for one session.</summary>
        public AuditWriter Writer(AuditIdentity identity, string sessionId) => new AuditWriter(Store, identity, sessionId);

        /// <summary>Matching entries, oldest first.</summary>
        public List<AuditEntry> Query(AuditQuery query, ReadStats stats, IProgress<string>? progress, CancellationToken cancel) =>
            Store.Read(query, stats, progress, cancel);

        /// <summary>The error summary of a window.</summary>
        public ErrorSummary Summarize(AuditQuery window, ReadStats stats, int days, int top, DateTimeOffset now, IProgress<string>? progress, CancellationToken cancel) =>
            Store.Summarize(window, stats, days, top, now, progress, cancel);

        /// <summary>A follower for -Wait.</summary>
        public IAuditTail Follow(AuditQuery query, int last) => Store.Follow(query, last);

        /// <summary>Entries waiting in this machine's spool for this root.</summary>
        public int SpooledCount() => Store.SpooledCount();

        /// <summary>Moves the spooled entries in; returns how many moved.</summary>
        public int Sync(CancellationToken cancel) => Store.DrainSpool(cancel);

        /// <summary>
        /// Integrity reports: per file for a folder (malformed rows, hash chains; unreadable files are reported to
        /// <paramref name="skipped"/> and left out), one for a database (stored hashes, and what its permissions guarantee).
        /// </summary>
        public IEnumerable<IntegrityReport> Verify(DateTimeOffset? since, ReadStats stats, IProgress<(int Done, int Count, string Item)>? progress, Action<string, Exception> skipped, CancellationToken cancel)
        {
            if (Store is PostgresAuditStore db)
            {
                progress?.Report((0, 1, db.Root));
                yield return db.Verify(cancel);
                yield break;
            }
            List<AuditFile> files = new AuditLogReader(Location).FindFiles(since, null, stats);
            for (int i = 0; i < files.Count; i++)
            {
                progress?.Report((i, files.Count, files[i].Path));
                IntegrityReport report;
                try
                {
                    report = AuditIntegrity.Check(files[i], Location.Root, cancel);
                }
                catch (Exception ex) when (AuditLogReader.IsUnreadable(ex))
                {
                    skipped(files[i].Path, ex);
                    continue;
                }
                yield return report;
            }
        }

        /// <summary>What retention would remove: whole day files (and legacy files) of a folder, or whole writer-local days of a database.</summary>
        public List<RemovedLogFile> Expired(int olderThanDays, bool includeLegacy, DateTime today, ReadStats stats, CancellationToken cancel)
        {
            if (!(Store is PostgresAuditStore db)) return AuditRetention.Expired(Location, olderThanDays, includeLegacy, today, stats);
            var days = new List<RemovedLogFile>();
            foreach (ExpiredDay d in db.Retain(olderThanDays, today, remove: false, cancel))
            {
                days.Add(new RemovedLogFile { File = $"{db.Root} {d.Day:yyyy-MM-dd}", Kind = "Store", Day = d.Day, Entries = d.Entries });
            }
            return days;
        }

        /// <summary>Removes each item <paramref name="confirm"/> agrees to; the result says what was removed and refused.</summary>
        public RetentionResult ApplyRetention(IEnumerable<RemovedLogFile> items, Func<RemovedLogFile, bool> confirm, Action<RemovedLogFile>? removed, RetentionResult result, CancellationToken cancel)
        {
            if (!(Store is PostgresAuditStore db)) return AuditRetention.Apply(Location, items, confirm, removed, result, cancel);
            foreach (RemovedLogFile day in items)
            {
                cancel.ThrowIfCancellationRequested();
                if (!confirm(day)) continue;
                try
                {
                    day.Entries = db.RemoveDay(day.Day, cancel);
                }
                catch (RepricingException ex)
                {
                    result.Refused.Add(ex);
                    continue;
                }
                result.Removed.Add(day);
                removed?.Invoke(day);
            }
            return result;
        }

        /// <summary>Get-RepricingAuditConfiguration's object for this location.</summary>
        public AuditConfiguration Describe(AuditPaths paths) => AuditConfigurations.Describe(Location, paths);
    }
}
