using System;
using System.Globalization;
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
    /// <code>Remove-RepricingAuditLog -OlderThan 365 -WhatIf -Verbose</code>
    /// <para>Says how many day partitions older than a year would be removed, and -Verbose lists each.</para>
    /// </example>
    /// <example>
    /// <code>Remove-RepricingAuditLog -OlderThan 730 -Force</code>
    /// <para>Unattended retention (a scheduled task): removes partitions older than two years without asking.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Remove, "RepricingAuditLog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RemovedLogFile))]
    public sealed class RemoveRepricingAuditLogCommand : LogRootCmdlet
    {
        /// <summary>Remove day partitions older than this many whole days.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateRange(1, 36500)]
        public int OlderThan { get; set; }

        /// <summary>Also remove legacy files last written before the cutoff.</summary>
        [Parameter]
        public SwitchParameter IncludeLegacy { get; set; }

        /// <summary>Returns each file removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Removes without asking for confirmation (for scheduled tasks), as Remove-Item -Force does; -WhatIf still only reports.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            AuditService audit = OpenAudit(LogPath);
            var stats = new ReadStats();
            var result = new RetentionResult();
            try
            {
                var expired = audit.Expired(OlderThan, IncludeLegacy, DateTime.Today, stats, Cancel);
                AuditWarnings.WarnSkipped(this, stats);
                foreach (RemovedLogFile f in expired) WriteVerbose(RetentionPlan.Describe(f));
                if (expired.Count == 0)
                {
                    WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Nothing to remove: no {0}log file under '{1}' is older than {2} days.",
                        IncludeLegacy ? "" : "new-format ", audit.Location.Root, OlderThan));
                }
                // One question for the whole set, not one per file; -Force answers it (unless -WhatIf asks only what would happen).
                string what = RetentionPlan.Question(expired, OlderThan);
                bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w) && w is SwitchParameter sw && sw.IsPresent;
                if (expired.Count > 0 && ((Force && !whatIf) || ShouldProcess(audit.Location.Root, what)))
                {
                    audit.ApplyRetention(expired, _ => true,
                        f => { if (PassThru) WriteTyped(f, "RepricingPS.RemovedLogFile"); }, result, Cancel);
                }
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
                        CreateAuditWriter(audit, Sessions.CurrentOrImplicit(CurrentRunspace)).Write(AuditRetention.AuditEntryFor(result, OlderThan));
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
