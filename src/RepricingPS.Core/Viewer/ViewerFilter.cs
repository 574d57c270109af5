using System;
using System.Collections.Generic;
using System.Globalization;
using RepricingPS.Core.Audit;

namespace RepricingPS.Core.Viewer
{
    /// <summary>
    /// What the page asks for (the URL query <c>user</c>, <c>status</c>, <c>q</c>, <c>days</c>), compiled once per request
    /// on top of the audit query's own row filter, so user and status match exactly as Get-RepricingAuditLog does.
    /// </summary>
    internal sealed class ViewerFilter
    {
        /// <summary>The status value that asks for the error set (ERROR and every *_ERROR).</summary>
        internal const string ErrorsOnly = "errors";

        private readonly RowFilter _rows;
        private readonly string? _text;

        private ViewerFilter(RowFilter rows, string? text, string user, string status, int days)
        {
            _rows = rows;
            _text = text;
            User = user;
            Status = status;
            Days = days;
        }

        internal string User { get; }
        internal string Status { get; }
        internal string? Text => _text;
        internal int Days { get; }
        internal DateTimeOffset Since => _rows.Since!.Value;

        /// <summary>Builds the filter from the query string; days is clamped to 1..maxDays (the window the server holds).</summary>
        internal static ViewerFilter From(IDictionary<string, string> query, int maxDays, DateTimeOffset now)
        {
            string user = Get(query, "user");
            string status = Get(query, "status");
            string text = Get(query, "q");
            int days = maxDays;
            if (int.TryParse(Get(query, "days"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int d) && d >= 1 && d < maxDays) days = d;
            var q = new AuditQuery
            {
                Since = AuditQuery.SinceDays(days, now),
                // A live "most recent" view: entries dated more than 24 hours ahead (a wrong clock) stay out of the list,
                // the counts and the chart alike (issue 8 item 3), instead of topping the list while the chart misses them.
                Until = now + FutureDated.Tolerance,
                Users = user.Length > 0 ? new[] { user } : Array.Empty<string>(),
                Statuses = status.Length > 0 && !string.Equals(status, ErrorsOnly, StringComparison.OrdinalIgnoreCase) ? new[] { status } : Array.Empty<string>(),
                ErrorsOnly = string.Equals(status, ErrorsOnly, StringComparison.OrdinalIgnoreCase),
                Match = text.Length > 0 ? text : null,
            };
            return new ViewerFilter(new RowFilter(q), q.Match, user, status, days);
        }

        private static string Get(IDictionary<string, string> query, string key) =>
            query.TryGetValue(key, out string? v) && v != null ? v.Trim() : "";

        /// <summary>Time window, user, status, then the search text over user, script, message, error and file.</summary>
        internal bool Matches(AuditEntry e) => _rows.PassTime(e.Timestamp) && _rows.PassUser(e.User) && _rows.PassScriptAndStatus(e.Script, e.Status) && MatchesText(e);

        /// <summary>Only the time window (for the list of users the page offers).</summary>
        internal bool InWindow(AuditEntry e) => _rows.PassTime(e.Timestamp);

        private bool MatchesText(AuditEntry e) =>
            _text == null
            || e.User.IndexOf(_text, StringComparison.OrdinalIgnoreCase) >= 0
            || e.Script.IndexOf(_text, StringComparison.OrdinalIgnoreCase) >= 0
            || _rows.PassMatch(e);
    }
}
