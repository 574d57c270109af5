using System;
using System.Collections.Generic;

namespace RepricingPS.Core.Audit
{
    /// <summary>
    /// What a query cmdlet was asked (-User, -Days, -Since, -Until, -Match, -SessionId ...), turned into an
    /// <see cref="AuditQuery"/> by the window rules of audit-log.md §8 in one place.
    /// </summary>
    public sealed class AuditQueryRequest
    {
        /// <summary>User names: case-insensitive, exact unless a name holds wildcards.</summary>
        public IList<string>? Users { get; set; }
        /// <summary>Status words, wildcards allowed.</summary>
        public IList<string>? Statuses { get; set; }
        /// <summary>Script names, wildcards allowed.</summary>
        public IList<string>? Scripts { get; set; }
        /// <summary>The last N days, a rolling window ending now; 0 when not asked.</summary>
        public int Days { get; set; }
        /// <summary>Entries at or after this time (UTC stays UTC, any other kind is local wall-clock time).</summary>
        public DateTime? Since { get; set; }
        /// <summary>Entries at or before this time; midnight exactly means through the end of that day.</summary>
        public DateTime? Until { get; set; }
        /// <summary>A case-insensitive substring searched in Message, Error and File.</summary>
        public string? Match { get; set; }
        /// <summary>Session ids (exact).</summary>
        public IList<string>? SessionIds { get; set; }

        /// <summary>
        /// The query for these parameters at <paramref name="now"/>. Throws a USER_ERROR (DaysAndSince, EmptyWindow) when the
        /// window cannot be meant: -Days with -Since, or a start after the end.
        /// </summary>
        public AuditQuery ToQuery(DateTimeOffset now)
        {
            DateTime? until = Until.HasValue ? ThroughEndOfDay(Until.Value) : (DateTime?)null;
            if (Days > 0 && Since.HasValue)
            {
                throw Failures.DaysAndSince.With("Use either -Days or -Since, not both.", Days);
            }
            var q = new AuditQuery
            {
                Users = Users ?? Array.Empty<string>(),
                Statuses = Statuses ?? Array.Empty<string>(),
                Scripts = Scripts ?? Array.Empty<string>(),
                Match = Match,
                SessionIds = SessionIds ?? Array.Empty<string>(),
                Since = Since.HasValue ? AuditQuery.Bound(Since.Value) : (DateTimeOffset?)null,
                Until = until.HasValue ? AuditQuery.Bound(until.Value) : (DateTimeOffset?)null,
            };
            if (Days > 0) q.Since = AuditQuery.SinceDays(Days, now);
            if (q.Since.HasValue && q.Until.HasValue && q.Since > q.Until)
            {
                throw Failures.EmptyWindow.With($"-Since ({Since}) is after -Until ({until}).", Since);
            }
            return q;
        }

        /// <summary>
        /// -Until 2026-11-08 (midnight exactly) means through the end of that day, as a person reading it means: the last
        /// tick of the day, and for the last day of the calendar (9999-12-31) the last tick there is. Any other time stays.
        /// </summary>
        public static DateTime ThroughEndOfDay(DateTime until)
        {
            if (until.TimeOfDay != TimeSpan.Zero) return until;
            return until.Date == DateTime.MaxValue.Date ? DateTime.SpecifyKind(DateTime.MaxValue, until.Kind)
                : new DateTime(until.Date.AddDays(1).Ticks - 1, until.Kind);
        }
    }
}
