using System;

namespace RepricingPS.Core
{
    /// <summary>The error categories every RepricingPS failure falls into; they are also audit statuses.</summary>
    public static class ErrorCategories
    {
        /// <summary>The user gave something wrong: wrong file, missing column, invalid parameter value.</summary>
        public const string User = "USER_ERROR";
        /// <summary>A file could not be found, opened, read, written or locked.</summary>
        public const string File = "FILE_ERROR";
        /// <summary>The data broke a rule.</summary>
        public const string Data = "DATA_ERROR";
        /// <summary>Anything else: out of memory, a bug, an unexpected exception.</summary>
        public const string System = "SYSTEM_ERROR";
        /// <summary>The configuration (log path, settings file) is missing or invalid.</summary>
        public const string Config = "CONFIG_ERROR";
    }

    /// <summary>
    /// A failure RepricingPS understands: it carries the audit category (<see cref="ErrorCategories"/>),
    /// a stable error type code for the log, a stable id for the PowerShell ErrorRecord, and the object at fault.
    /// </summary>
    public sealed class RepricingException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public RepricingException(string category, string errorType, string errorId, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            Category = category;
            ErrorType = errorType;
            ErrorId = errorId;
            Target = target;
        }

        /// <summary>USER_ERROR, FILE_ERROR, DATA_ERROR, SYSTEM_ERROR or CONFIG_ERROR.</summary>
        public string Category { get; }

        /// <summary>A stable code for the log, such as FILE_NOT_FOUND.</summary>
        public string ErrorType { get; }

        /// <summary>A stable id for the ErrorRecord, such as FileNotFound.</summary>
        public string ErrorId { get; }

        /// <summary>The path, value or object at fault.</summary>
        public object? Target { get; }
    }
}
