using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Commands
{
    /// <summary>Tab completion of a sheet name from the workbook the command names (-Path, -LiteralPath or -Claims), read from its xl/workbook.xml.</summary>
    public sealed class SheetCompleter : IArgumentCompleter
    {
        private static readonly string[] PathParameters = { "Path", "LiteralPath", "Claims" };

        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            string? file = PathParameters.Where(fakeBoundParameters.Contains)
                .Select(p => fakeBoundParameters[p] is IEnumerable e && !(fakeBoundParameters[p] is string) ? e.Cast<object>().FirstOrDefault()?.ToString() : fakeBoundParameters[p]?.ToString())
                .FirstOrDefault(p => !string.IsNullOrEmpty(p));
            if (file == null) return Array.Empty<CompletionResult>();
            if (!Path.IsPathRooted(file))
            {
                string? here = CompletionLocation.Current();
                if (here == null) return Array.Empty<CompletionResult>();
                file = Path.Combine(here, file);
            }
            return WorkbookSheets.Names(file)
                .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(LogNameCompleter.Quote(n), n, CompletionResultType.ParameterValue, n))
                .ToList();
        }
    }
}
