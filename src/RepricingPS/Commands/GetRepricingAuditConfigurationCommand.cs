using System.Management.Automation;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows the resolved audit log root, where that setting came from, the spool, whether the root is writable now, and the legacy files found.</para>
    /// </summary>
    /// <example>
    /// <code>Get-RepricingAuditConfiguration</code>
    /// <para>Where the log is, where that setting came from, whether it is writable now, and what is spooled.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "RepricingAuditConfiguration")]
    [OutputType(typeof(AuditConfiguration))]
    public sealed class GetRepricingAuditConfigurationCommand : RepricingCmdlet
    {
        /// <summary>A log root to describe instead of the configured one.</summary>
        [Parameter]
        public string? LogPath { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            AuditLocation location = ResolveLocation(LogPath);
            WriteTyped(OpenAudit(location).Describe(new AuditPaths(AuditEnvironment.Current)), "RepricingPS.AuditConfiguration");
        }
    }
}
