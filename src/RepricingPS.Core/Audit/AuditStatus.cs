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
        public static bool IsError(string? status) =>
            status != null && (string.Equals(status, Error, StringComparison.OrdinalIgnoreCase)
                               || status.EndsWith("_ERROR", StringComparison.OrdinalIgnoreCase));

        /// <summary>A success is any entry that is neither an error nor a WARNING.</summary>
        public static bool IsSuccess(string? status) =>
            !IsError(status) && !string.Equals(status, Warning, StringComparison.OrdinalIgnoreCase);

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
