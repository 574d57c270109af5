using System;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Audit.Postgres;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Copies every entry of a folder log root (new-format files, legacy files, that root's spool) into a PostgreSQL audit database.</para>
    /// <para type="description">Idempotent and resumable: entries already in the database (same EntryId) are counted as AlreadyPresent and not added again, and each batch commits on its own, so an interrupted copy is finished by running it again. Legacy rows keep the EntryId the folder reader gives them and are read in this machine's time zone. Needs repricing_admin on the database.</para>
    /// </summary>
    /// <example>
    /// <code>Copy-RepricingAuditLog -Path '\\fs01\Repricing\AuditLog' -Destination 'postgresql://dba@db01/repricing_audit'</code>
    /// <para>Copies the shared folder's history in and reports Read, Copied, AlreadyPresent and MalformedRows.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Copy, "RepricingAuditLog", SupportsShouldProcess = true)]
    [OutputType(typeof(AuditCopyResult))]
    public sealed class CopyRepricingAuditLogCommand : RepricingCmdlet
    {
        /// <summary>The folder log root to copy from.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>The database: 'postgresql://user@host:5432/database' or 'Host=...;Database=...;Username=...'.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = "";

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            try
            {
                PostgresTarget target = PostgresTarget.Parse(Destination);
                AuditLocation source = ResolveLocation(Path);
                if (!ShouldProcess(target.Display, $"Copy the audit entries of '{source.Root}'")) return;
                var record = new DeferredProgress(this, new ProgressRecord(1, "Copy-RepricingAuditLog", "Reading " + source.Root));
                var progress = new DirectProgress<AuditCopyProgress>(p =>
                {
                    record.Record.StatusDescription = $"{p.Read:N0} entries read; file {p.FileNumber} of {p.FileCount}: {p.File}";
                    record.Record.PercentComplete = p.FileCount == 0 ? 0 : Math.Min(100, (p.FileNumber - 1) * 100 / p.FileCount);
                    record.Write();
                });
                AuditCopyResult result = PostgresCopy.Copy(source, target, progress, Cancel);
                record.Complete();
                foreach (string problem in result.Problems) WriteVerbose("Malformed row: " + problem);
                WriteTyped(result, "RepricingPS.AuditCopyResult");
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
            }
        }
    }
}
