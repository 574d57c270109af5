using System.Management.Automation;
using RepricingPS.Commands;

namespace RepricingPS
{
    /// <summary>
    /// The cmdlets that read repriced claims and write a workbook (Invoke-RepricingDisruption, Export-RepricingLineByLine):
    /// -OutputDirectory, -ClaimsSheet and -Force declared, with their help text, in this one place.
    /// </summary>
    public abstract class ClaimsWorkbookCmdlet : LogRootCmdlet
    {
        /// <summary>Where the workbook goes; created when missing.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string OutputDirectory { get; set; } = "";

        /// <summary>The claims sheet of an .xlsx (default: Claims Table when present, else the first sheet).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SheetCompleter))]
        public string? ClaimsSheet { get; set; }

        /// <summary>Replace an output that exists already.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }
    }
}
