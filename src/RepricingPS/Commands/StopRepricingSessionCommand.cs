using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Ends the current audit session: writes END.</para>
    /// </summary>
    /// <example>
    /// <code>Stop-RepricingSession</code>
    /// <para>Writes END for the current session.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Stop, "RepricingSession")]
    [OutputType(typeof(AuditEntry))]
    public sealed class StopRepricingSessionCommand : LogRootCmdlet
    {
        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            AuditLocation location = ResolveLocation(LogPath);
            string? id = Sessions.End(CurrentRunspace, out string script);
            if (id == null)
            {
                WriteWarning("No RepricingPS session is active; nothing to stop.");
                return;
            }
            AuditWriter log = CreateAuditWriter(OpenAudit(location), id);
            var entry = new AuditEntry { Script = script, Status = AuditStatus.End };
            try
            {
                log.Write(entry);
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
            }
            WriteTyped(entry, "RepricingPS.AuditEntry");
        }
    }
}
