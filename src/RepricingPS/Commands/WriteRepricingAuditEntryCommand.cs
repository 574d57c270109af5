using System;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes one entry to the RepricingPS audit log.</para>
    /// <para type="description">For scripts and scheduled tasks. The entry is on disk before the cmdlet returns. Without -Message the legacy-shaped message is composed from the fields.</para>
    /// </summary>
    /// <example>
    /// <code>Write-RepricingAuditEntry -Script 'nightly.ps1' -Message 'Checked the April file'</code>
    /// <para>Writes an INFO entry.</para>
    /// </example>
    /// <example>
    /// <code>try { Get-Item .\missing.csv -ErrorAction Stop } catch { Write-RepricingAuditEntry -Script 'nightly.ps1' -Status FILE_ERROR -Action 'Import File' -ErrorRecord $_ }</code>
    /// <para>Records an error with its category, message and stack.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Write, "RepricingAuditEntry")]
    [OutputType(typeof(AuditEntry))]
    public sealed class WriteRepricingAuditEntryCommand : LogRootCmdlet
    {
        /// <summary>The component writing the entry, such as the script's name.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Script { get; set; } = "";

        /// <summary>The human-readable text; composed from the other fields when omitted.</summary>
        [Parameter(Position = 1, ValueFromPipeline = true)]
        public string? Message { get; set; }

        /// <summary>One upper-case status word: INFO (default), WARNING, FILE_ACCESS, USER_ERROR, FILE_ERROR, DATA_ERROR, SYSTEM_ERROR, CONFIG_ERROR, ...</summary>
        [Parameter]
        [ArgumentCompleter(typeof(StatusCompleter))]
        public string? Status { get; set; }

        /// <summary>What the user was trying to do, such as Import File.</summary>
        [Parameter]
        public string? Action { get; set; }

        /// <summary>The file involved.</summary>
        [Parameter]
        public string? File { get; set; }

        /// <summary>A stable error code such as FILE_NOT_FOUND.</summary>
        [Parameter]
        public string? ErrorType { get; set; }

        /// <summary>The error text.</summary>
        [Parameter]
        public string? ErrorMessage { get; set; }

        /// <summary>An error to record: gives Error, ErrorType (its category) and Details (exception and script stack trace).</summary>
        [Parameter]
        public ErrorRecord? ErrorRecord { get; set; }

        /// <summary>Returns the entry written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private AuditWriter? _log;

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            if (Status != null && !AuditStatus.IsWellFormed(Status.ToUpperInvariant()))
            {
                ThrowTerminatingError(Errors.InvalidArgument("InvalidStatus",
                    $"The status '{Status}' is not one upper-case word. Use INFO, WARNING, FILE_ACCESS or an error status such as FILE_ERROR.", Status));
            }
            _log = CreateAuditWriter(ResolveLocation(LogPath));
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            var entry = new AuditEntry
            {
                Script = Script,
                Message = Message ?? "",
                Status = Status?.ToUpperInvariant() ?? (ErrorRecord != null ? ErrorCategories.System : AuditStatus.Info),
                Action = Action ?? "",
                File = File ?? "",
                ErrorType = ErrorType ?? "",
                Error = ErrorMessage ?? "",
            };
            if (ErrorRecord != null)
            {
                if (entry.Error.Length == 0) entry.Error = ErrorRecord.Exception?.Message ?? ErrorRecord.ToString();
                if (entry.ErrorType.Length == 0) entry.ErrorType = ErrorRecord.CategoryInfo.Category.ToString();
                entry.Details = ErrorRecord.Exception + Environment.NewLine + ErrorRecord.ScriptStackTrace;
            }
            SystemContext.AddTo(entry, entry.Action.Length > 0 ? entry.Action : Script);
            try
            {
                _log!.Write(entry);
            }
            catch (RepricingException ex)
            {
                WriteError(Errors.From(ex));
                return;
            }
            if (PassThru) WriteTyped(entry, "RepricingPS.AuditEntry");
        }
    }
}
