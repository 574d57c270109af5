using System;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Removes whole day partitions older than a number of days (legacy files only with -IncludeLegacy), and logs what it removed.</para>
    /// </summary>
    /// <example>
    /// <code>Remove-RepricingAuditLog -OlderThan 365 -WhatIf</code>
    /// <para>Lists the day partitions older than a year that would be removed.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Remove, "RepricingAuditLog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RemovedLogFile))]
    public sealed class RemoveRepricingAuditLogCommand : RepricingCmdlet
    {
        /// <summary>Remove day partitions older than this many whole days.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(1, 36500)]
        public int OlderThan { get; set; }

        /// <summary>Also remove legacy files last written before the cutoff.</summary>
        [Parameter]
        public SwitchParameter IncludeLegacy { get; set; }

        /// <summary>The log root; defaults to REPRICING_AUDIT_PATH, the saved setting, then the per-user local folder.</summary>
        [Parameter]
        public string? LogPath { get; set; }

        /// <summary>Returns each file removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            AuditService audit = OpenAudit(LogPath);
            var stats = new ReadStats();
            var result = new RetentionResult();
            try
            {
                var expired = audit.Expired(OlderThan, IncludeLegacy, DateTime.Today, stats, Cancel);
                QueryBuilder.WarnSkipped(this, stats);
                audit.ApplyRetention(expired,
                    f => ShouldProcess(f.File, f.Entries > 0 ? $"Remove the audit entries of {f.Day:yyyy-MM-dd} ({f.Entries:N0} entries)"
                        : $"Remove audit log file ({f.Kind}, {f.Day:yyyy-MM-dd}, {f.Bytes:N0} bytes)"),
                    f => { if (PassThru) WriteTyped(f, "RepricingPS.RemovedLogFile"); }, result, Cancel);
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
            }
            finally
            {
                // Whatever stopped the run (Ctrl+C, an error, "No to All"), what was removed is audited.
                if (result.Removed.Count > 0 || result.Refused.Count > 0)
                {
                    try
                    {
                        CreateAuditLog(audit, Sessions.CurrentOrImplicit(RunspaceId)).Write(AuditRetention.AuditEntryFor(result, OlderThan));
                    }
                    catch (RepricingException logEx)
                    {
                        WriteWarning("The retention run could not be logged: " + logEx.Message);
                    }
                }
            }
            foreach (RepricingException refused in result.Refused) WriteError(Errors.From(refused));
        }
    }
}
