using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Starts an audit session: writes START and ties every later entry of this PowerShell session to it.</para>
    /// </summary>
    /// <example>
    /// <code>Start-RepricingSession -Script 'Nightly repricing'</code>
    /// <para>Writes START; later entries carry its SessionId.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Start, "RepricingSession")]
    [OutputType(typeof(AuditEntry))]
    public sealed class StartRepricingSessionCommand : LogRootCmdlet
    {
        /// <summary>The component starting the session; defaults to RepricingPS.</summary>
        [Parameter(Position = 0)]
        public string Script { get; set; } = "RepricingPS";

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            AuditLocation location = ResolveLocation(LogPath);
            if (Sessions.IsStarted(CurrentRunspace))
            {
                WriteWarning("A RepricingPS session was already active; it is replaced by the new one.");
            }
            Sessions.Begin(CurrentRunspace, Script);
            var log = CreateAuditWriter(location);
            var entry = new AuditEntry { Script = Script, Status = AuditStatus.Start };
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
