using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads the RepricingPS audit log: new day partitions, legacy files and this root's spool, oldest first.</para>
    /// </summary>
    /// <example>
    /// <code>Get-RepricingAuditLog -User jdoe -Days 7</code>
    /// <para>Everything jdoe did in the last 7 days, oldest first.</para>
    /// </example>
    /// <example>
    /// <code>Get-RepricingAuditLog -Last 50 -Wait</code>
    /// <para>The newest 50 entries, then new ones as any writer adds them, until Ctrl+C.</para>
    /// </example>
    /// <example>
    /// <code>Get-RepricingError -User jdoe -Days 7 | Select-Object -First 1 | Get-RepricingAuditLog</code>
    /// <para>The whole session of jdoe's latest error, in time order: what they did before and after it.</para>
    /// </example>
    /// <example>
    /// <code>Get-RepricingAuditLog -Since 2026-11-01 -Until 2026-11-07 | Export-RepricingAuditLog .\week.csv</code>
    /// <para>Every entry of the first week of November (-Until at midnight means through the end of that day), for Excel.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "RepricingAuditLog", DefaultParameterSetName = DaysSet)]
    [OutputType(typeof(AuditEntry))]
    public sealed class GetRepricingAuditLogCommand : AuditQueryCmdlet
    {
        /// <summary>Session ids (exact): every entry of these sessions. Binds from the pipeline by property name, so an error piped in shows its whole session.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(LogNameCompleter))]
        public string[]? SessionId { get; set; }

        /// <summary>User names; case-insensitive, exact unless they hold wildcards.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserName", "SamAccountName")]
        [ArgumentCompleter(typeof(LogNameCompleter))]
        [SupportsWildcards]
        public string[]? User { get; set; }

        /// <summary>Status words (wildcards allowed).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(StatusCompleter))]
        [SupportsWildcards]
        public string[]? Status { get; set; }

        /// <summary>Script or component names (wildcards allowed).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(LogNameCompleter))]
        [SupportsWildcards]
        public string[]? Script { get; set; }

        /// <summary>Entries from the last N days (a rolling window ending now). Without -Days, -Since or -Until: every entry.</summary>
        [Parameter(ParameterSetName = DaysSet)]
        [ValidateRange(1, MaxDays)]
        public int Days { get; set; }

        /// <summary>Entries at or after this time.</summary>
        [Parameter(ParameterSetName = WindowSet)]
        public DateTime? Since { get; set; }

        /// <summary>Entries at or before this time; a date alone (midnight) means through the end of that day.</summary>
        [Parameter(ParameterSetName = WindowSet)]
        public DateTime? Until { get; set; }

        /// <summary>A case-insensitive substring searched in Message, Error and File.</summary>
        [Parameter]
        public string? Match { get; set; }

        /// <summary>Only the newest N entries (still oldest first).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Last { get; set; }

        /// <summary>Keep running and show new entries from any writer as they arrive (like Get-Content -Wait); Ctrl+C stops.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How often -Wait looks for new entries, in milliseconds (default 250).</summary>
        [Parameter]
        [ValidateRange(50, 60000)]
        public int PollMilliseconds { get; set; } = 250;

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (Wait)
            {
                Follow();
                return;
            }
            if (SessionId != null && SessionId.Length > 0 && SessionId.All(string.IsNullOrWhiteSpace))
            {
                // An entry of the old program's logs piped in: it has no session, and dropping the empty id would turn "its
                // session" into every entry of its user.
                WriteWarning("The entry has no session id (entries from the old program's logs carry none), so there is no session to show. " +
                             "Use Get-RepricingAuditLog -User <user> -Since <time> -Until <time> to see what happened around it.");
                return;
            }
            AuditQuery query = BuildQuery(new AuditQueryRequest { Users = User, Statuses = Status, Scripts = Script, Days = Days, Since = Since, Until = Until, Match = Match, SessionIds = SessionId });
            AuditService audit = OpenAudit(LogPath);
            var stats = new ReadStats();
            List<AuditEntry> entries;
            try
            {
                entries = RunQuery(audit, query, stats);
                if (SessionId == null || SessionId.Length == 0) WarnWhenUsersUnknown(audit, query, User, entries);
            }
            catch (RepricingException ex)
            {
                WriteError(Errors.From(ex));
                return;
            }
            if (Last > 0)
            {
                AuditWarnings.WarnFutureDated(this, entries, query);
                entries = FutureDated.LeaveOut(entries, query, DateTimeOffset.Now);
            }
            WriteLast(entries);
        }

        private void WriteLast(List<AuditEntry> entries)
        {
            int start = Last > 0 && entries.Count > Last ? entries.Count - Last : 0;
            for (int i = start; i < entries.Count; i++) WriteTyped(entries[i], "RepricingPS.AuditEntry");
        }

        /// <summary>-Wait: the matching entries (or the last N), then new ones as they arrive, surviving the root going away.</summary>
        private void Follow()
        {
            if (Until.HasValue)
            {
                ThrowTerminatingError(Errors.InvalidArgument("WaitWithUntil", "-Wait follows new entries, so it cannot take -Until.", Until));
            }
            AuditQuery query = BuildQuery(new AuditQueryRequest { Users = User, Statuses = Status, Scripts = Script, Days = Days, Since = Since, Match = Match, SessionIds = SessionId });
            AuditService audit = OpenAudit(LogPath);
            IAuditTail tail = audit.Follow(query, Last);
            bool first = true;
            bool unavailable = false;
            while (!Cancel.IsCancellationRequested)
            {
                var stats = new ReadStats();
                try
                {
                    List<AuditEntry> fresh = tail.Poll(stats, Cancel);
                    if (unavailable)
                    {
                        WriteWarning($"The audit log '{audit.Root}' is available again; following it.");
                        unavailable = false;
                    }
                    if (first)
                    {
                        AuditWarnings.WarnMalformed(this, stats);
                        AuditWarnings.WarnSkipped(this, stats);
                        if (stats.FutureDatedWarning != null) WriteWarning(stats.FutureDatedWarning);
                        WriteLast(fresh);
                        first = false;
                    }
                    else
                    {
                        foreach (AuditEntry e in fresh) WriteTyped(e, "RepricingPS.AuditEntry");
                    }
                }
                catch (RepricingException ex) when (ex.Category == ErrorCategories.File)
                {
                    if (!unavailable) WriteWarning($"{ex.Message} Still waiting for it; press Ctrl+C to stop.");
                    unavailable = true;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                Cancel.WaitHandle.WaitOne(PollMilliseconds);
            }
        }
    }
}
