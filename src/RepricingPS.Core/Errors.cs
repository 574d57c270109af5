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
    /// A failure RepricingPS understands: one of the catalogue's <see cref="Failures"/> (its audit category, the stable
    /// error type code for the log, the stable id for the PowerShell ErrorRecord) with its message and the object at fault.
    /// Thrown as <c>throw Failures.FileNotFound.With(message, path)</c>; there is no other way to make one.
    /// </summary>
    public sealed class RepricingException : Exception
    {
        internal RepricingException(Failure failure, string message, object? target, Exception? inner)
            : base(message, inner)
        {
            Failure = failure;
            Target = target;
        }

        /// <summary>The catalogue entry this failure is.</summary>
        public Failure Failure { get; }

        /// <summary>USER_ERROR, FILE_ERROR, DATA_ERROR, SYSTEM_ERROR or CONFIG_ERROR.</summary>
        public string Category => Failure.Status;

        /// <summary>A stable code for the log, such as FILE_NOT_FOUND.</summary>
        public string ErrorType => Failure.ErrorType;

        /// <summary>A stable id for the ErrorRecord, such as FileNotFound.</summary>
        public string ErrorId => Failure.Id;

        /// <summary>The path, value or object at fault.</summary>
        public object? Target { get; }
    }
}
