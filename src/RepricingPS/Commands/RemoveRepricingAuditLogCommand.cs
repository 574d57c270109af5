using System;
using System.Linq;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

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
            AuditLocation location = ResolveLocation(LogPath);
            var removed = new System.Collections.Generic.List<RemovedLogFile>();
            try
            {
                foreach (RemovedLogFile f in AuditRetention.Expired(location, OlderThan, IncludeLegacy, DateTime.Today))
                {
                    if (!ShouldProcess(f.File, $"Remove audit log file ({f.Kind}, {f.Day:yyyy-MM-dd}, {f.Bytes:N0} bytes)")) continue;
                    AuditRetention.Remove(location, f);
                    removed.Add(f);
                    if (PassThru) WriteTyped(f, "RepricingPS.RemovedLogFile");
                }
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
            }
            if (removed.Count == 0) return;
            var first = removed.Min(f => f.Day);
            var last = removed.Max(f => f.Day);
            CreateAuditLog(location).Write(new AuditEntry
            {
                Script = "Remove-RepricingAuditLog",
                Status = AuditStatus.Info,
                Action = "Retention",
                Message = $"Removed {removed.Count} audit log file(s) older than {OlderThan} days ({removed.Count(f => f.Kind == "Store")} day partitions, " +
                          $"{removed.Count(f => f.Kind == "Legacy")} legacy files, {removed.Sum(f => f.Bytes):N0} bytes, {first:yyyy-MM-dd} to {last:yyyy-MM-dd})",
                Details = string.Join(Environment.NewLine, removed.Select(f => f.File)),
            });
        }
    }
}
