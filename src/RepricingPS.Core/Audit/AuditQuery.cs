using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Audit
{
    /// <summary>What a query asks for (spec §8). Empty lists mean "any".</summary>
    public sealed class AuditQuery
    {
        /// <summary>Entries at or after this moment.</summary>
        public DateTimeOffset? Since { get; set; }
        /// <summary>Entries at or before this moment.</summary>
        public DateTimeOffset? Until { get; set; }
        /// <summary>User names: case-insensitive, exact unless a pattern holds * ? or [ ].</summary>
        public IList<string> Users { get; set; } = new List<string>();
        /// <summary>Status words, wildcards allowed.</summary>
        public IList<string> Statuses { get; set; } = new List<string>();
        /// <summary>Script names, wildcards allowed.</summary>
        public IList<string> Scripts { get; set; } = new List<string>();
        /// <summary>Case-insensitive substring searched in Message, Error and File.</summary>
        public string? Match { get; set; }
        /// <summary>Only the error set (ERROR and *_ERROR).</summary>
        public bool ErrorsOnly { get; set; }
        /// <summary>Session ids (exact): only the entries of these sessions.</summary>
        public IList<string> SessionIds { get; set; } = new List<string>();

        /// <summary>The same filters over another time window.</summary>
        internal AuditQuery Between(DateTimeOffset? since, DateTimeOffset? until) => new AuditQuery
        {
            Since = since, Until = until, Users = Users, Statuses = Statuses, Scripts = Scripts, Match = Match, ErrorsOnly = ErrorsOnly, SessionIds = SessionIds,
        };

        /// <summary>The rolling window "the last N days" ending now.</summary>
        public static DateTimeOffset SinceDays(int days, DateTimeOffset now) =>
            now.UtcDateTime.Ticks - DateTime.MinValue.Ticks > TimeSpan.FromDays(days).Ticks ? now.AddDays(-days) : DateTimeOffset.MinValue;

        /// <summary>
        /// A -Since/-Until value as a moment: UTC stays UTC, any other is local wall-clock time. A bound at the ends of
        /// the calendar that no offset can place (-Since 0001-01-01 east of UTC) becomes the earliest or latest moment.
        /// </summary>
        public static DateTimeOffset Bound(DateTime value)
        {
            if (value.Kind == DateTimeKind.Utc) return new DateTimeOffset(value);
            if (StoreFormat.TryFromLocal(value, TimeZoneInfo.Local, out DateTimeOffset local)) return local;
            return value.Year == 1 ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue;
        }
    }

    /// <summary>A compiled, case-insensitive set of names and wildcard patterns.</summary>
    internal sealed class NameMatcher
    {
        private readonly HashSet<string> _exact = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<Regex> _patterns = new List<Regex>();

        private NameMatcher() { }

        internal static NameMatcher? Create(IList<string>? names)
        {
            if (names == null || names.Count == 0) return null;
            var m = new NameMatcher();
            foreach (string raw in names)
            {
                if (string.IsNullOrWhiteSpace(raw)) continue;
                string n = raw.Trim();
                if (HasWildcard(n)) m._patterns.Add(WildcardToRegex(n));
                else m._exact.Add(n);
            }
            return m;
        }

        private static readonly char[] WildcardChars = { '*', '?', '[' };

        internal static bool HasWildcard(string s) => s.IndexOfAny(WildcardChars) >= 0;

        internal bool IsMatch(string value)
        {
            if (_exact.Contains(value)) return true;
            foreach (Regex r in _patterns)
            {
                if (r.IsMatch(value)) return true;
            }
            return false;
        }

        /// <summary>PowerShell wildcard semantics: * any run, ? one character, [abc] and [a-z] a set, ` escapes.</summary>
        internal static Regex WildcardToRegex(string pattern)
        {
            var sb = new StringBuilder("^");
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                switch (c)
                {
                    case '*': sb.Append(".*"); break;
                    case '?': sb.Append('.'); break;
                    case '`':
                        if (i + 1 < pattern.Length) sb.Append(Regex.Escape(pattern[++i].ToString()));
                        break;
                    case '[':
                        int close = pattern.IndexOf(']', i + 1);
                        if (close < 0) { sb.Append(@"\["); break; }
                        sb.Append('[').Append(pattern.Substring(i + 1, close - i - 1).Replace(@"\", @"\\")).Append(']');
                        i = close;
                        break;
                    default: sb.Append(Regex.Escape(c.ToString())); break;
                }
            }
            sb.Append('$');
            return new Regex(sb.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }
    }

    /// <summary>The query compiled for the hot loop: cheap checks on raw fields first, the substring search last.</summary>
    internal sealed class RowFilter
    {
        private readonly NameMatcher? _users;
        private readonly NameMatcher? _statuses;
        private readonly NameMatcher? _scripts;
        private readonly string? _match;
        private readonly bool _errorsOnly;
        private readonly HashSet<string>? _sessions;

        internal RowFilter(AuditQuery q, TimeZoneInfo? zone = null)
        {
            Zone = zone ?? TimeZoneInfo.Local;
            Since = q.Since;
            Until = q.Until;
            _users = NameMatcher.Create(q.Users);
            _statuses = NameMatcher.Create(q.Statuses);
            _scripts = NameMatcher.Create(q.Scripts);
            _match = string.IsNullOrEmpty(q.Match) ? null : q.Match;
            _errorsOnly = q.ErrorsOnly;
            _sessions = q.SessionIds.Count == 0 ? null : new HashSet<string>(q.SessionIds, StringComparer.Ordinal);
        }

        internal DateTimeOffset? Since { get; }
        internal DateTimeOffset? Until { get; }
        /// <summary>The zone legacy wall-clock timestamps are read in: the reader's local zone (injectable for tests).</summary>
        internal TimeZoneInfo Zone { get; }

        internal bool PassTime(DateTimeOffset ts) =>
            (!Since.HasValue || ts >= Since.Value) && (!Until.HasValue || ts <= Until.Value);

        internal bool PassUser(string user) => _users == null || _users.IsMatch(user);

        internal bool PassScriptAndStatus(string script, string status) =>
            (_scripts == null || _scripts.IsMatch(script))
            && (_statuses == null || _statuses.IsMatch(status))
            && (!_errorsOnly || AuditStatus.IsError(status));

        internal bool PassMatch(AuditEntry e) =>
            (_sessions == null || _sessions.Contains(e.SessionId))
            && (_match == null
            || e.Message.IndexOf(_match, StringComparison.OrdinalIgnoreCase) >= 0
            || e.Error.IndexOf(_match, StringComparison.OrdinalIgnoreCase) >= 0
            || e.File.IndexOf(_match, StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
