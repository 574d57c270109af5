using System;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks the audit log files for accidental damage and careless edits: malformed rows, and the unkeyed hash chain of every new-format file (not tamper evidence; see the description).</para>
    /// <para type="description">Returns one object per file and writes a non-terminating error (AuditLogIntegrity) for each file with a problem, so a scheduled check can act on it. What the chain detects: accidental damage (a sync conflict, a bad disk, a torn write) and careless edits (a row changed in Excel and saved). What it does not: the hash is unkeyed, so anyone who can write the file can edit it and recompute every hash after the edit, and records cut off the end of a file need no recomputation. It is not tamper evidence. Real tamper evidence comes from a central store with insert-only database roles (planned), not from this check.</para>
    /// </summary>
    /// <example>
    /// <code>Test-RepricingAuditLog -Days 30 | Where-Object { -not $_.IsValid }</code>
    /// <para>Files with malformed rows or a broken hash chain.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "RepricingAuditLog")]
    [OutputType(typeof(IntegrityReport))]
    public sealed class TestRepricingAuditLogCommand : LogRootCmdlet
    {
        /// <summary>Only the day partitions of the last N days (legacy files are always checked).</summary>
        [Parameter]
        [ValidateRange(1, 36500)]
        public int Days { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            AuditService audit = OpenAudit(LogPath);
            DateTimeOffset? since = Days > 0 ? AuditQuery.SinceDays(Days, DateTimeOffset.Now) : (DateTimeOffset?)null;
            try
            {
                var stats = new ReadStats();
                var progress = new DeferredProgress(this, new ProgressRecord(1, "Checking the audit log", "Starting"));
                var reportProgress = new DirectProgress<(int Done, int Count, string Item)>(p =>
                {
                    progress.Record.StatusDescription = p.Item;
                    progress.Record.PercentComplete = p.Done * 100 / p.Count;
                    progress.Write();
                });
                bool first = true;
                foreach (IntegrityReport report in audit.Verify(since, stats, reportProgress, (file, ex) => WriteWarning($"Skipped {file} (cannot be read: {ex.Message})."), Cancel))
                {
                    if (first) { AuditWarnings.WarnSkipped(this, stats); first = false; }
                    WriteTyped(report, "RepricingPS.IntegrityReport");
                    if (!report.IsValid)
                    {
                        WriteError(Errors.From(Failures.AuditLogIntegrity.With(
                            $"'{report.File}': {report.MalformedRows} malformed row(s), {report.ChainBreaks} chain break(s): {string.Join("; ", report.Problems)}",
                            report.File)));
                    }
                }
                if (first) AuditWarnings.WarnSkipped(this, stats);
                progress.Complete();
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
            }
        }
    }
}
