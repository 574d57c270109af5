using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>Tab completion for status words.</summary>
    public sealed class StatusCompleter : IArgumentCompleter
    {
        private static readonly string[] All =
        {
            "INFO", "WARNING", "START", "END", "FILE_ACCESS", "PROCESS_START", "PROCESS_END", "SUPPORT_REPORT",
            "USER_ERROR", "FILE_ERROR", "DATA_ERROR", "SYSTEM_ERROR", "CONFIG_ERROR", "ERROR",
        };

        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string[] words = parameterName == "Category" ? AuditStatus.ErrorStatuses : All;
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            foreach (string w in words)
            {
                if (w.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) yield return new CompletionResult(w, w, CompletionResultType.ParameterValue, w);
            }
        }
    }
}
