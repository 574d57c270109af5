using System;
using System.Collections.Generic;
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
    public sealed class GetUserSupportReportCommand : AuditQueryCmdlet
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
        [ValidateRange(1, MaxDays)]
        public int Days { get; set; } = 30;

        /// <summary>Also write the report to a .txt or .html file.</summary>
        [Parameter]
        public string? OutFile { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (!_done.Add(User)) return;
            string? outPath = OutFile == null ? null : ToFileSystemPath(OutFile);
            try
            {
                if (outPath != null) UserReportRules.CheckOutFile(outPath, OutFile!);
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
            }
            AuditLocation location = ResolveLocation(LogPath);
            AuditQuery query = BuildQuery(new AuditQueryRequest { Users = new[] { User }, Days = Days });
            var stats = new ReadStats();
            UserSupportReport report;
            try
            {
                AuditService audit = OpenAudit(location);
                var entries = RunQuery(audit, query, stats);
                if (entries.Count == 0)
                {
                    WriteError(UserNotFound(audit, query));
                    return;
                }
                AuditWarnings.WarnFutureDated(this, entries, query);
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
                    UserReportRules.Write(report, outPath);
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
                if (ShouldProcess(OpenAudit(location).Root, "Log a SUPPORT_REPORT entry"))
                {
                    CreateAuditWriter(location).Write(UserReportRules.SupportReportEntry(User, Days, report.ErrorCount, outPath, Environment.UserName));
                }
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
            query.Users = Array.Empty<string>();
            var seen = audit.Query(query, new ReadStats(), null, Cancel).Select(e => e.User);
            return Errors.From(UserReportRules.UserNotFound(User, Days, audit.Root, seen));
        }

        private void TryLogError(AuditLocation location, RepricingException ex)
        {
            try
            {
                CreateAuditWriter(location).WriteError("Get-UserSupportReport", "Support Report", ex, "write report");
            }
            catch (RepricingException logEx)
            {
                WriteWarning("The error could not be logged either: " + logEx.Message);
            }
        }
    }
}
