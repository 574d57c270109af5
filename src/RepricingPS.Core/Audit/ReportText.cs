using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace RepricingPS.Core.Audit
{
    /// <summary>Renders the support outputs as text (for the console and tickets) and as a self-contained HTML page.</summary>
    public static class ReportText
    {
        private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        private static string Window(DateTimeOffset? since, DateTimeOffset? until, int days) =>
            (days > 0 ? $"last {days} days, " : "") + $"{(since.HasValue ? Time(since.Value) : "beginning")} to {(until.HasValue ? Time(until.Value) : "now")}";

        private static string ErrorLine(AuditEntry e)
        {
            string what = e.Error.Length > 0 ? e.Error : e.Message;
            if (what.Length > 140) what = what.Substring(0, 140) + "...";
            return $"{Time(e.Timestamp)}  {e.Status,-12} {e.User,-14} {e.Script,-20} {what.Replace("\r", " ").Replace("\n", " ")}";
        }

        /// <summary>The error summary as a short report.</summary>
        public static string Summary(ErrorSummary s)
        {
            var sb = new StringBuilder();
            sb.AppendLine("RepricingPS error summary");
            sb.AppendLine($"Generated:      {Time(s.GeneratedAt)}");
            sb.AppendLine($"Window:         {Window(s.Since, s.Until, s.Days)}");
            sb.AppendLine($"Entries read:   {s.TotalEntries:N0} in {s.LogFiles.Length} file(s); malformed rows: {s.MalformedRows}");
            if (s.Incomplete) sb.AppendLine($"INCOMPLETE:     skipped {string.Join("; ", s.SkippedSources)}");
            sb.AppendLine($"Errors:         {s.ErrorCount:N0}");
            sb.AppendLine($"Successes:      {s.SuccessCount:N0}; latest: {(s.LatestSuccess == null ? "none" : Time(s.LatestSuccess.Timestamp) + " " + s.LatestSuccess.User + " " + s.LatestSuccess.Script)}");
            Section(sb, "Errors by status", s.ErrorsByStatus.Select(x => $"{x.Status,-14} {x.Count,6:N0}"));
            Section(sb, "Users with errors", s.UsersWithErrors.Select(x => $"{x.User,-20} {x.Count,6:N0}"));
            Section(sb, "Scripts with most errors", s.TopScripts.Select(x => $"{x.Script,-24} {x.Count,6:N0}"));
            Section(sb, "Most recent errors", s.MostRecentErrors.Select(ErrorLine));
            return sb.ToString();
        }

        /// <summary>The user report as the text a support person pastes into a ticket.</summary>
        public static string UserReport(UserSupportReport r)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"RepricingPS support report: {r.User}");
            sb.AppendLine($"Generated:        {Time(r.GeneratedAt)}");
            sb.AppendLine($"Window:           {Window(r.Since, null, r.Days)}");
            sb.AppendLine($"Sessions:         {r.SessionCount}");
            sb.AppendLine($"Errors:           {r.ErrorCount}");
            sb.AppendLine($"Computers:        {Join(r.Computers)}");
            sb.AppendLine($"Operating system: {Join(r.OperatingSystems)}");
            sb.AppendLine($"Runtimes:         {Join(r.Runtimes)}");
            if (r.MalformedRows > 0) sb.AppendLine($"Malformed rows:   {r.MalformedRows} in the files read (Get-RepricingAuditLog -Verbose lists them)");
            if (r.Incomplete) sb.AppendLine($"INCOMPLETE:       skipped {string.Join("; ", r.SkippedSources)}");
            Section(sb, "Recommendations", r.Recommendations.Select(x => "- " + x));
            Section(sb, "Errors by status", r.ErrorsByStatus.Select(x => $"{x.Status,-14} {x.Count,6}"));
            Section(sb, "Recent errors (newest first)", r.RecentErrors.Select(ErrorLine));
            Section(sb, "Error sources (scripts)", r.TopErrorScripts.Select(x => $"{x.Script,-24} {x.Count,6}"));
            Section(sb, "Most frequent files", r.TopFiles.Select(x => $"{x.File,-50} {x.Count,6}"));
            Section(sb, "Recent sessions (newest first)", r.RecentSessions.Select(x => $"{Time(x.Start)} to {Time(x.End)}  {x.Computer,-14} {x.Entries,4} entries {x.Errors,3} errors  {x.Outcome}"));
            Section(sb, "Timeline of the last sessions", r.Timeline.Select(e => $"{Time(e.Timestamp)}  {e.Status,-14} {e.Script,-20} {Short(e.Message)}"));
            return sb.ToString();
        }

        private static string Short(string s)
        {
            s = s.Replace("\r", " ").Replace("\n", " ");
            return s.Length > 110 ? s.Substring(0, 110) + "..." : s;
        }

        private static string Join(string[] values) => values.Length == 0 ? "(none seen)" : string.Join(", ", values);

        private static void Section(StringBuilder sb, string title, IEnumerable<string> lines)
        {
            sb.AppendLine().AppendLine(title).AppendLine(new string('-', title.Length));
            bool any = false;
            foreach (string l in lines) { sb.AppendLine("  " + l); any = true; }
            if (!any) sb.AppendLine("  (none)");
        }

        private static readonly Dictionary<string, string> Colours = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["USER_ERROR"] = "#e69f00", ["FILE_ERROR"] = "#56b4e9", ["DATA_ERROR"] = "#009e73",
            ["SYSTEM_ERROR"] = "#d55e00", ["CONFIG_ERROR"] = "#cc79a7", ["ERROR"] = "#7f7f7f",
        };

        /// <summary>
        /// Writes a user report to a .txt (text) or .html (page) file. A missing folder or a file that cannot be written is a
        /// FILE_ERROR that says what to do, never a raw .NET exception.
        /// </summary>
        public static void WriteUserReport(UserSupportReport r, string path)
        {
            string ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
            string text = ext == ".txt" ? UserReport(r) : UserReportHtml(r);
            string? dir = System.IO.Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir) && !System.IO.Directory.Exists(dir))
            {
                throw new RepricingException(ErrorCategories.File, "OUTPUT_FOLDER_NOT_FOUND", "OutFileFolderNotFound",
                    $"The folder of -OutFile '{path}' does not exist. Create '{dir}' first or choose an existing folder.", path);
            }
            try
            {
                System.IO.File.WriteAllText(path, text, new UTF8Encoding(false));
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                throw new RepricingException(ErrorCategories.File, "OUTPUT_NOT_WRITABLE", "OutFileNotWritable",
                    $"The report could not be written to '{path}': {ex.Message} Check that the file is not open in another program and that you may write to the folder.", path, ex);
            }
        }

        /// <summary>The user report as one self-contained XHTML page (no scripts, no external resources) with an inline SVG chart.</summary>
        public static string UserReportHtml(UserSupportReport r)
        {
            string E(string s) => WebUtility.HtmlEncode(s);
            var sb = new StringBuilder();
            sb.AppendLine("<!DOCTYPE html>");
            sb.AppendLine("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\" />");
            sb.AppendLine($"<title>RepricingPS support report: {E(r.User)}</title>");
            sb.AppendLine("<style>body{font-family:Segoe UI,Arial,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:90%}h2{margin-top:1.5em;border-bottom:1px solid #ddd}</style>");
            sb.AppendLine("</head><body>");
            sb.AppendLine($"<h1>Support report: {E(r.User)}</h1>");
            sb.AppendLine("<table>");
            void Row(string k, string v) => sb.AppendLine($"<tr><th>{E(k)}</th><td>{E(v)}</td></tr>");
            Row("Generated", Time(r.GeneratedAt));
            Row("Window", Window(r.Since, null, r.Days));
            Row("Sessions", r.SessionCount.ToString(CultureInfo.InvariantCulture));
            Row("Errors", r.ErrorCount.ToString(CultureInfo.InvariantCulture));
            Row("Computers", Join(r.Computers));
            Row("Operating systems", Join(r.OperatingSystems));
            Row("Runtimes", Join(r.Runtimes));
            if (r.Incomplete) Row("INCOMPLETE: skipped", string.Join("; ", r.SkippedSources));
            sb.AppendLine("</table>");
            sb.AppendLine("<h2>Errors per day</h2>");
            sb.AppendLine(Chart(r.ErrorsPerDay));
            sb.AppendLine("<h2>Recommendations</h2><ul>");
            foreach (string x in r.Recommendations) sb.AppendLine($"<li>{E(x)}</li>");
            sb.AppendLine("</ul>");
            Table(sb, "Errors by status", new[] { "Status", "Count" }, r.ErrorsByStatus.Select(x => new[] { x.Status, x.Count.ToString(CultureInfo.InvariantCulture) }));
            Table(sb, "Recent errors (newest first)", new[] { "Time", "Status", "Script", "Error" }, r.RecentErrors.Select(x => new[] { Time(x.Timestamp), x.Status, x.Script, x.Error.Length > 0 ? x.Error : x.Message }));
            Table(sb, "Error sources (scripts)", new[] { "Script", "Count" }, r.TopErrorScripts.Select(x => new[] { x.Script, x.Count.ToString(CultureInfo.InvariantCulture) }));
            Table(sb, "Most frequent files", new[] { "File", "Count" }, r.TopFiles.Select(x => new[] { x.File, x.Count.ToString(CultureInfo.InvariantCulture) }));
            Table(sb, "Recent sessions (newest first)", new[] { "Start", "End", "Computer", "Entries", "Errors", "Outcome" },
                r.RecentSessions.Select(x => new[] { Time(x.Start), Time(x.End), x.Computer, x.Entries.ToString(CultureInfo.InvariantCulture), x.Errors.ToString(CultureInfo.InvariantCulture), x.Outcome }));
            Table(sb, "Timeline of the last sessions", new[] { "Time", "Status", "Script", "Message" }, r.Timeline.Select(x => new[] { Time(x.Timestamp), x.Status, x.Script, x.Message }));
            sb.AppendLine("</body></html>");
            return sb.ToString();
        }

        private static void Table(StringBuilder sb, string title, string[] headers, IEnumerable<string[]> rows)
        {
            sb.AppendLine($"<h2>{WebUtility.HtmlEncode(title)}</h2><table><tr>{string.Concat(headers.Select(h => "<th>" + WebUtility.HtmlEncode(h) + "</th>"))}</tr>");
            foreach (string[] row in rows) sb.AppendLine("<tr>" + string.Concat(row.Select(c => "<td>" + WebUtility.HtmlEncode(c) + "</td>")) + "</tr>");
            sb.AppendLine("</table>");
        }

        /// <summary>Stacked bars of errors per day, one colour per status, with a legend.</summary>
        private static string Chart(DayStatusCount[] perDay)
        {
            var days = perDay.Select(d => d.Day).Distinct().OrderBy(d => d).ToList();
            if (days.Count == 0) return "<p>No errors in the window.</p>";
            int max = days.Max(d => perDay.Where(x => x.Day == d).Sum(x => x.Count));
            const int height = 160, barWidth = 18, gap = 6, left = 30, top = 10;
            int width = left + days.Count * (barWidth + gap) + 160;
            var sb = new StringBuilder();
            sb.Append(FormattableString.Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height + 50}\" role=\"img\" aria-label=\"Errors per day by status\">"));
            sb.Append(FormattableString.Invariant($"<text x=\"0\" y=\"{top + 10}\" font-size=\"10\">{max}</text><line x1=\"{left - 2}\" y1=\"{top}\" x2=\"{left - 2}\" y2=\"{top + height}\" stroke=\"#999\" />"));
            for (int i = 0; i < days.Count; i++)
            {
                double y = top + height;
                int x = left + i * (barWidth + gap);
                foreach (var d in perDay.Where(p => p.Day == days[i]).OrderBy(p => p.Status, StringComparer.Ordinal))
                {
                    double h = (double)d.Count / max * height;
                    y -= h;
                    sb.Append(FormattableString.Invariant($"<rect x=\"{x}\" y=\"{y:F1}\" width=\"{barWidth}\" height=\"{h:F1}\" fill=\"{Colour(d.Status)}\"><title>{days[i]:yyyy-MM-dd} {WebUtility.HtmlEncode(d.Status)}: {d.Count}</title></rect>"));
                }
                sb.Append(FormattableString.Invariant($"<text x=\"{x}\" y=\"{top + height + 12}\" font-size=\"8\">{days[i]:MM-dd}</text>"));
            }
            int ly = top;
            foreach (string status in perDay.Select(p => p.Status).Distinct().OrderBy(s => s, StringComparer.Ordinal))
            {
                int lx = left + days.Count * (barWidth + gap) + 10;
                sb.Append(FormattableString.Invariant($"<rect x=\"{lx}\" y=\"{ly}\" width=\"10\" height=\"10\" fill=\"{Colour(status)}\" /><text x=\"{lx + 14}\" y=\"{ly + 9}\" font-size=\"10\">{WebUtility.HtmlEncode(status)}</text>"));
                ly += 14;
            }
            sb.Append("</svg>");
            return sb.ToString();
        }

        private static string Colour(string status) => Colours.TryGetValue(status, out string? c) ? c : "#444444";
    }
}
