using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>The warnings every cmdlet that reads the log gives the same way: malformed rows, skipped sources, future-dated entries.</summary>
    internal static class AuditWarnings
    {
        private static readonly ConcurrentDictionary<string, bool> MalformedWarned = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>
        /// Damaged rows in old logs are a fact of the log, not news on every query: one warning per file per runspace (a
        /// console session), naming the file and its count; -Verbose lists each row on every query.
        /// </summary>
        internal static void WarnMalformed(Cmdlet cmdlet, ReadStats stats)
        {
            Guid runspace = System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;
            var fresh = stats.Problems.GroupBy(p => p.File, StringComparer.Ordinal)
                .Where(f => MalformedWarned.TryAdd(runspace + "|" + f.Key, true))
                .Select(f => (File: f.Key, Rows: f.Count())).ToList();
            if (fresh.Count == 0) return;
            string files = string.Join(", ", fresh.Take(5).Select(f => $"'{f.File}' ({f.Rows})")) + (fresh.Count > 5 ? $" and {fresh.Count - 5} more" : "");
            cmdlet.WriteWarning($"{fresh.Sum(f => f.Rows)} malformed row(s) could not be read in {fresh.Count} file(s): {files}. " +
                "-Verbose lists each row; Test-RepricingAuditLog checks a file. Said once per file in this session.");
        }

        /// <summary>One warning per folder or file that was skipped, naming it: the answer may be incomplete.</summary>
        internal static void WarnSkipped(Cmdlet cmdlet, ReadStats stats)
        {
            foreach (string skipped in stats.SkippedSources)
            {
                cmdlet.WriteWarning($"Skipped {skipped}. The answer may be incomplete; ask for read access or remove the item from the log folder.");
            }
        }

        /// <summary>The one warning about future-dated entries left out of a most-recent list.</summary>
        internal static void WarnFutureDated(Cmdlet cmdlet, IEnumerable<AuditEntry> entries, AuditQuery query)
        {
            string? warning = FutureDated.Warning(entries, query, DateTimeOffset.Now);
            if (warning != null) cmdlet.WriteWarning(warning);
        }
    }
}
