using System.Management.Automation;
using RepricingPS.Commands;
using RepricingPS.Core.Audit;

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

        private AuditWriter? _log;
        private string _script = "";
        private bool _implicitSession;
        private bool _ended;

        /// <summary>
        /// The audit writer of this pipeline, made at its first item that does work: several claims files piped in are one
        /// implicit session (START once, END once, each item its own PROCESS_START/PROCESS_END), as with Import-RepricingFile.
        /// </summary>
        protected AuditWriter PipelineAuditWriter(string script)
        {
            if (_log == null)
            {
                _script = script;
                _log = CreateWorkAuditWriter(ResolveLocation(LogPath), script, out _implicitSession);
            }
            return _log;
        }

        /// <inheritdoc/>
        protected override void EndProcessing() => EndPipelineSession();

        /// <summary>However the pipeline ends (-ErrorAction Stop, Ctrl+C, a terminating error), an implicit session gets its END once.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing) EndPipelineSession();
            base.Dispose(disposing);
        }

        private void EndPipelineSession()
        {
            if (_log == null || _ended) return;
            _ended = true;
            EndImplicitSession(_log, _script, _implicitSession);
        }
    }
}
