using System;

namespace RepricingPS
{
    /// <summary>A status and how many entries had it.</summary>
    public sealed class StatusCount
    {
        /// <summary>The status word.</summary>
        public string Status { get; set; } = "";
        /// <summary>How many.</summary>
        public int Count { get; set; }
        /// <inheritdoc/>
        public override string ToString() => $"{Status}: {Count}";
    }

    /// <summary>A user and how many errors they had.</summary>
    public sealed class UserCount
    {
        /// <summary>The user (users differing only in case are one).</summary>
        public string User { get; set; } = "";
        /// <summary>How many.</summary>
        public int Count { get; set; }
        /// <inheritdoc/>
        public override string ToString() => $"{User}: {Count}";
    }

    /// <summary>A script and how many errors it had.</summary>
    public sealed class ScriptCount
    {
        /// <summary>The script or component.</summary>
        public string Script { get; set; } = "";
        /// <summary>How many.</summary>
        public int Count { get; set; }
        /// <inheritdoc/>
        public override string ToString() => $"{Script}: {Count}";
    }

    /// <summary>A file and how many entries named it.</summary>
    public sealed class FileCount
    {
        /// <summary>The file.</summary>
        public string File { get; set; } = "";
        /// <summary>How many.</summary>
        public int Count { get; set; }
        /// <inheritdoc/>
        public override string ToString() => $"{File}: {Count}";
    }

    /// <summary>Errors of one status on one day, for the chart.</summary>
    public sealed class DayStatusCount
    {
        /// <summary>The day (local).</summary>
        public DateTime Day { get; set; }
        /// <summary>The status word.</summary>
        public string Status { get; set; } = "";
        /// <summary>How many.</summary>
        public int Count { get; set; }
        /// <inheritdoc/>
        public override string ToString() => $"{Day:yyyy-MM-dd} {Status}: {Count}";
    }

    /// <summary>Successes on one day, for the chart.</summary>
    public sealed class DayCount
    {
        /// <summary>The day (local).</summary>
        public DateTime Day { get; set; }
        /// <summary>How many.</summary>
        public int Count { get; set; }
        /// <inheritdoc/>
        public override string ToString() => $"{Day:yyyy-MM-dd}: {Count}";
    }

    /// <summary>One session of a user.</summary>
    public sealed class SessionInfo
    {
        /// <summary>The session id (legacy sessions get one derived from their START entry).</summary>
        public string SessionId { get; set; } = "";
        /// <summary>The first entry's time.</summary>
        public DateTimeOffset Start { get; set; }
        /// <summary>The last entry's time.</summary>
        public DateTimeOffset End { get; set; }
        /// <summary>The machine.</summary>
        public string Computer { get; set; } = "";
        /// <summary>Entries in the session.</summary>
        public int Entries { get; set; }
        /// <summary>Errors in the session.</summary>
        public int Errors { get; set; }
        /// <summary>Ended (END seen), Open, or Failed (errors and no END).</summary>
        public string Outcome { get; set; } = "";
        /// <inheritdoc/>
        public override string ToString() => $"{Start:yyyy-MM-dd HH:mm} {Computer} {Entries} entries, {Errors} errors, {Outcome}";
    }

    /// <summary>The all-users error summary (spec §9).</summary>
    public sealed class ErrorSummary
    {
        /// <summary>When the summary was made.</summary>
        public DateTimeOffset GeneratedAt { get; set; }
        /// <summary>The window in days (0 when an explicit -Since was given).</summary>
        public int Days { get; set; }
        /// <summary>Start of the window.</summary>
        public DateTimeOffset? Since { get; set; }
        /// <summary>End of the window.</summary>
        public DateTimeOffset? Until { get; set; }
        /// <summary>Entries read in the window.</summary>
        public long TotalEntries { get; set; }
        /// <summary>Malformed rows found in the files read.</summary>
        public int MalformedRows { get; set; }
        /// <summary>Errors (ERROR and *_ERROR) in the window.</summary>
        public int ErrorCount { get; set; }
        /// <summary>Errors per status, most first.</summary>
        public ItemList<StatusCount> ErrorsByStatus { get; set; } = ItemList<StatusCount>.NoItems;
        /// <summary>Users with errors, most first; users differing only in case are one.</summary>
        public ItemList<UserCount> UsersWithErrors { get; set; } = ItemList<UserCount>.NoItems;
        /// <summary>The scripts with most errors.</summary>
        public ItemList<ScriptCount> TopScripts { get; set; } = ItemList<ScriptCount>.NoItems;
        /// <summary>The most recent errors, newest first.</summary>
        public ItemList<AuditEntry> MostRecentErrors { get; set; } = ItemList<AuditEntry>.NoItems;
        /// <summary>Successes in the window: PROCESS_END with "Outcome: Succeeded", and legacy INFO (spec §3).</summary>
        public int SuccessCount { get; set; }
        /// <summary>The latest success.</summary>
        public AuditEntry? LatestSuccess { get; set; }
        /// <summary>Sessions started in the window (START entries).</summary>
        public int SessionCount { get; set; }
        /// <summary>File operations in the window (FILE_ACCESS entries).</summary>
        public int FileOperations { get; set; }
        /// <summary>The files read.</summary>
        public ItemList<string> LogFiles { get; set; } = ItemList<string>.NoItems;
        /// <summary>True when folders or files were skipped (no permission, a link, not a regular file): counts may be too low.</summary>
        public bool Incomplete { get; set; }
        /// <summary>What was skipped, each with why.</summary>
        public ItemList<string> SkippedSources { get; set; } = ItemList<string>.NoItems;

        /// <summary>The summary as a short report.</summary>
        public override string ToString() => SupportReportText.Summary(this);

        /// <summary>What the view shows: the report text (see ViewText; hidden from Export-Csv, Get-Member and ConvertTo-Json).</summary>
        [Hidden, JsonIgnore]
        public string DisplayText => ToString();
    }

    /// <summary>One user's support report (spec §9).</summary>
    public sealed class UserSupportReport
    {
        /// <summary>The user.</summary>
        public string User { get; set; } = "";
        /// <summary>When the report was made.</summary>
        public DateTimeOffset GeneratedAt { get; set; }
        /// <summary>The window in days.</summary>
        public int Days { get; set; }
        /// <summary>Start of the window.</summary>
        public DateTimeOffset? Since { get; set; }
        /// <summary>Sessions in the window.</summary>
        public int SessionCount { get; set; }
        /// <summary>The 5 most recent sessions, newest first.</summary>
        public ItemList<SessionInfo> RecentSessions { get; set; } = ItemList<SessionInfo>.NoItems;
        /// <summary>Errors in the window.</summary>
        public int ErrorCount { get; set; }
        /// <summary>Errors per status.</summary>
        public ItemList<StatusCount> ErrorsByStatus { get; set; } = ItemList<StatusCount>.NoItems;
        /// <summary>The 10 most recent errors, newest first.</summary>
        public ItemList<AuditEntry> RecentErrors { get; set; } = ItemList<AuditEntry>.NoItems;
        /// <summary>The 5 scripts with most errors.</summary>
        public ItemList<ScriptCount> TopErrorScripts { get; set; } = ItemList<ScriptCount>.NoItems;
        /// <summary>The 5 most frequent files.</summary>
        public ItemList<FileCount> TopFiles { get; set; } = ItemList<FileCount>.NoItems;
        /// <summary>Computers seen.</summary>
        public ItemList<string> Computers { get; set; } = ItemList<string>.NoItems;
        /// <summary>Operating systems seen.</summary>
        public ItemList<string> OperatingSystems { get; set; } = ItemList<string>.NoItems;
        /// <summary>Runtime versions seen.</summary>
        public ItemList<string> Runtimes { get; set; } = ItemList<string>.NoItems;
        /// <summary>The entries of the last sessions, oldest first (at most 50).</summary>
        public ItemList<AuditEntry> Timeline { get; set; } = ItemList<AuditEntry>.NoItems;
        /// <summary>Errors per day and status, for the chart.</summary>
        public ItemList<DayStatusCount> ErrorsPerDay { get; set; } = ItemList<DayStatusCount>.NoItems;
        /// <summary>Successes in the window: PROCESS_END with "Outcome: Succeeded", and legacy INFO (spec §3).</summary>
        public int SuccessCount { get; set; }
        /// <summary>Successes per day, for the chart.</summary>
        public ItemList<DayCount> SuccessesPerDay { get; set; } = ItemList<DayCount>.NoItems;
        /// <summary>File operations in the window (FILE_ACCESS entries).</summary>
        public int FileOperations { get; set; }
        /// <summary>What to check, by rule, for the errors seen.</summary>
        public ItemList<string> Recommendations { get; set; } = ItemList<string>.NoItems;
        /// <summary>Malformed rows found in the files read.</summary>
        public int MalformedRows { get; set; }
        /// <summary>True when folders or files were skipped (no permission, a link, not a regular file): counts may be too low.</summary>
        public bool Incomplete { get; set; }
        /// <summary>What was skipped, each with why.</summary>
        public ItemList<string> SkippedSources { get; set; } = ItemList<string>.NoItems;

        /// <summary>The report as text to paste into a ticket.</summary>
        public override string ToString() => SupportReportText.UserReport(this);

        /// <summary>What the view shows: the report text (see ViewText; hidden from Export-Csv, Get-Member and ConvertTo-Json).</summary>
        [Hidden, JsonIgnore]
        public string DisplayText => ToString();
    }
}
