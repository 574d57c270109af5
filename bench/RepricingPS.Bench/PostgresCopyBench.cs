using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Npgsql;
using NpgsqlTypes;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Audit.Postgres;

namespace RepricingPS.Bench
{
    /// <summary>Copy-RepricingAuditLog at scale (central-store.md §5): a legacy log copied into an empty database, then again.</summary>
    internal static class PostgresCopyBench
    {
        /// <summary>Copy-RepricingAuditLog's core: a legacy root into an empty database.</summary>
        internal static int Copy(string adminConnection, string database, string legacyRoot, string resultFile)
        {
            PostgresTarget target = PostgresBench.CreateDatabase(adminConnection, database);
            AuditLocation source = TestAccess.Location(legacyRoot, legacyRoot + "-spool");
            var watch = Stopwatch.StartNew();
            AuditCopyResult r = PostgresCopy.Copy(source, target, null, System.Threading.CancellationToken.None);
            double first = watch.Elapsed.TotalSeconds;
            watch.Restart();
            AuditCopyResult again = PostgresCopy.Copy(source, target, null, System.Threading.CancellationToken.None);
            string line = string.Format(CultureInfo.InvariantCulture,
                "  Copy of a legacy log: {0:N0} rows read, {1:N0} copied, {2} malformed in {3:F1} s (target < 60 s for 1,000,000); second run {4:N0} copied, {5:N0} already present in {6:F1} s",
                r.Read, r.Copied, r.MalformedRows, first, again.Copied, again.AlreadyPresent, watch.Elapsed.TotalSeconds);
            File.AppendAllLines(resultFile, new[] { line });
            Console.WriteLine(line);
            return 0;
        }
    }
}
