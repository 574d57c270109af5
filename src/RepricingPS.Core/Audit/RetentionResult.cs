using System;
using System.Globalization;
using System.Linq;
using System.Collections.Generic;

namespace RepricingPS.Core.Audit
{
    /// <summary>What a retention run did: the files removed and the ones it refused, each refusal with why.</summary>
    public sealed class RetentionResult
    {
        /// <summary>Files removed.</summary>
        public List<RemovedLogFile> Removed { get; } = new List<RemovedLogFile>();
        /// <summary>Files not removed because they could not be proven safe to remove, or removing failed.</summary>
        public List<RepricingException> Refused { get; } = new List<RepricingException>();
    }

    /// <summary>What a retention run is about to remove, in words: one question for the whole set, one line per item for -Verbose.</summary>
    public static class RetentionPlan
    {
        /// <summary>The one question (or -WhatIf line) for the whole set: database days with their entries, or files with their bytes.</summary>
        public static string Question(IReadOnlyCollection<RemovedLogFile> expired, int olderThanDays) =>
            expired.Any(f => f.Entries > 0)
                ? FormattableString.Invariant($"Remove the audit entries of {expired.Count:N0} day(s) ({expired.Sum(f => (long)f.Entries):N0} entries) older than {olderThanDays} days")
                : FormattableString.Invariant($"Remove {expired.Count:N0} audit log file(s), {expired.Sum(f => f.Bytes):N0} bytes, older than {olderThanDays} days");

        /// <summary>One expired item: its file, kind, day and size (entries for a database day, else bytes).</summary>
        public static string Describe(RemovedLogFile f) =>
            // Invariant: a Thai or Japanese culture would otherwise print another calendar's year beside the ISO-looking date.
            FormattableString.Invariant($"Expired: {f.File} ({f.Kind}, {f.Day:yyyy-MM-dd}, {(f.Entries > 0 ? f.Entries.ToString("N0", CultureInfo.InvariantCulture) + " entries" : f.Bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes")})");
    }
}
