using System.Management.Automation;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Disruption;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows the reference tables saved for this user with Set-RepricingReferenceConfiguration.</para>
    /// <para type="description">Blank where nothing is saved; Invoke-RepricingDisruption then needs that table as a parameter.</para>
    /// </summary>
    /// <example>
    /// <code>Get-RepricingReferenceConfiguration</code>
    /// <para>The saved Medi-Span, Universal, Exclusive, Open MDF and network paths, and the settings file.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "RepricingReferenceConfiguration")]
    [OutputType(typeof(ReferenceConfiguration))]
    public sealed class GetRepricingReferenceConfigurationCommand : RepricingCmdlet
    {
        /// <inheritdoc/>
        protected override void EndProcessing() =>
            WriteTyped(new ReferenceSettings(AuditEnvironment.Current).Read(), "RepricingPS.ReferenceConfiguration");
    }
}
