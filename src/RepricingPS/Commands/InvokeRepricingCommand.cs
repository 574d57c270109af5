using System;
using System.IO;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Merges File1 and File2, tags originals and reversals (O's &amp; R's), writes the merged claims, claim detail and unmatched reversals, and fills the template.</para>
    /// <para type="description">Every step is in the audit log. Outputs are written under temporary names and moved into place only when all are written, so a failure or Ctrl+C leaves nothing half-written.</para>
    /// </summary>
    /// <example>
    /// <code>Invoke-Repricing -File1 .\claims.csv -File2 .\priced.csv -OutputDirectory .\out -Template '.\_Rx Repricing_wf.xlsx'</code>
    /// <para>Merges, tags O's and R's, writes the outputs and fills the template.</para>
    /// </example>
    /// <example>
    /// <code>Invoke-Repricing .\claims.csv .\priced.csv .\out -WhatIf</code>
    /// <para>Says what it would write; writes nothing, the audit log included.</para>
    /// </example>
    /// <example>
    /// <code>$r = Invoke-Repricing $f1 $f2 .\out -OpportunityName 'Acme Q2' -Force; $r.NetTotals; $r.OutputFiles</code>
    /// <para>Takes imported files, names the outputs, replaces an earlier run's outputs (all or nothing), then shows the totals and files.</para>
    /// </example>
    [Cmdlet(VerbsLifecycle.Invoke, "Repricing", SupportsShouldProcess = true)]
    [OutputType(typeof(RepricingResult))]
    public sealed class InvokeRepricingCommand : LogRootCmdlet
    {
        /// <summary>The client's claims: a path or what Import-RepricingFile -Role File1 returned.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public object File1 { get; set; } = null!;

        /// <summary>The pricing tool's rows: a path or what Import-RepricingFile -Role File2 returned.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public object File2 { get; set; } = null!;

        /// <summary>Where the outputs go; created when missing.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNullOrEmpty]
        public string OutputDirectory { get; set; } = "";

        /// <summary>The repricing template workbook (_Rx Repricing_wf.xlsx) to fill; a copy goes to the output folder.</summary>
        [Parameter]
        public string? Template { get; set; }

        /// <summary>Days a reversal may come after its claim (default 30).</summary>
        [Parameter]
        [ValidateRange(0, 3650)]
        public int MatchWindowDays { get; set; } = 30;

        /// <summary>Standard (NDC, member, quantity, window) or Strict (also days supply, drug, pharmacy, AWP).</summary>
        [Parameter]
        public MatchRule MatchRule { get; set; } = MatchRule.Standard;

        /// <summary>The opportunity name used in the output file names (default: File1's client name).</summary>
        [Parameter]
        public string? OpportunityName { get; set; }

        /// <summary>Join duplicated SOURCERECORDIDs as a database would (rows multiply) instead of stopping.</summary>
        [Parameter]
        public SwitchParameter AllowDuplicateKeys { get; set; }

        /// <summary>Any value that does not parse stops the run.</summary>
        [Parameter]
        public SwitchParameter Strict { get; set; }

        /// <summary>Also write the merged file as .xlsx.</summary>
        [Parameter]
        public SwitchParameter Xlsx { get; set; }

        /// <summary>Replace outputs that exist already.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            string outDir = ToFileSystemPath(OutputDirectory);
            string? template = Template == null ? null : ToFileSystemPath(Template);
            if (!ShouldProcess(outDir, "Reprice and write the merged claims, claim detail and unmatched reversals" + (template != null ? " and fill the template" : ""))) return;

            AuditLocation location = ResolveLocation(LogPath);
            AuditWriter log = CreateWorkAuditWriter(location, "Invoke-Repricing", out bool implicitSession);
            var progress = new DeferredProgress(this, new ProgressRecord(3, "Invoke-Repricing", "Starting"));
            var service = new RepricingService(log, "Invoke-Repricing", StageProgress(progress));
            try
            {
                (RepricingFile? file1, string? path1) = Input(log, File1, FileRole.File1);
                (RepricingFile? file2, string? path2) = Input(log, File2, FileRole.File2);
                // A large run shows its stages at once: a stage can take seconds with no update in between.
                progress.Large = ProgressDelay.IsLargeFile(path1) || ProgressDelay.IsLargeFile(path2) || (file1?.RowCount ?? 0) + (file2?.RowCount ?? 0) >= 50_000;
                var request = new RepricingRequest
                {
                    // A path is imported inside the run (its failure is the run's, PROCESS_END Outcome: Failed); a RepricingFile is used as given.
                    File1 = file1!,
                    File1Path = path1,
                    File2 = file2!,
                    File2Path = path2,
                    OutputDirectory = outDir,
                    TemplatePath = template,
                    MatchWindowDays = MatchWindowDays,
                    MatchRule = MatchRule,
                    OpportunityName = OpportunityName,
                    AllowDuplicateKeys = AllowDuplicateKeys,
                    Strict = Strict,
                    Xlsx = Xlsx,
                    Force = Force,
                };
                RepricingResult result = service.Run(request, Cancel);
                foreach (string w in result.Warnings) WriteWarning(w);
                progress.Complete();
                WriteTyped(result, "RepricingPS.RepricingResult");
            }
            catch (RepricingException ex)
            {
                // The entries (the error, PROCESS_END, END) are written already or in finally, whatever -ErrorAction makes of this.
                WriteFailure(ex);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                ThrowTerminatingError(new ErrorRecord(ex, "RepricingFailed", ErrorCategory.NotSpecified, outDir)
                {
                    ErrorDetails = new ErrorDetails($"Repricing failed unexpectedly: {ex.Message} The SYSTEM_ERROR entry in the audit log has the details (Get-RepricingError -Days 1)."),
                });
            }
            finally
            {
                // Success, failure or Ctrl+C: an implicit session always gets its END, after the run's own entries.
                EndImplicitSession(log, "Invoke-Repricing", implicitSession);
            }
        }

        /// <summary>A RepricingFile as given, or the file-system path of a path to import inside the run.</summary>
        private (RepricingFile? File, string? Path) Input(AuditWriter log, object value, FileRole role)
        {
            object v = value is PSObject pso ? pso.BaseObject : value;
            switch (v)
            {
                case RepricingFile f when f.Role == role:
                    return (f, null);
                case FileInfo fi:
                    return (null, fi.FullName);
                case string s when s.Length > 0:
                    return (null, ToFileSystemPath(s));
            }
            var wrong = v is RepricingFile other
                ? Failures.WrongFileRole.With($"-{role} was given the {other.Role} file '{other.Path}'. Pass File1 as -File1 and File2 as -File2.", other.Path)
                : Failures.InvalidFileArgument.With(
                    $"-{role} takes a path or the output of Import-RepricingFile -Role {role}, not {v?.GetType().Name ?? "null"}.", null);
            log.WriteError("Invoke-Repricing", "Read " + role, wrong, "read");
            throw wrong;
        }
    }
}
