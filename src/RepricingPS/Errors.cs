using System.Management.Automation;
using RepricingPS.Core;

namespace RepricingPS
{
    /// <summary>The one place core exceptions become ErrorRecords: id, category and audit status come from the failure catalogue.</summary>
    internal static class Errors
    {
        internal static ErrorRecord From(RepricingException ex)
        {
            var record = new ErrorRecord(ex, ex.ErrorId, Category(ex.Failure.Kind), ex.Target);
            record.CategoryInfo.Reason = ex.Category;
            return record;
        }

        /// <summary>A parameter failure of the catalogue by its id (an id not in <see cref="Failures"/> is a bug).</summary>
        internal static ErrorRecord InvalidArgument(string id, string message, object? target) => From(Failures.ById(id).With(message, target));

        /// <summary>The PowerShell category of a <see cref="FailureKind"/>: the one of the same name.</summary>
        internal static ErrorCategory Category(FailureKind kind) => kind switch
        {
            FailureKind.InvalidArgument => ErrorCategory.InvalidArgument,
            FailureKind.InvalidData => ErrorCategory.InvalidData,
            FailureKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
            FailureKind.PermissionDenied => ErrorCategory.PermissionDenied,
            FailureKind.ResourceBusy => ErrorCategory.ResourceBusy,
            FailureKind.ResourceExists => ErrorCategory.ResourceExists,
            FailureKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            FailureKind.ReadError => ErrorCategory.ReadError,
            FailureKind.WriteError => ErrorCategory.WriteError,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
