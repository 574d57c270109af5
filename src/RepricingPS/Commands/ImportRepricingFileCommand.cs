using System.Collections.Generic;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads File1 (the claims), File2 (the priced rows) or the template from .csv or .xlsx, validates and types it.</para>
    /// <para type="description">Returns a RepricingFile to pass to Invoke-Repricing. Values that do not parse are listed in its Issues (and summarised in the audit log); -Strict makes any of them an error.</para>
    /// </summary>
    /// <example>
    /// <code>Import-RepricingFile .\claims.xlsx -Role File1</code>
    /// <para>Reads and types the claims file; check .Issues for values that did not parse.</para>
    /// </example>
    /// <example>
    /// <code>$f1 = Import-RepricingFile .\claims.xlsx -Role File1 -Sheet 'April claims'; $f1.Issues | Format-Table Row, Column, Value, Message</code>
    /// <para>Reads a named sheet (-Sheet tab-completes the workbook's sheet names) and lists the values that did not parse.</para>
    /// </example>
    [Cmdlet(VerbsData.Import, "RepricingFile", DefaultParameterSetName = "Path")]
    [OutputType(typeof(RepricingFile))]
    public sealed class ImportRepricingFileCommand : LogRootCmdlet
    {
        /// <summary>The file(s); wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = "Path")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = System.Array.Empty<string>();

        /// <summary>The file(s), taken literally (no wildcards).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "LiteralPath")]
        [Alias("PSPath", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = System.Array.Empty<string>();

        /// <summary>File1 (the client's claims), File2 (the pricing tool's rows) or Template.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet("File1", "File2", "Template")] // Claims and Reference are the disruption/LBL inputs' roles, not for this cmdlet
        public FileRole Role { get; set; }

        /// <summary>The worksheet of an .xlsx (default: the first; Claims Table for the template).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SheetCompleter))]
        public string? Sheet { get; set; }

        /// <summary>Any value that does not parse is an error.</summary>
        [Parameter]
        public SwitchParameter Strict { get; set; }

        private AuditWriter? _log;
        private bool _implicit;
        private bool _ended;
        private RepricingService? _service;

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _log = CreateWorkAuditWriter(ResolveLocation(LogPath), "Import-RepricingFile", out _implicit);
            var progress = new DeferredProgress(this, new ProgressRecord(2, "Import-RepricingFile", "Starting"));
            _service = new RepricingService(_log, "Import-RepricingFile", new DirectProgress<RepricingProgress>(p =>
            {
                progress.Record.StatusDescription = p.Message;
                progress.Record.PercentComplete = p.Percent;
                progress.Write();
                WriteVerbose(p.Message);
            }));
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (string file in ResolvePaths(ParameterSetName == "Path" ? Path : LiteralPath, ParameterSetName == "LiteralPath"))
            {
                try
                {
                    RepricingFile imported = _service!.ImportAsRun(file, Role, Sheet, Strict, Cancel);
                    foreach (string w in imported.Warnings) WriteWarning(w);
                    if (imported.Issues.Length > 0)
                    {
                        WriteWarning($"{imported.Issues.Length} value(s) in {Role} do not parse; see the Issues property (first: {imported.Issues[0]}).");
                    }
                    WriteTyped(imported, "RepricingPS.RepricingFile");
                }
                catch (RepricingException ex)
                {
                    WriteFailure(ex);
                }
                catch (System.OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing() => EndSession();

        /// <summary>
        /// PowerShell disposes the cmdlet however the pipeline ends: with -ErrorAction Stop, WriteError throws and
        /// EndProcessing never runs, and Ctrl+C skips it too, but an implicit session still gets its END.
        /// </summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing) EndSession();
            base.Dispose(disposing);
        }

        private void EndSession()
        {
            if (_log == null || _ended) return;
            _ended = true;
            EndImplicitSession(_log, "Import-RepricingFile", _implicit);
        }

        private List<string> ResolvePaths(string[] paths, bool literal)
        {
            var result = new List<string>();
            foreach (string p in paths)
            {
                if (literal || !WildcardPattern.ContainsWildcardCharacters(p))
                {
                    result.Add(ToFileSystemPath(p));
                    continue;
                }
                try
                {
                    var matched = GetResolvedProviderPathFromPSPath(p, out _);
                    // A wildcard that matches nothing resolves to an empty list rather than throwing: still the user's missing file.
                    if (matched.Count == 0) WriteFailure(Failures.FileNotFound.With($"No file matches '{p}'.", p));
                    result.AddRange(matched);
                }
                catch (ItemNotFoundException)
                {
                    WriteFailure(Failures.FileNotFound.With($"No file matches '{p}'.", p));
                }
            }
            return result;
        }
    }
}
