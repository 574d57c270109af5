using System;
using System.Collections.Generic;
using System.Threading;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Audit
{
    /// <summary>
    /// What a log store does for the audit service: the folder store (<see cref="FolderAuditStore"/>), the PostgreSQL store
    /// (<see cref="Postgres.PostgresAuditStore"/>), or an in-memory one in tests. Same entries, same answers.
    /// </summary>
    public interface IAuditStore
    {
        /// <summary>The root as shown to people: a folder, or postgresql://user@host:port/database (never a password).</summary>
        string Root { get; }

        /// <summary>Stores one entry durably before returning; when the store cannot take it, the local spool does (the result says why).</summary>
        AppendResult Append(AuditEntry entry);

        /// <summary>Every matching entry (with this root's spooled ones), de-duplicated on EntryId, oldest first.</summary>
        List<AuditEntry> Read(AuditQuery query, ReadStats stats, IProgress<string>? progress, CancellationToken cancel);

        /// <summary>
        /// The error summary of a window (spec §9); a store may compute it without loading every entry. Future-dated
        /// entries are left out of its most-recent lists, and <see cref="ReadStats.FutureDatedWarning"/> says so.
        /// </summary>
        ErrorSummary Summarize(AuditQuery window, ReadStats stats, int days, int top, DateTimeOffset now, IProgress<string>? progress, CancellationToken cancel);

        /// <summary>
        /// A follower for -Wait and the viewer: its first poll gives the matching entries (only the newest <paramref name="last"/>
        /// when it is above 0, holding not many more than that at once, and saying so in
        /// <see cref="ReadStats.OlderLeftOut"/> when older ones were left out), later polls only new ones.
        /// </summary>
        IAuditTail Follow(AuditQuery query, int last);

        /// <summary>How many entries wait in this machine's spool for this root.</summary>
        int SpooledCount();

        /// <summary>Moves this root's spooled entries into it, each exactly once; returns how many moved.</summary>
        int DrainSpool(CancellationToken cancel);
    }

    /// <summary>Follows new entries of a store (Get-RepricingAuditLog -Wait).</summary>
    public interface IAuditTail
    {
        /// <summary>The matching entries since the last poll, oldest first, each once.</summary>
        List<AuditEntry> Poll(ReadStats stats, CancellationToken cancel);
    }
}
