using System;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Summarises the errors of every user in a window: counts per status, users, scripts, the most recent errors, successes.</para>
    /// </summary>
    /// <example>
    /// <code>Get-RepricingErrorSummary -Days 30 -Top 10</code>
    /// <para>A short report over all users for the last 30 days.</para>
    /// </example>
    /// <example>
    /// <code>Get-RepricingErrorSummary -Days 30 -AsTable | Export-Csv summary.csv -NoTypeInformation</code>
    /// <para>The same summary as flat Section, Name, Count rows for a spreadsheet.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "RepricingErrorSummary", DefaultParameterSetName = DaysSet)]
    [OutputType(typeof(ErrorSummary))]
    [OutputType(typeof(SummaryRow))]
    public sealed class GetRepricingErrorSummaryCommand : AuditQueryCmdlet
    {
        /// <summary>The window in days, ending now (default 7).</summary>
        [Parameter(ParameterSetName = DaysSet)]
        [ValidateRange(1, MaxDays)]
        public int Days { get; set; } = 7;

        /// <summary>An explicit start of the window instead of -Days.</summary>
        [Parameter(ParameterSetName = WindowSet)]
        public DateTime? Since { get; set; }

        /// <summary>An explicit end of the window.</summary>
        [Parameter(ParameterSetName = WindowSet)]
        public DateTime? Until { get; set; }

        /// <summary>How many scripts and recent errors to list (default 5).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int Top { get; set; } = 5;

        /// <summary>Emit flat rows (Section, Name, Count) instead of one summary object, for Export-Csv.</summary>
        [Parameter]
        public SwitchParameter AsTable { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            int days = Since.HasValue ? 0 : Days;
            AuditQuery query = BuildQuery(new AuditQueryRequest { Days = days, Since = Since, Until = Until });
            var stats = new ReadStats();
            try
            {
                ErrorSummary summary = Summarize(OpenAudit(LogPath), query, stats, days, Top);
                if (!AsTable) WriteTyped(summary, "RepricingPS.ErrorSummary");
                else foreach (SummaryRow row in SummaryRows.From(summary)) WriteTyped(row, "RepricingPS.SummaryRow");
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
            }
        }
    }
}
