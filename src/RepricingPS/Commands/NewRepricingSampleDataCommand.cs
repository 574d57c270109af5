using System.Management.Automation;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes a realistic sample File1.csv, File2.csv, template workbook and the five reference tables of the disruption analyses, for training, demos and trying a change safely.</para>
    /// </summary>
    /// <example>
    /// <code>New-RepricingSampleData .\practice -Claims 2000</code>
    /// <para>Sample files to practise on.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "RepricingSampleData", SupportsShouldProcess = true)]
    [OutputType(typeof(SampleDataSet))]
    public sealed class NewRepricingSampleDataCommand : RepricingCmdlet
    {
        /// <summary>The folder to write into (created when missing).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string OutputDirectory { get; set; } = "";

        /// <summary>How many File1 rows (claims and reversals); default 5000.</summary>
        [Parameter]
        [ValidateRange(10, 10000000)]
        public int Claims { get; set; } = 5000;

        /// <summary>The random seed: the same seed gives the same files.</summary>
        [Parameter]
        public int Seed { get; set; } = 1;

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            string dir = ToFileSystemPath(OutputDirectory);
            if (!ShouldProcess(dir, $"Write sample File1.csv, File2.csv ({Claims:N0} claims), a template and the reference tables")) return;
            WriteTyped(SampleData.Write(dir, Claims, Seed), "RepricingPS.SampleDataSet");
        }
    }
}
