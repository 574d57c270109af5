using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace RepricingPS
{
    /// <summary>
    /// Renders the support outputs as plain text for the console and for tickets: at most <see cref="Width"/> columns, long
    /// text wrapped at word boundaries under its line. (The HTML page is UserReportHtml (in RepricingPS.Core).)
    /// </summary>
    public static class SupportReportText
    {
        /// <summary>The widest line of a text report.</summary>
        public const int Width = 100;

        private const string Indent = "      ";

        internal static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        internal static string Window(DateTimeOffset? since, DateTimeOffset? until, int days) =>
            (days > 0 ? $"last {days} days, " : "") + $"{(since.HasValue ? Time(since.Value) : "beginning")} to {(until.HasValue ? Time(until.Value) : "now")}";

        /// <summary>
        /// What an entry says, for a reader who already sees its user, computer, action and file: the error text, or the
        /// message without the segments that repeat those fields.
        /// </summary>
        public static string Say(AuditEntry e)
        {
            if (e.Error.Length > 0) return e.Error;
            var kept = e.Message.Split(new[] { " | " }, StringSplitOptions.None)
                .Where(seg => !Repeats.Any(k => seg.StartsWith(k, StringComparison.Ordinal)));
            string text = string.Join(" | ", kept);
            int cut = text.IndexOf(" - User: ", StringComparison.Ordinal);
            if (cut < 0) cut = text.IndexOf(" for user: ", StringComparison.Ordinal);
            return (cut >= 0 ? text.Substring(0, cut) : text).Trim();
        }

        private static readonly string[] Repeats = { "User: ", "Computer: ", "PowerShell: ", "Python: ", "OS: ", "File: ", "Action: " };

        /// <summary>An error as a head line (time, status, user, script, action, file) and its text wrapped beneath.</summary>
        private static IEnumerable<string> ErrorLines(AuditEntry e, bool withUser)
        {
            var head = new StringBuilder();
            head.Append(Time(e.Timestamp)).Append("  ").Append(e.Status.PadRight(13));
            if (withUser) head.Append(' ').Append(e.User);
            head.Append(' ').Append(e.Script);
            if (e.Action.Length > 0 && !string.Equals(e.Action, e.Script, StringComparison.OrdinalIgnoreCase)) head.Append(" | ").Append(e.Action);
            if (e.File.Length > 0) head.Append(" | ").Append(Leaf(e.File));
            if (head.Length <= Width - 2) yield return head.ToString();
            else foreach (string l in Wrap(head.ToString(), Width - 2, "")) yield return l;
            foreach (string l in Wrap(Say(e), Width - 2, Indent)) yield return l;
        }

        internal static string Leaf(string path)
        {
            int i = path.LastIndexOfAny(new[] { '/', '\\' });
            return i >= 0 && i < path.Length - 1 ? path.Substring(i + 1) : path;
        }

        /// <summary>
        /// <paramref name="text"/> (line breaks become spaces) in lines of at most <paramref name="width"/> characters,
        /// broken at spaces; a word longer than a line is split. Lines after the first start with <paramref name="indent"/>;
        /// the first does too when <paramref name="indent"/> is the only prefix wanted.
        /// </summary>
        public static List<string> Wrap(string text, int width, string indent)
        {
            var lines = new List<string>();
            string[] words = text.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ')
                .Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            int room = Math.Max(10, width - indent.Length);
            var line = new StringBuilder();
            foreach (string w in words)
            {
                string word = w;
                while (word.Length > room)
                {
                    if (line.Length > 0) { lines.Add(indent + line); line.Clear(); }
                    lines.Add(indent + word.Substring(0, room));
                    word = word.Substring(room);
                }
                if (line.Length > 0 && line.Length + 1 + word.Length > room) { lines.Add(indent + line); line.Clear(); }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0) lines.Add(indent + line);
            return lines;
        }

        /// <summary>The error summary as a short report.</summary>
        public static string Summary(ErrorSummary s)
        {
            var sb = new StringBuilder();
            sb.AppendLine("RepricingPS error summary");
            Field(sb, "Generated", Time(s.GeneratedAt));
            Field(sb, "Window", Window(s.Since, s.Until, s.Days));
            Field(sb, "Entries read", $"{s.TotalEntries:N0} in {s.LogFiles.Count} file(s); malformed rows: {s.MalformedRows}");
            if (s.Incomplete) Field(sb, "INCOMPLETE", $"skipped {string.Join("; ", s.SkippedSources)}");
            Field(sb, "Errors", $"{s.ErrorCount:N0}");
            Field(sb, "Successes", $"{s.SuccessCount:N0}; latest: {(s.LatestSuccess == null ? "none" : Time(s.LatestSuccess.Timestamp) + " " + s.LatestSuccess.User + " " + s.LatestSuccess.Script)}");
            Field(sb, "Activity", $"{s.SessionCount:N0} session(s) started, {s.FileOperations:N0} file operation(s)");
            Section(sb, "Errors by status", s.ErrorsByStatus.Select(x => $"{x.Status,-14} {x.Count,8:N0}"));
            Section(sb, "Users with errors", s.UsersWithErrors.Select(x => $"{Fit(x.User, 40),-40} {x.Count,8:N0}"));
            Section(sb, "Scripts with most errors", s.TopScripts.Select(x => $"{Fit(x.Script, 40),-40} {x.Count,8:N0}"));
            Section(sb, "Most recent errors", s.MostRecentErrors.SelectMany(e => ErrorLines(e, withUser: true)));
            return sb.ToString();
        }

        /// <summary>The user report as the text a support person pastes into a ticket.</summary>
        public static string UserReport(UserSupportReport r)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"RepricingPS support report: {r.User}");
            Field(sb, "Generated", Time(r.GeneratedAt));
            Field(sb, "Window", Window(r.Since, null, r.Days));
            Field(sb, "Sessions", r.SessionCount.ToString(CultureInfo.InvariantCulture));
            Field(sb, "Errors", r.ErrorCount.ToString(CultureInfo.InvariantCulture));
            Field(sb, "Successes", r.SuccessCount.ToString(CultureInfo.InvariantCulture));
            Field(sb, "File operations", r.FileOperations.ToString(CultureInfo.InvariantCulture));
            Field(sb, "Computers", Join(r.Computers));
            Field(sb, "Operating system", Join(r.OperatingSystems));
            Field(sb, "Runtimes", Join(r.Runtimes));
            if (r.MalformedRows > 0) Field(sb, "Malformed rows", $"{r.MalformedRows} in the files read (Get-RepricingAuditLog -Verbose lists them)");
            if (r.Incomplete) Field(sb, "INCOMPLETE", $"skipped {string.Join("; ", r.SkippedSources)}");
            Section(sb, "Recommendations", r.Recommendations.SelectMany(x => Wrap(x, Width - 4, "").Select((l, i) => (i == 0 ? "- " : "  ") + l)));
            Section(sb, "Errors by status", r.ErrorsByStatus.Select(x => $"{x.Status,-14} {x.Count,8:N0}"));
            Section(sb, "Recent errors (newest first)", r.RecentErrors.SelectMany(e => ErrorLines(e, withUser: false)));
            Section(sb, "Error sources (scripts)", r.TopErrorScripts.Select(x => $"{Fit(x.Script, 40),-40} {x.Count,8:N0}"));
            Section(sb, "Most frequent files", r.TopFiles.SelectMany(x => Hang($"{x.Count,6:N0}  ", x.File)));
            Section(sb, "Recent sessions (newest first)", r.RecentSessions.Select(x => $"{Time(x.Start)} to {Time(x.End)}  {Fit(x.Computer, 16),-16} {x.Entries,5} entries {x.Errors,4} errors  {x.Outcome}"));
            Section(sb, "Timeline of the last sessions", r.Timeline.SelectMany(e => Hang($"{Time(e.Timestamp)}  {e.Status,-14} {Fit(e.Script, 22),-22} ", Say(e))));
            return sb.ToString();
        }

        /// <summary><paramref name="prefix"/> then <paramref name="text"/> wrapped in the room left, later lines under the text (a section line).</summary>
        private static IEnumerable<string> Hang(string prefix, string text)
        {
            List<string> lines = Wrap(text, Width - 2 - prefix.Length, "");
            if (lines.Count == 0) lines.Add("");
            yield return (prefix + lines[0]).TrimEnd();
            foreach (string l in lines.Skip(1)) yield return new string(' ', prefix.Length) + l;
        }

        private static void Field(StringBuilder sb, string name, string value)
        {
            List<string> lines = Wrap(value, Width - 18, "");
            if (lines.Count == 0) lines.Add("");
            sb.AppendLine($"{(name + ":"),-18}{lines[0]}");
            foreach (string l in lines.Skip(1)) sb.AppendLine(new string(' ', 18) + l);
        }

        private static string Fit(string s, int width) => s.Length <= width ? s : s.Substring(0, width - 3) + "...";

        internal static string Join(IEnumerable<string> values) => values.Any() ? string.Join(", ", values) : "(none seen)";

        private static void Section(StringBuilder sb, string title, IEnumerable<string> lines)
        {
            sb.AppendLine().AppendLine(title).AppendLine(new string('-', title.Length));
            bool any = false;
            foreach (string l in lines) { sb.AppendLine("  " + l); any = true; }
            if (!any) sb.AppendLine("  (none)");
        }

    }
}
