using System;
using System.Collections.Concurrent;
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
    public sealed class GetRepricingAuditLogCommand : RepricingCmdlet
    {
        private const string DaysSet = "Days";
        private const string WindowSet = "Window";

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
        [ValidateRange(1, 36500)]
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

        /// <summary>The log root; defaults to REPRICING_AUDIT_PATH, the saved setting, then the per-user local folder.</summary>
        [Parameter]
        public string? LogPath { get; set; }

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
            AuditQuery query = QueryBuilder.Build(this, User, Status, Script, Days, Since, Until, Match, SessionId);
            AuditService audit = OpenAudit(LogPath);
            var stats = new ReadStats();
            List<AuditEntry> entries;
            try
            {
                entries = QueryBuilder.Run(this, audit, query, stats, Cancel);
            }
            catch (RepricingException ex)
            {
                WriteError(Errors.From(ex));
                return;
            }
            if (Last > 0)
            {
                QueryBuilder.WarnFutureDated(this, entries, query);
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
            AuditQuery query = QueryBuilder.Build(this, User, Status, Script, Days, Since, null, Match, SessionId);
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
                        QueryBuilder.WarnMalformed(this, stats);
                        QueryBuilder.WarnSkipped(this, stats);
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

    /// <summary>Shared by the query cmdlets: parameters to a query, running it with progress, reporting malformed rows.</summary>
    internal static class QueryBuilder
    {
        internal static AuditQuery Build(RepricingCmdlet cmdlet, string[]? users, string[]? statuses, string[]? scripts, int days, DateTime? since, DateTime? until, string? match, string[]? sessionIds = null)
        {
            // -Until 2026-11-08 (midnight exactly) means through the end of that day, as a person reading it means.
            if (until.HasValue && until.Value.TimeOfDay == TimeSpan.Zero)
            {
                until = until.Value.Date == DateTime.MaxValue.Date ? DateTime.SpecifyKind(DateTime.MaxValue, until.Value.Kind)
                    : new DateTime(until.Value.Date.AddDays(1).Ticks - 1, until.Value.Kind);
            }
            if (days > 0 && since.HasValue)
            {
                cmdlet.ThrowTerminatingError(Errors.InvalidArgument("DaysAndSince", "Use either -Days or -Since, not both.", days));
            }
            var q = new AuditQuery
            {
                Users = users ?? Array.Empty<string>(),
                Statuses = statuses ?? Array.Empty<string>(),
                Scripts = scripts ?? Array.Empty<string>(),
                Match = match,
                SessionIds = sessionIds ?? Array.Empty<string>(),
                Since = since.HasValue ? AuditQuery.Bound(since.Value) : (DateTimeOffset?)null,
                Until = until.HasValue ? AuditQuery.Bound(until.Value) : (DateTimeOffset?)null,
            };
            if (days > 0) q.Since = AuditQuery.SinceDays(days, DateTimeOffset.Now);
            if (q.Since.HasValue && q.Until.HasValue && q.Since > q.Until)
            {
                cmdlet.ThrowTerminatingError(Errors.InvalidArgument("EmptyWindow", $"-Since ({since}) is after -Until ({until}).", since));
            }
            return q;
        }

        private static readonly ConcurrentDictionary<string, bool> MalformedWarned = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>
        /// Damaged rows in old logs are a fact of the log, not news on every query: one warning per file per runspace (a
        /// console session), naming the file and its count; -Verbose lists each row on every query.
        /// </summary>
        internal static void WarnMalformed(RepricingCmdlet cmdlet, ReadStats stats)
        {
            Guid runspace = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;
            var fresh = stats.Problems.GroupBy(p => p.File, StringComparer.Ordinal)
                .Where(f => MalformedWarned.TryAdd(runspace + "|" + f.Key, true))
                .Select(f => (File: f.Key, Rows: f.Count())).ToList();
            if (fresh.Count == 0) return;
            string files = string.Join(", ", fresh.Take(5).Select(f => $"'{f.File}' ({f.Rows})")) + (fresh.Count > 5 ? $" and {fresh.Count - 5} more" : "");
            cmdlet.WriteWarning($"{fresh.Sum(f => f.Rows)} malformed row(s) could not be read in {fresh.Count} file(s): {files}. " +
                "-Verbose lists each row; Test-RepricingAuditLog checks a file. Said once per file in this session.");
        }

        /// <summary>One warning per folder or file that was skipped, naming it: the answer may be incomplete.</summary>
        internal static void WarnSkipped(RepricingCmdlet cmdlet, ReadStats stats)
        {
            foreach (string skipped in stats.SkippedSources)
            {
                cmdlet.WriteWarning($"Skipped {skipped}. The answer may be incomplete; ask for read access or remove the item from the log folder.");
            }
        }

        /// <summary>The one warning about future-dated entries left out of a most-recent list.</summary>
        internal static void WarnFutureDated(RepricingCmdlet cmdlet, IEnumerable<AuditEntry> entries, AuditQuery query)
        {
            string? warning = FutureDated.Warning(entries, query, DateTimeOffset.Now);
            if (warning != null) cmdlet.WriteWarning(warning);
        }

        /// <summary>The error summary through the service, with the same progress, verbose output and warnings as a query.</summary>
        internal static ErrorSummary Summarize(RepricingCmdlet cmdlet, AuditService audit, AuditQuery query, ReadStats stats, int days, int top, System.Threading.CancellationToken cancel)
        {
            ErrorSummary summary = WithProgress(cmdlet, stats, report => audit.Summarize(query, stats, days, top, DateTimeOffset.Now, report, cancel));
            if (stats.FutureDatedWarning != null) cmdlet.WriteWarning(stats.FutureDatedWarning);
            return summary;
        }

        internal static List<AuditEntry> Run(RepricingCmdlet cmdlet, AuditService audit, AuditQuery query, ReadStats stats, System.Threading.CancellationToken cancel)
        {
            List<AuditEntry> entries = WithProgress(cmdlet, stats, report => audit.Query(query, stats, report, cancel));
            cmdlet.WriteVerbose($"{stats.Files.Count} file(s) read, {stats.EntriesInWindow} entries in the window, {entries.Count} matched, {stats.Duplicates} duplicate(s) dropped.");
            return entries;
        }

        private static T WithProgress<T>(RepricingCmdlet cmdlet, ReadStats stats, Func<IProgress<string>, T> read)
        {
            var progress = new ProgressRecord(1, "Reading the audit log", "Finding files");
            int fileNo = 0;
            var report = new DirectProgress<string>(path =>
            {
                fileNo++;
                progress.StatusDescription = $"File {fileNo}: {path}";
                cmdlet.WriteProgress(progress);
                cmdlet.WriteVerbose($"Reading {path}");
            });
            T result = read(report);
            progress.RecordType = ProgressRecordType.Completed;
            cmdlet.WriteProgress(progress);
            WarnSkipped(cmdlet, stats);
            foreach (ReadProblem p in stats.Problems) cmdlet.WriteVerbose($"Malformed row {p.File}:{p.Line}: {p.Reason}");
            WarnMalformed(cmdlet, stats);
            return result;
        }
    }

    /// <summary>
    /// An IProgress that calls back on the calling (pipeline) thread, unlike Progress&lt;T&gt;. When the pipeline is being
    /// stopped (Ctrl+C, Stop-Job), WriteProgress throws PipelineStoppedException; Core sees that as the cancellation it is.
    /// </summary>
    internal sealed class DirectProgress<T> : IProgress<T>
    {
        private readonly Action<T> _report;
        internal DirectProgress(Action<T> report) => _report = report;

        public void Report(T value)
        {
            try
            {
                _report(value);
            }
            catch (PipelineStoppedException ex)
            {
                throw new OperationCanceledException("The pipeline was stopped.", ex);
            }
        }
    }
}
