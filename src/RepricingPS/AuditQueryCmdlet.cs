using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RepricingPS.Commands;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

namespace RepricingPS
{
    /// <summary>
    /// What the cmdlets that read the audit log share: -LogPath, the parameters-to-query rules (in Core,
    /// <see cref="AuditQueryRequest"/>), running a query with progress, -Verbose and the read warnings.
    /// </summary>
    public abstract class AuditQueryCmdlet : LogRootCmdlet
    {
        /// <summary>The parameter set of -Days.</summary>
        protected const string DaysSet = "Days";
        /// <summary>The parameter set of -Since and -Until.</summary>
        protected const string WindowSet = "Window";
        /// <summary>The largest -Days a query takes (100 years).</summary>
        protected const int MaxDays = 36500;

        /// <summary>The query for these parameters now; a window that cannot be meant (-Days with -Since, a start after the end) terminates.</summary>
        protected AuditQuery BuildQuery(AuditQueryRequest request)
        {
            try
            {
                return request.ToQuery(DateTimeOffset.Now);
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
                throw; // not reached
            }
        }

        /// <summary>Runs a query through the service with progress, -Verbose lines and the read warnings.</summary>
        protected List<AuditEntry> RunQuery(AuditService audit, AuditQuery query, ReadStats stats)
        {
            List<AuditEntry> entries = WithProgress(stats, report => audit.Query(query, stats, report, Cancel));
            WriteVerbose($"{stats.Files.Count} file(s) read, {stats.EntriesInWindow} entries in the window, {entries.Count} matched, {stats.Duplicates} duplicate(s) dropped.");
            return entries;
        }

        /// <summary>
        /// Exact -User names the answer has nothing for (all of them when it is empty, or some of several piped in): warns for
        /// each that has no entry at all in the window, with the nearest names seen.
        /// </summary>
        protected void WarnWhenUsersUnknown(AuditService audit, AuditQuery query, IEnumerable<string>? users, IEnumerable<AuditEntry> answer)
        {
            if (users == null) return;
            var answered = new HashSet<string>(answer.Select(e => e.User), StringComparer.OrdinalIgnoreCase);
            users = users.Where(u => u != null && !answered.Contains(u.Trim())).ToList();
            if (!users.Any()) return;
            var window = new AuditQuery { Since = query.Since, Until = query.Until };
            string? warning = UserNames.UnknownUsersWarning(users, window, q => audit.Query(q, new ReadStats(), null, Cancel));
            if (warning != null) WriteWarning(warning);
        }

        /// <summary>The error summary through the service, with the same progress, verbose output and warnings as a query.</summary>
        protected ErrorSummary Summarize(AuditService audit, AuditQuery query, ReadStats stats, int days, int top)
        {
            ErrorSummary summary = WithProgress(stats, report => audit.Summarize(query, stats, days, top, DateTimeOffset.Now, report, Cancel));
            if (stats.FutureDatedWarning != null) WriteWarning(stats.FutureDatedWarning);
            return summary;
        }

        private T WithProgress<T>(ReadStats stats, Func<IProgress<string>, T> read)
        {
            var progress = new DeferredProgress(this, new ProgressRecord(1, "Reading the audit log", "Finding files"));
            int fileNo = 0;
            var report = new DirectProgress<string>(path =>
            {
                fileNo++;
                progress.Record.StatusDescription = $"File {fileNo}: {path}";
                // A file's size is looked up only while nothing is shown yet (a query can read hundreds of partitions).
                progress.Write(largeStep: !progress.Shown && ProgressDelay.IsLargeFile(path));
                WriteVerbose($"Reading {path}");
            });
            T result = read(report);
            progress.Complete();
            AuditWarnings.WarnSkipped(this, stats);
            foreach (ReadProblem p in stats.Problems) WriteVerbose($"Malformed row {p.File}:{p.Line}: {p.Reason}");
            AuditWarnings.WarnMalformed(this, stats);
            return result;
        }
    }
}
