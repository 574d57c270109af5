using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace RepricingPS.Core.Audit
{
    /// <summary>
    /// The user support report as one self-contained XHTML page (no scripts, no external resources): a summary, the window's
    /// whole timeline of errors per day as an inline SVG chart with successes beneath, and the tables of the report. Made to
    /// be read on screen and printed for a ticket.
    /// </summary>
    public static class UserReportHtml
    {
        /// <summary>Okabe-Ito colours, distinct for colour-blind readers (no two similar oranges).</summary>
        private static readonly Dictionary<string, string> Colours = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["USER_ERROR"] = "#E69F00", ["FILE_ERROR"] = "#56B4E9", ["DATA_ERROR"] = "#009E73",
            ["SYSTEM_ERROR"] = "#0072B2", ["CONFIG_ERROR"] = "#CC79A7", ["ERROR"] = "#000000",
        };

        private const string SuccessColour = "#999999";

        private const string Style =
            "body{font-family:'Segoe UI',Arial,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}" +
            "table{border-collapse:collapse;margin:.5em 0;width:100%}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:90%;vertical-align:top}" +
            "th{background:#f4f4f4}td.time,td.num{white-space:nowrap}td.num{text-align:right}table.facts{width:auto}" +
            "h2{margin-top:1.5em;border-bottom:1px solid #ddd}.chart svg{width:100%;height:auto;display:block}" +
            "summary{cursor:pointer;font-weight:bold;margin:1em 0}" +
            "@media print{body{margin:0;max-width:none}h1,h2{break-after:avoid;page-break-after:avoid}" +
            "tr,.chart{break-inside:avoid;page-break-inside:avoid}a{color:inherit}}";

        private static string E(string s) => WebUtility.HtmlEncode(s);

        private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

        /// <summary>The page.</summary>
        public static string UserReport(UserSupportReport r)
        {
            var sb = new StringBuilder();
            sb.AppendLine("<!DOCTYPE html>");
            sb.AppendLine("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\" />");
            sb.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />");
            sb.AppendLine($"<title>RepricingPS support report: {E(r.User)}</title>");
            sb.AppendLine($"<style>{Style}</style>");
            sb.AppendLine("</head><body>");
            sb.AppendLine($"<h1>Support report: {E(r.User)}</h1>");
            sb.AppendLine("<table class=\"facts\">");
            void Fact(string k, string v) => sb.AppendLine($"<tr><th>{E(k)}</th><td>{E(v)}</td></tr>");
            Fact("Generated", SupportReportText.Time(r.GeneratedAt));
            Fact("Window", SupportReportText.Window(r.Since, r.GeneratedAt, r.Days));
            Fact("Sessions", N(r.SessionCount));
            Fact("Errors", N(r.ErrorCount));
            Fact("Successes", N(r.SuccessCount));
            Fact("File operations", N(r.FileOperations));
            Fact("Computers", SupportReportText.Join(r.Computers));
            Fact("Operating systems", SupportReportText.Join(r.OperatingSystems));
            Fact("Runtimes", SupportReportText.Join(r.Runtimes));
            if (r.MalformedRows > 0) Fact("Malformed rows", N(r.MalformedRows));
            if (r.Incomplete) Fact("INCOMPLETE: skipped", string.Join("; ", r.SkippedSources));
            sb.AppendLine("</table>");
            sb.AppendLine("<h2>Errors and successes per day</h2>");
            sb.AppendLine("<div class=\"chart\">" + Chart(Days(r), r.ErrorsPerDay, r.SuccessesPerDay) + "</div>");
            sb.AppendLine("<h2>Recommendations</h2><ul>");
            foreach (string x in r.Recommendations) sb.AppendLine($"<li>{E(x)}</li>");
            sb.AppendLine("</ul>");
            Table(sb, "Errors by status", new[] { "Status", "Count" }, r.ErrorsByStatus.Select(x => new[] { x.Status, N(x.Count) }), numeric: 1);
            Table(sb, "Recent errors (newest first)", new[] { "Time", "Status", "Script", "Action", "File", "Error" },
                r.RecentErrors.Select(x => new[] { SupportReportText.Time(x.Timestamp), x.Status, x.Script, x.Action, SupportReportText.Leaf(x.File), SupportReportText.Say(x) }), time: 0);
            Table(sb, "Error sources (scripts)", new[] { "Script", "Count" }, r.TopErrorScripts.Select(x => new[] { x.Script, N(x.Count) }), numeric: 1);
            Table(sb, "Most frequent files", new[] { "File", "Count" }, r.TopFiles.Select(x => new[] { x.File, N(x.Count) }), numeric: 1);
            Table(sb, "Recent sessions (newest first)", new[] { "Start", "End", "Computer", "Entries", "Errors", "Outcome" },
                r.RecentSessions.Select(x => new[] { SupportReportText.Time(x.Start), SupportReportText.Time(x.End), x.Computer, N(x.Entries), N(x.Errors), x.Outcome }), time: 0);
            sb.AppendLine($"<details><summary>Timeline of the last sessions ({N(r.Timeline.Count)} entries)</summary>");
            Table(sb, null, new[] { "Time", "Status", "Script", "Message" },
                r.Timeline.Select(x => new[] { SupportReportText.Time(x.Timestamp), x.Status, x.Script, SupportReportText.Say(x) }), time: 0);
            sb.AppendLine("</details>");
            sb.AppendLine("</body></html>");
            return sb.ToString();
        }

        /// <summary>Every calendar day of the window, today included: -Days N gives N+1 days.</summary>
        internal static List<DateTime> Days(UserSupportReport r)
        {
            // The window ends now; an entry stamped later (a writer's clock ahead) still gets its slot rather than vanish.
            DateTime last = r.ErrorsPerDay.Select(d => d.Day.Date).Concat(r.SuccessesPerDay.Select(d => d.Day.Date)).DefaultIfEmpty(r.GeneratedAt.Date).Max();
            if (last < r.GeneratedAt.Date) last = r.GeneratedAt.Date;
            DateTime first = r.Since?.Date ?? (r.ErrorsPerDay.Count > 0 ? r.ErrorsPerDay.Min(d => d.Day) : last);
            if (first > last) first = last;
            var days = new List<DateTime>();
            for (DateTime d = first; d <= last; d = d.AddDays(1)) days.Add(d);
            return days;
        }

        private static void Table(StringBuilder sb, string? title, string[] headers, IEnumerable<string[]> rows, int time = -1, int numeric = -1)
        {
            if (title != null) sb.AppendLine($"<h2>{E(title)}</h2>");
            string cls = headers.Length <= 2 ? " class=\"facts\"" : "";
            sb.AppendLine($"<table{cls}><tr>{string.Concat(headers.Select(h => "<th>" + E(h) + "</th>"))}</tr>");
            bool any = false;
            foreach (string[] row in rows)
            {
                any = true;
                sb.Append("<tr>");
                for (int i = 0; i < row.Length; i++)
                {
                    string cell = i == time ? " class=\"time\"" : i == numeric ? " class=\"num\"" : "";
                    sb.Append($"<td{cell}>{E(row[i])}</td>");
                }
                sb.AppendLine("</tr>");
            }
            if (!any) sb.AppendLine($"<tr><td colspan=\"{N(headers.Length)}\">(none)</td></tr>");
            sb.AppendLine("</table>");
        }

        /// <summary>
        /// One slot per day of the window (an empty slot for a day without errors): stacked error bars by status with the
        /// day's total above, a y axis with ticks, day labels, a legend, and beneath a panel of successes per day.
        /// </summary>
        internal static string Chart(List<DateTime> days, IEnumerable<DayStatusCount> errors, IEnumerable<DayCount> successes)
        {
            var errorsByDay = errors.GroupBy(e => e.Day.Date).ToDictionary(g => g.Key, g => g.OrderBy(x => Order(x.Status)).ToList());
            var successByDay = successes.GroupBy(s => s.Day.Date).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
            int maxErrors = Math.Max(1, days.Select(d => errorsByDay.TryGetValue(d, out var l) ? l.Sum(x => x.Count) : 0).DefaultIfEmpty(0).Max());
            int maxSuccess = Math.Max(1, days.Select(d => successByDay.TryGetValue(d, out int c) ? c : 0).DefaultIfEmpty(0).Max());
            int yMax = NiceCeiling(maxErrors);
            const double width = 1000, left = 48, right = 12, top = 24, plot = 220, gapBetween = 56, successPlot = 60, bottom = 40;
            double slot = (width - left - right) / Math.Max(1, days.Count);
            double bar = Math.Max(1, slot * 0.72);
            double errorsBase = top + plot, successTop = errorsBase + gapBetween, successBase = successTop + successPlot;
            double height = successBase + bottom;
            int labelEvery = (int)Math.Ceiling(days.Count / 16.0);
            var sb = new StringBuilder();
            string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
            sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(width)} {F(height)}\" role=\"img\" aria-label=\"Errors per day by status, and successes per day, {days.Count} days\" font-family=\"Segoe UI, Arial, sans-serif\">");
            // Y axis of the errors: ticks at 0, half and the top.
            foreach (int tick in yMax <= 5 ? Enumerable.Range(0, yMax + 1) : new[] { 0, yMax / 2, yMax })
            {
                double y = errorsBase - plot * tick / yMax;
                sb.Append($"<line x1=\"{F(left)}\" y1=\"{F(y)}\" x2=\"{F(width - right)}\" y2=\"{F(y)}\" stroke=\"#e5e5e5\" /><text x=\"{F(left - 6)}\" y=\"{F(y + 4)}\" font-size=\"12\" text-anchor=\"end\">{N(tick)}</text>");
            }
            sb.Append($"<text x=\"12\" y=\"{F(top + plot / 2)}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 12 {F(top + plot / 2)})\">Errors</text>");
            sb.Append($"<line x1=\"{F(left)}\" y1=\"{F(top)}\" x2=\"{F(left)}\" y2=\"{F(errorsBase)}\" stroke=\"#666\" />");
            sb.Append($"<text x=\"12\" y=\"{F(successTop + successPlot / 2)}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 12 {F(successTop + successPlot / 2)})\">Successes</text>");
            sb.Append($"<line x1=\"{F(left)}\" y1=\"{F(successTop)}\" x2=\"{F(left)}\" y2=\"{F(successBase)}\" stroke=\"#666\" />");
            for (int i = 0; i < days.Count; i++)
            {
                DateTime day = days[i];
                double x = left + i * slot + (slot - bar) / 2;
                string iso = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                sb.Append($"<g class=\"day\" data-day=\"{iso}\">");
                double y = errorsBase;
                int total = 0;
                if (errorsByDay.TryGetValue(day, out var parts))
                {
                    foreach (DayStatusCount p in parts)
                    {
                        double h = plot * p.Count / yMax;
                        y -= h;
                        total += p.Count;
                        sb.Append($"<rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(bar)}\" height=\"{F(h)}\" fill=\"{Colour(p.Status)}\"><title>{iso} {E(p.Status)}: {N(p.Count)}</title></rect>");
                    }
                }
                if (total > 0) sb.Append($"<text class=\"count\" x=\"{F(x + bar / 2)}\" y=\"{F(y - 4)}\" font-size=\"11\" text-anchor=\"middle\">{N(total)}</text>");
                if (successByDay.TryGetValue(day, out int ok) && ok > 0)
                {
                    double h = successPlot * ok / maxSuccess;
                    sb.Append($"<rect x=\"{F(x)}\" y=\"{F(successBase - h)}\" width=\"{F(bar)}\" height=\"{F(h)}\" fill=\"{SuccessColour}\"><title>{iso} successes: {N(ok)}</title></rect>");
                    sb.Append($"<text x=\"{F(x + bar / 2)}\" y=\"{F(successBase - h - 3)}\" font-size=\"10\" text-anchor=\"middle\">{N(ok)}</text>");
                }
                if (i % labelEvery == 0 || i == days.Count - 1)
                {
                    sb.Append($"<text x=\"{F(x + bar / 2)}\" y=\"{F(successBase + 16)}\" font-size=\"11\" text-anchor=\"middle\">{day.ToString("MM-dd", CultureInfo.InvariantCulture)}</text>");
                }
                sb.Append("</g>");
            }
            sb.Append($"<line x1=\"{F(left)}\" y1=\"{F(errorsBase)}\" x2=\"{F(width - right)}\" y2=\"{F(errorsBase)}\" stroke=\"#666\" />");
            sb.Append($"<line x1=\"{F(left)}\" y1=\"{F(successBase)}\" x2=\"{F(width - right)}\" y2=\"{F(successBase)}\" stroke=\"#666\" />");
            // Legend across the top.
            double lx = left;
            foreach (KeyValuePair<string, string> c in Colours.OrderBy(c => Order(c.Key)))
            {
                sb.Append($"<rect x=\"{F(lx)}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{c.Value}\" /><text x=\"{F(lx + 16)}\" y=\"14\" font-size=\"12\">{E(c.Key)}</text>");
                lx += 30 + c.Key.Length * 8.2;
            }
            sb.Append($"<rect x=\"{F(lx)}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{SuccessColour}\" /><text x=\"{F(lx + 16)}\" y=\"14\" font-size=\"12\">successes</text>");
            sb.Append("</svg>");
            return sb.ToString();
        }

        private static int Order(string status)
        {
            int i = Array.IndexOf(AuditStatus.ErrorStatuses, status);
            return i < 0 ? 99 : i;
        }

        /// <summary>The smallest of 1, 2, 5 x 10^k at or above n, so the ticks are round numbers.</summary>
        internal static int NiceCeiling(int n)
        {
            if (n <= 2) return 2;
            int p = 1;
            while (true)
            {
                foreach (int m in new[] { 1, 2, 5 })
                {
                    if (m * p >= n) return m * p;
                }
                p *= 10;
            }
        }

        private static string Colour(string status) => Colours.TryGetValue(status, out string? c) ? c : "#444444";
    }
}
