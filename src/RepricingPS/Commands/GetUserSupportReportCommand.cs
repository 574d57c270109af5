using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Builds one user's support report: sessions, errors, sources, files, machines, a timeline and recommendations.</para>
    /// <para type="description">-OutFile report.txt writes the text; -OutFile report.html a self-contained page with a chart of errors per day. Generating a report writes a SUPPORT_REPORT entry saying who generated it for whom.</para>
    /// </summary>
    /// <example>
    /// <code>Get-UserSupportReport -User jdoe -OutFile .\jdoe.html</code>
    /// <para>The report to attach to a ticket, with a chart of errors per day.</para>
    /// </example>
    /// <example>
    /// <code>Get-RepricingError -Days 7 | Get-UserSupportReport</code>
    /// <para>One report for each user who had an error this week (not one per error).</para>
    /// </example>
    /// <example>
    /// <code>Get-RepricingError -Days 7 | Group-Object User | Sort-Object Count -Descending | Select-Object -First 3 | Get-UserSupportReport</code>
    /// <para>Reports for the three users with most errors this week.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "UserSupportReport", SupportsShouldProcess = true)]
    [Alias("Get-RepricingUserReport")]
    [OutputType(typeof(UserSupportReport))]
    public sealed class GetUserSupportReportCommand : RepricingCmdlet
    {
        private readonly HashSet<string> _done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The user (exact, case-insensitive). From the pipeline: a name, or any object with a User, UserName, SamAccountName or Name property (an audit entry, a Group-Object group); each distinct user gets one report.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserName", "SamAccountName", "Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LogNameCompleter))]
        public string User { get; set; } = "";

        /// <summary>The window in days, ending now (default 30).</summary>
        [Parameter]
        [ValidateRange(1, 36500)]
        public int Days { get; set; } = 30;

        /// <summary>The log root; defaults to REPRICING_AUDIT_PATH, the saved setting, then the per-user local folder.</summary>
        [Parameter]
        public string? LogPath { get; set; }

        /// <summary>Also write the report to a .txt or .html file.</summary>
        [Parameter]
        public string? OutFile { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (!_done.Add(User)) return;
            string? outPath = OutFile == null ? null : ToFileSystemPath(OutFile);
            string ext = outPath == null ? "" : Path.GetExtension(outPath).ToLowerInvariant();
            if (outPath != null && ext != ".txt" && ext != ".html" && ext != ".htm")
            {
                ThrowTerminatingError(Errors.InvalidArgument("InvalidOutFileType", $"-OutFile '{OutFile}': use a .txt or .html file name.", OutFile));
            }
            AuditLocation location = ResolveLocation(LogPath);
            AuditQuery query = QueryBuilder.Build(this, new[] { User }, null, null, Days, null, null, null);
            var stats = new ReadStats();
            UserSupportReport report;
            try
            {
                AuditService audit = OpenAudit(location);
                var entries = QueryBuilder.Run(this, audit, query, stats, Cancel);
                if (entries.Count == 0)
                {
                    WriteError(UserNotFound(audit, query));
                    return;
                }
                QueryBuilder.WarnFutureDated(this, entries, query);
                report = SupportReports.ForUser(User, entries, stats, query, Days, DateTimeOffset.Now);
            }
            catch (RepricingException ex)
            {
                WriteError(Errors.From(ex));
                return;
            }
            if (outPath != null && ShouldProcess(outPath, "Write support report"))
            {
                try
                {
                    ReportHtml.WriteUserReport(report, outPath);
                }
                catch (RepricingException ex)
                {
                    TryLogError(location, ex);
                    WriteError(Errors.From(ex));
                    outPath = null; // the report object is still returned below
                }
            }
            try
            {
                if (ShouldProcess(OpenAudit(location).Root, "Log a SUPPORT_REPORT entry")) CreateAuditLog(location).Write(new AuditEntry
                {
                Script = "Get-UserSupportReport",
                Status = AuditStatus.SupportReport,
                Action = "Support Report",
                File = outPath ?? "",
                Message = $"Support report for {User} ({Days} days, {report.ErrorCount} errors) generated by {Environment.UserName}",
                });
            }
            catch (RepricingException ex)
            {
                WriteWarning("The SUPPORT_REPORT entry could not be written: " + ex.Message);
            }
            WriteTyped(report, "RepricingPS.UserSupportReport");
        }

        /// <summary>No entries at all for the user in the window: most often a misspelt name, so name the nearest ones seen.</summary>
        private ErrorRecord UserNotFound(AuditService audit, AuditQuery query)
        {
            string root = audit.Root;
            query.Users = Array.Empty<string>();
            var seen = audit.Query(query, new ReadStats(), null, Cancel).Select(e => e.User);
            IReadOnlyList<string> near = UserNames.Suggest(User, seen);
            string hint = near.Count > 0 ? $" Did you mean {string.Join(", ", near.Select(n => "'" + n + "'"))}?" : " No similar user name was seen in the window either.";
            return Errors.From(new RepricingException(ErrorCategories.User, "USER_NOT_FOUND", "UserNotFound",
                $"No entries for user '{User}' in the last {Days} days of '{root}'.{hint} Try -Days with a longer window or a wildcard with Get-RepricingAuditLog -User.", User));
        }

        private void TryLogError(AuditLocation location, RepricingException ex)
        {
            try
            {
                CreateAuditLog(location).WriteError("Get-UserSupportReport", "Support Report", ex, "write report");
            }
            catch (RepricingException logEx)
            {
                WriteWarning("The error could not be logged either: " + logEx.Message);
            }
        }
    }
}
