using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// Tab completion of -User, -Script and -SessionId from the names seen in the log's recent partitions (the command's
    /// -LogPath, else the configured root). Bounded reads; a root that cannot be read completes nothing.
    /// </summary>
    public sealed class LogNameCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? "").Trim('\'', '"');
            string? root = Root(fakeBoundParameters);
            if (root == null) return Array.Empty<CompletionResult>();
            DateTime today = DateTime.Today;
            if (parameterName == "SessionId")
            {
                return AuditNames.Sessions(root, today)
                    .Where(s => s.SessionId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    .Select(s => new CompletionResult(Quote(s.SessionId), $"{s.SessionId}  {s.Start:MM-dd HH:mm} {s.User} {s.Script}", CompletionResultType.ParameterValue,
                        $"{s.User}, {s.Script}, started {s.Start:yyyy-MM-dd HH:mm:ss}"))
                    .ToList();
            }
            IReadOnlyList<string> names = parameterName == "Script" ? AuditNames.Scripts(root, today) : AuditNames.Users(root, today);
            return names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n))
                .ToList();
        }

        /// <summary>
        /// A value as a literal argument: bare only when it is plainly safe (letters, digits, - _ . \ /, not starting with -),
        /// otherwise single-quoted with every kind of single quote PowerShell knows (' ‘ ’ ‚ ‛) doubled, so a name planted in the
        /// log or a workbook can never end the string and run as code when the line is accepted.
        /// </summary>
        internal static string Quote(string s)
        {
            bool plain = s.Length > 0 && s[0] != '-' && s.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '\\' || c == '/');
            return plain ? s : "'" + CodeGeneration.EscapeSingleQuotedStringContent(s) + "'";
        }

        private static string? Root(IDictionary bound)
        {
            try
            {
                string? logPath = bound.Contains("LogPath") ? bound["LogPath"]?.ToString() : null;
                if (!string.IsNullOrEmpty(logPath) && !Path.IsPathRooted(logPath))
                {
                    string? here = CompletionLocation.Current();
                    if (here != null) logPath = Path.Combine(here, logPath);
                }
                string root = new AuditPaths(AuditEnvironment.Current).Resolve(string.IsNullOrEmpty(logPath) ? null : logPath).Root;
                return Directory.Exists(root) ? root : null;
            }
            catch (Exception ex) when (ex is RepricingPS.Core.RepricingException || ex is IOException || ex is ArgumentException || ex is PSInvalidOperationException)
            {
                return null;
            }
        }
    }
}
