using System;

namespace RepricingPS.Core.Audit
{
    /// <summary>The status words of the log (spec §3) and the rules that classify them.</summary>
    public static class AuditStatus
    {
        /// <summary>A session begins.</summary>
        public const string Start = "START";
        /// <summary>A session ends.</summary>
        public const string End = "END";
        /// <summary>A step finished.</summary>
        public const string Info = "INFO";
        /// <summary>Something the user should know that did not stop the work.</summary>
        public const string Warning = "WARNING";
        /// <summary>A file was read or created.</summary>
        public const string FileAccess = "FILE_ACCESS";
        /// <summary>A repricing run begins.</summary>
        public const string ProcessStart = "PROCESS_START";
        /// <summary>A repricing run completes.</summary>
        public const string ProcessEnd = "PROCESS_END";
        /// <summary>The most common legacy error status.</summary>
        public const string Error = "ERROR";
        /// <summary>A support report was generated.</summary>
        public const string SupportReport = "SUPPORT_REPORT";

        /// <summary>Every error status a query can ask for, in the order support staff read them.</summary>
        public static readonly string[] ErrorStatuses =
        {
            ErrorCategories.User, ErrorCategories.File, ErrorCategories.Data,
            ErrorCategories.System, ErrorCategories.Config, Error,
        };

        /// <summary>The error set: ERROR plus every status ending in _ERROR.</summary>
        public static bool IsError(string? status) => AuditEntry.IsErrorStatus(status);

        /// <summary>The start of the message of a PROCESS_END that finished its work.</summary>
        public const string SucceededOutcome = "Outcome: Succeeded";

        /// <summary>
        /// A success is a finished piece of work (spec §3): a PROCESS_END whose message starts "Outcome: Succeeded", or a
        /// legacy INFO entry. START, END and FILE_ACCESS are activity (sessions, file operations), not successes.
        /// </summary>
        public static bool IsSuccess(AuditEntry e) =>
            (string.Equals(e.Status, ProcessEnd, StringComparison.OrdinalIgnoreCase) && e.Message.StartsWith(SucceededOutcome, StringComparison.Ordinal))
            || (e.IsLegacy && string.Equals(e.Status, Info, StringComparison.OrdinalIgnoreCase));

        /// <summary>Checks that a status is one upper-case word (letters and underscores).</summary>
        public static bool IsWellFormed(string? status)
        {
            if (string.IsNullOrEmpty(status)) return false;
            foreach (char c in status!)
            {
                if (!((c >= 'A' && c <= 'Z') || c == '_')) return false;
            }
            return true;
        }
    }
}
