using System.Collections.Generic;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes audit entries to a CSV file that Excel opens cleanly.</para>
    /// <para type="description">Takes entries from the pipeline (Get-RepricingError, Get-RepricingAuditLog) or reads them with the same filters as Get-RepricingAuditLog. The file is what Export-Csv would write, made for Excel: UTF-8 with a BOM, a Timestamp column Excel reads as a date and time (with the writer's UTC offset beside it), a leading ' on any value that starts with = + - @ TAB or CR so Excel never runs it as a formula, and values longer than an Excel cell holds (32,767 characters) cut with a note. The file is written under a temporary name and moved into place.</para>
    /// </summary>
    /// <example>
    /// <code>Get-RepricingError -User jdoe -Days 30 | Export-RepricingAuditLog .\jdoe-errors.csv</code>
    /// <para>One user's errors of the last 30 days, for a ticket or a spreadsheet.</para>
    /// </example>
    /// <example>
    /// <code>Export-RepricingAuditLog .\week.csv -Since 2026-11-01 -Until 2026-11-07 -Force</code>
    /// <para>Every entry of a week, replacing week.csv if it exists.</para>
    /// </example>
    [Cmdlet(VerbsData.Export, "RepricingAuditLog", SupportsShouldProcess = true, DefaultParameterSetName = QuerySet)]
    public sealed class ExportRepricingAuditLogCommand : AuditQueryCmdlet
    {
        private const string QuerySet = "Query";
        private const string PipelineSet = "Pipeline";
        private readonly List<AuditEntry> _piped = new List<AuditEntry>();

        /// <summary>The CSV file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Entries to export, from Get-RepricingError or Get-RepricingAuditLog.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PipelineSet)]
        public AuditEntry? InputObject { get; set; }

        /// <summary>User names; case-insensitive, exact unless they hold wildcards.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        [Alias("UserName", "SamAccountName")]
        [ArgumentCompleter(typeof(LogNameCompleter))]
        [SupportsWildcards]
        public string[]? User { get; set; }

        /// <summary>Status words (wildcards allowed).</summary>
        [Parameter(ParameterSetName = QuerySet)]
        [ArgumentCompleter(typeof(StatusCompleter))]
        [SupportsWildcards]
        public string[]? Status { get; set; }

        /// <summary>Script or component names (wildcards allowed).</summary>
        [Parameter(ParameterSetName = QuerySet)]
        [ArgumentCompleter(typeof(LogNameCompleter))]
        [SupportsWildcards]
        public string[]? Script { get; set; }

        /// <summary>Entries from the last N days (a rolling window ending now). Without -Days or -Since, all entries.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        [ValidateRange(1, MaxDays)]
        public int Days { get; set; }

        /// <summary>Entries at or after this time.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        public System.DateTime? Since { get; set; }

        /// <summary>Entries at or before this time.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        public System.DateTime? Until { get; set; }

        /// <summary>A case-insensitive substring searched in Message, Error and File.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        public string? Match { get; set; }

        /// <summary>The log root to read; defaults to REPRICING_AUDIT_PATH, the saved setting, then the per-user local folder.</summary>
        [Parameter(ParameterSetName = QuerySet)]
        public override string? LogPath { get; set; }

        /// <summary>Replace the file if it exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (InputObject != null) _piped.Add(InputObject);
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            string path = ToFileSystemPath(Path);
            List<AuditEntry> entries = _piped;
            if (ParameterSetName == QuerySet)
            {
                AuditQuery query = BuildQuery(new AuditQueryRequest { Users = User, Statuses = Status, Scripts = Script, Days = Days, Since = Since, Until = Until, Match = Match });
                try
                {
                    entries = RunQuery(OpenAudit(LogPath), query, new ReadStats());
                }
                catch (RepricingException ex)
                {
                    WriteError(Errors.From(ex));
                    return;
                }
            }
            if (!ShouldProcess(path, $"Export {entries.Count} audit entries")) return;
            try
            {
                int n = AuditExport.Write(path, entries, Force);
                WriteVerbose($"Wrote {n} entries to {path}.");
            }
            catch (RepricingException ex)
            {
                WriteError(Errors.From(ex));
            }
        }
    }
}
