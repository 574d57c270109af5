using System;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.LineByLine;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes the repriced claims with Logic 1-10 into a partner's line-by-line workbook (SHARx, EPLS or Standard).</para>
    /// <para type="description">Fills the 'Line By Line' sheet of the partner's template from A2 (SHARx, EPLS) or A6 (Standard), keeping every other sheet and cell, or writes a new workbook with the column names above. Dates are date cells, numbers numbers, NDCs text with their leading zeros. Returns the claim count and cost totals. Every step is in the audit log; a failure or Ctrl+C leaves nothing behind.</para>
    /// </summary>
    /// <example>
    /// <code>Export-RepricingLineByLine '.\out\Acme Health Claim Detail.csv' -Format EPLS -OutputDirectory .\out -Template '.\partner\EPLS template.xlsx'</code>
    /// <para>Fills the partner's EPLS workbook; writes '_Rx Claims for EPLS.xlsx'.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "RepricingLineByLine", SupportsShouldProcess = true)]
    [OutputType(typeof(LineByLineResult))]
    public sealed class ExportRepricingLineByLineCommand : ClaimsWorkbookCmdlet
    {
        private const string Script = "Export-RepricingLineByLine";

        /// <summary>The repriced claims: a .csv or .xlsx path, or the result of Invoke-Repricing (its filled template, else its claim detail).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object Claims { get; set; } = null!;

        /// <summary>SHARx, EPLS or Standard.</summary>
        [Parameter(Mandatory = true)]
        public LineByLineFormat Format { get; set; }

        /// <summary>The partner's workbook with a 'Line By Line' sheet to fill (default: a new workbook).</summary>
        [Parameter]
        public string? Template { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            string outDir = ToFileSystemPath(OutputDirectory);
            string? claims = ClaimsInput.PathOf(Claims, ToFileSystemPath, out RepricingException? wrong);
            if (!ShouldProcess(outDir, $"Write the {Format} line-by-line workbook of '{claims ?? Claims}'")) return;

            var log = PipelineAuditWriter(Script);
            var progress = new DeferredProgress(this, new ProgressRecord(5, Script, "Starting"));
            try
            {
                if (wrong != null)
                {
                    log.WriteError(Script, "Read claims", wrong, "read");
                    throw wrong;
                }
                var request = new LineByLineRequest
                {
                    ClaimsPath = claims!, ClaimsSheet = ClaimsSheet, Format = Format, OutputDirectory = outDir,
                    TemplatePath = string.IsNullOrWhiteSpace(Template) ? null : ToFileSystemPath(Template!), Force = Force,
                };
                var service = new LineByLineService(log, StageProgress(progress));
                LineByLineResult result = service.Run(request, Cancel);
                if (result.Issues.Length > 0) WriteWarning($"{result.Issues.Length:N0} value(s) were written as found (see Issues); first: {result.Issues[0]}");
                progress.Complete();
                WriteTyped(result, "RepricingPS.LineByLineResult");
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
                ThrowTerminatingError(new ErrorRecord(ex, "LineByLineFailed", ErrorCategory.NotSpecified, outDir)
                {
                    ErrorDetails = new ErrorDetails($"The line-by-line export failed unexpectedly: {ex.Message} The SYSTEM_ERROR entry in the audit log has the details (Get-RepricingError -Days 1)."),
                });
            }
        }
    }
}
