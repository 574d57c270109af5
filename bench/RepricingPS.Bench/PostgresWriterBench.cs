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
    /// <summary>The central store's writers (central-store.md §5): N processes, each committing one entry at a time.</summary>
    internal static class PostgresWriterBench
    {
        /// <summary>
        /// One writer process: connects and writes one warm-up entry, waits for the common start moment, then inserts entries one
        /// at a time (each committed before the next) for the given seconds and prints how many it committed.
        /// </summary>
        internal static int Writer(string connection, long startUtcTicks, double seconds)
        {
            var store = new PostgresAuditStore(PostgresTarget.Parse(connection));
            string user = "writer" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            AuditEntry Next(int i) => new AuditEntry
            {
                Timestamp = DateTimeOffset.Now, User = user, Computer = "BENCH-PC", Script = "worker", Status = "INFO",
                Message = "entry " + i, SessionId = "s", EntryId = Guid.NewGuid().ToString("N"), PSVersion = "7.6.9", OS = "Linux",
            };
            store.Insert(Next(-1));
            var start = new DateTime(startUtcTicks, DateTimeKind.Utc);
            TimeSpan wait = start - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) System.Threading.Thread.Sleep(wait);
            DateTime end = start.AddSeconds(seconds);
            int n = 0;
            while (DateTime.UtcNow < end) { store.Insert(Next(n)); n++; }
            Console.WriteLine(n.ToString(CultureInfo.InvariantCulture));
            return 0;
        }

        /// <summary>Writer processes started together after a warm-up: committed entries per second over a fixed window.</summary>
        internal static int Writers(string adminConnection, string database, string resultFile, int processes, int seconds)
        {
            PostgresTarget target = PostgresTarget.Parse(adminConnection).With(x => x.Database = database);
            long before = new PostgresAuditStore(target).Count(new AuditQuery());
            string self = typeof(PostgresWriterBench).Assembly.Location;
            string cs = new NpgsqlConnectionStringBuilder(adminConnection) { Database = database }.ConnectionString;
            long startTicks = DateTime.UtcNow.AddSeconds(8).Ticks; // after every process has started and warmed up
            var procs = Enumerable.Range(0, processes).Select(_ => Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList = { self, "pg-writer", cs, startTicks.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture) },
                RedirectStandardOutput = true,
            })!).ToList();
            long counted = 0;
            foreach (var p in procs) { counted += long.Parse(p.StandardOutput.ReadToEnd().Trim(), CultureInfo.InvariantCulture); p.WaitForExit(); }
            bool late = DateTime.UtcNow.Ticks < startTicks;
            long stored = new PostgresAuditStore(target).Count(new AuditQuery()) - before;
            string line = string.Format(CultureInfo.InvariantCulture,
                "  {0} writer processes, each inserting one entry per committed transaction for {1} s: {2:N0} entries/s together ({3:N0} committed in the window; {4:N0} stored = that + {0} warm-up, none lost or doubled: {5}) (target >= 2,000/s)",
                processes, seconds, counted / (double)seconds, counted, stored, stored == counted + processes && !late ? "yes" : "NO");
            File.AppendAllLines(resultFile, new[] { line });
            Console.WriteLine(line);
            return 0;
        }
    }
}
