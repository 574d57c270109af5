using System;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Disruption;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Runs a disruption analysis (Tier, BrandGeneric, OpenMdfTier, OpenMdfBrandGeneric) on repriced claims and writes the disruption workbook.</para>
    /// <para type="description">Joins the claims with the Medi-Span, formulary and network tables, keeps the maintenance claims of the last six months with Logic 1-10, and writes '&lt;Opp&gt; &lt;Kind&gt; Disruption.xlsx': Summary, one sheet per tier move, Exclusions, Network and Data. Reference paths not given come from Set-RepricingReferenceConfiguration. Every step is in the audit log; a failure or Ctrl+C leaves nothing behind.</para>
    /// </summary>
    /// <example>
    /// <code>Invoke-RepricingDisruption '.\out\Acme Health Claim Detail.csv' -Kind Tier -OutputDirectory .\out</code>
    /// <para>Tier disruption with the saved reference tables.</para>
    /// </example>
    /// <example>
    /// <code>Invoke-Repricing .\File1.csv .\File2.csv .\out -Template .\_Rx.xlsx | Invoke-RepricingDisruption -Kind BrandGeneric -OutputDirectory .\out</code>
    /// <para>Brand/generic disruption on the filled template of a repricing run.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Invoke, "RepricingDisruption", SupportsShouldProcess = true)]
    [OutputType(typeof(DisruptionResult))]
    public sealed class InvokeRepricingDisruptionCommand : ClaimsWorkbookCmdlet
    {
        private const string Script = "Invoke-RepricingDisruption";

        /// <summary>The repriced claims: a .csv or .xlsx path, or the result of Invoke-Repricing (its filled template when one was written, else its claim detail).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object Claims { get; set; } = null!;

        /// <summary>The analysis: Tier, BrandGeneric, OpenMdfTier or OpenMdfBrandGeneric.</summary>
        [Parameter(Mandatory = true)]
        public DisruptionKind Kind { get; set; }

        /// <summary>The Medi-Span table (NDC, Maint Drug?, Product Name); default: the saved path.</summary>
        [Parameter]
        public string? MediSpan { get; set; }

        /// <summary>The Universal formulary (NDC, Tier; sheet Universal NDC); default: the saved path.</summary>
        [Parameter]
        public string? Universal { get; set; }

        /// <summary>The Exclusive formulary (NDC, Tier, Alternative; sheet Alternatives NDC); default: the saved path.</summary>
        [Parameter]
        public string? Exclusive { get; set; }

        /// <summary>The Open MDF formulary (NDC, Tier; sheet Open MDF NDC); default: the saved path.</summary>
        [Parameter]
        public string? OpenMdf { get; set; }

        /// <summary>The pharmacy network (pharmacy_nabp, pharmacy_npi, pharmacy_is_excluded); default: the saved path.</summary>
        [Parameter]
        public string? Network { get; set; }

        /// <summary>The opportunity name in the output file name (default: the repricing run's, else the claims' ClientName, else the claims file's name).</summary>
        [Parameter]
        public string? OpportunityName { get; set; }

        /// <summary>The window in calendar months, ending on the latest date filled (default 6).</summary>
        [Parameter]
        [ValidateRange(1, 120)]
        public int Months { get; set; } = 6;

        /// <summary>Write the kept rows to '&lt;Opp&gt; &lt;Kind&gt; Disruption Data.csv' beside the workbook instead of its Data sheet.</summary>
        [Parameter]
        public SwitchParameter DataAsCsv { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            string outDir = ToFileSystemPath(OutputDirectory);
            string? claims = ClaimsInput.PathOf(Claims, ToFileSystemPath, out RepricingException? wrong, out string? repricedOpportunity);
            if (!ShouldProcess(outDir, $"Write the {Kind} disruption workbook of '{claims ?? Claims}'")) return;

            AuditWriter log = PipelineAuditWriter(Script);
            var progress = new DeferredProgress(this, new ProgressRecord(4, Script, "Starting"));
            try
            {
                if (wrong != null)
                {
                    log.WriteError(Script, "Read claims", wrong, "read");
                    throw wrong;
                }
                var request = new DisruptionRequest
                {
                    ClaimsPath = claims!, ClaimsSheet = ClaimsSheet, Kind = Kind, OutputDirectory = outDir, OpportunityName = string.IsNullOrWhiteSpace(OpportunityName) ? repricedOpportunity : OpportunityName,
                    Months = Months, DataAsCsv = DataAsCsv, Force = Force,
                };
                request.References[ReferenceTable.MediSpan] = PathOrNull(MediSpan);
                request.References[ReferenceTable.Universal] = PathOrNull(Universal);
                request.References[ReferenceTable.Exclusive] = PathOrNull(Exclusive);
                request.References[ReferenceTable.OpenMdf] = PathOrNull(OpenMdf);
                request.References[ReferenceTable.Network] = PathOrNull(Network);
                var service = new DisruptionService(log, new ReferenceSettings(AuditEnvironment.Current), StageProgress(progress));
                DisruptionResult result = service.Run(request, Cancel);
                foreach (string w in result.Warnings) WriteWarning(w);
                if (result.Issues.Length > 0) WriteWarning($"{result.Issues.Length:N0} value(s) in the claims do not parse (see Issues); first: {result.Issues[0]}");
                progress.Complete();
                WriteTyped(result, "RepricingPS.DisruptionResult");
            }
            catch (RepricingException ex)
            {
                // The entries (the error, PROCESS_END) are written already, the session END when the pipeline ends, whatever -ErrorAction makes of this.
                WriteFailure(ex);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                ThrowTerminatingError(new ErrorRecord(ex, "DisruptionFailed", ErrorCategory.NotSpecified, outDir)
                {
                    ErrorDetails = new ErrorDetails($"The disruption analysis failed unexpectedly: {ex.Message} The SYSTEM_ERROR entry in the audit log has the details (Get-RepricingError -Days 1)."),
                });
            }
        }

        private string? PathOrNull(string? path) => string.IsNullOrWhiteSpace(path) ? null : ToFileSystemPath(path!);
    }
}
