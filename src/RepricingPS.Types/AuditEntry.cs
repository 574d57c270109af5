using System;
using System.Globalization;

namespace RepricingPS
{
    /// <summary>One entry of the audit log (spec §2): flat, typed properties, so it pipes into Export-Csv and Group-Object.</summary>
    public sealed class AuditEntry
    {
        /// <summary>When it happened, with the writer's UTC offset.</summary>
        public DateTimeOffset Timestamp { get; set; }
        /// <summary>The OS account that wrote it.</summary>
        public string User { get; set; } = "";
        /// <summary>The machine that wrote it.</summary>
        public string Computer { get; set; } = "";
        /// <summary>The component: a cmdlet name or a legacy script name.</summary>
        public string Script { get; set; } = "";
        /// <summary>One upper-case status word (START, INFO, FILE_ERROR, ...).</summary>
        public string Status { get; set; } = "";
        /// <summary>The human-readable text, in the legacy shape when structured fields exist.</summary>
        public string Message { get; set; } = "";
        /// <summary>What the user was trying to do.</summary>
        public string Action { get; set; } = "";
        /// <summary>The file involved.</summary>
        public string File { get; set; } = "";
        /// <summary>A stable error code such as FILE_NOT_FOUND.</summary>
        public string ErrorType { get; set; } = "";
        /// <summary>The error text.</summary>
        public string Error { get; set; } = "";
        /// <summary>Stack trace or other long detail.</summary>
        public string Details { get; set; } = "";
        /// <summary>Ties together the entries of one session.</summary>
        public string SessionId { get; set; } = "";
        /// <summary>Unique id of this entry; readers de-duplicate on it.</summary>
        public string EntryId { get; set; } = "";
        /// <summary>Runtime of the writer (PowerShell or, for legacy rows, Python version).</summary>
        public string PSVersion { get; set; } = "";
        /// <summary>Operating system of the writer.</summary>
        public string OS { get; set; } = "";
        /// <summary>Where the reader found it: file path and line number.</summary>
        public string Source { get; set; } = "";
        /// <summary>Whether the entry came from a file written by the earlier Python program.</summary>
        public bool IsLegacy { get; set; }
        /// <summary>True when Status is ERROR or ends in _ERROR.</summary>
        public bool IsError => IsErrorStatus(Status);

        /// <summary>True for ERROR and any status ending in _ERROR (spec §3), in any case.</summary>
        public static bool IsErrorStatus(string? status) =>
            status != null && (string.Equals(status, "ERROR", StringComparison.OrdinalIgnoreCase)
                               || status.EndsWith("_ERROR", StringComparison.OrdinalIgnoreCase));

        // What the views show (module/RepricingPS.format.ps1xml), computed here instead of in view script blocks (issue 15,
        // see ViewText). [Hidden] keeps them out of Export-Csv, Format-List *, Select-Object * and Get-Member (without
        // -Force), [JsonIgnore] out of ConvertTo-Json; a view still reads them by name.

        /// <summary>The table's Time column: month, day and time.</summary>
        [Hidden, JsonIgnore]
        public string DisplayTime => Timestamp.ToString("MM-dd HH:mm:ss", CultureInfo.CurrentCulture);

        /// <summary>The table's User column: cut at 10 characters with an ellipsis.</summary>
        [Hidden, JsonIgnore]
        public string? DisplayUser => ViewText.Cut(User, 10);

        /// <summary>The table's Status column: coloured where the host renders ANSI (see ViewText.StatusColumn).</summary>
        [Hidden, JsonIgnore]
        public string DisplayStatus => ViewText.StatusColumn(Status, IsError);

        /// <summary>The table's Action column: the action, or the script when there is none, cut at 14 characters.</summary>
        [Hidden, JsonIgnore]
        public string? DisplayAction => ViewText.Cut(string.IsNullOrEmpty(Action) ? Script : Action, 14);

        /// <summary>The table's last column: [file leaf] and the error, or the message without what other columns show.</summary>
        [Hidden, JsonIgnore]
        public string DisplayText => ViewText.MessageColumn(Error, Message, File);

        /// <summary>The Detail view's Timestamp: to the millisecond, with the UTC offset.</summary>
        [Hidden, JsonIgnore]
        public string DisplayTimestamp => Timestamp.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.CurrentCulture);

        /// <summary>A short one-line form for logs and verbose output.</summary>
        public override string ToString() => $"{Timestamp:yyyy-MM-dd HH:mm:ss} {Status} {User} {Script}: {Message}";
    }
}
