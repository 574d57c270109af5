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
    public sealed class SyncRepricingAuditLogCommand : LogRootCmdlet
    {
        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            AuditService audit = OpenAudit(LogPath);
            int waiting = audit.SpooledCount();
            var result = new SyncResult { Root = audit.Root, Spooled = waiting };
            if (waiting > 0 && ShouldProcess(audit.Root, $"Move {waiting} spooled audit entries"))
            {
                try
                {
                    result.Moved = audit.Sync(Cancel);
                }
                catch (RepricingException ex)
                {
                    ThrowTerminatingError(Errors.From(ex));
                }
            }
            result.Remaining = audit.SpooledCount();
            WriteTyped(result, "RepricingPS.SyncResult");
        }
    }
}
