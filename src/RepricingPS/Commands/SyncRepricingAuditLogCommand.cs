using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Moves the entries spooled on this machine for a log root into that root, and says how many moved.</para>
    /// <para type="description">Safe to interrupt and run again: a spool file is removed only after its entries are on disk in the root, and entries already there are not written twice.</para>
    /// </summary>
    /// <example>
    /// <code>Sync-RepricingAuditLog</code>
    /// <para>Moves entries written while the log folder was unavailable.</para>
    /// </example>
    [Cmdlet(VerbsData.Sync, "RepricingAuditLog", SupportsShouldProcess = true)]
    [OutputType(typeof(SyncResult))]
    public sealed class SyncRepricingAuditLogCommand : RepricingCmdlet
    {
        /// <summary>The log root; defaults to REPRICING_AUDIT_PATH, the saved setting, then the per-user local folder.</summary>
        [Parameter]
        public string? LogPath { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            var store = new AuditStore(ResolveLocation(LogPath));
            int waiting = store.SpooledCount();
            var result = new SyncResult { Root = store.Location.Root, Spooled = waiting };
            if (waiting > 0 && ShouldProcess(store.Location.Root, $"Move {waiting} spooled audit entries"))
            {
                try
                {
                    result.Moved = store.DrainSpool(Cancel);
                }
                catch (RepricingException ex)
                {
                    ThrowTerminatingError(Errors.From(ex));
                }
            }
            result.Remaining = store.SpooledCount();
            WriteTyped(result, "RepricingPS.SyncResult");
        }
    }
}
