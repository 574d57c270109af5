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
    /// <summary>
    /// The central store at scale (central-store.md §5): a database of N entries over 365 days from 500 users, made with
    /// binary COPY; the support queries through Core warm; 8 writer processes; a legacy log copied in.
    /// </summary>
    internal static class PostgresBench
    {
        private static readonly string[] Statuses = { "INFO", "INFO", "INFO", "INFO", "FILE_ACCESS", "START", "END", "PROCESS_END", "WARNING", "INFO" };
        private static readonly string[] ErrorStatuses = { "ERROR", "FILE_ERROR", "USER_ERROR", "DATA_ERROR", "SYSTEM_ERROR", "CONFIG_ERROR" };
        private static readonly string[] Scripts = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? $"Script{i:00}.py" : $"Invoke-Step{i:00}").ToArray();

        internal static string User(int i) => "user" + i.ToString("000", CultureInfo.InvariantCulture);

        /// <summary>A database for the benchmark (dropped first when it exists), initialised; returns its connection string.</summary>
        internal static PostgresTarget CreateDatabase(string adminConnection, string name)
        {
            var b = new NpgsqlConnectionStringBuilder(adminConnection) { Database = "postgres", Pooling = false };
            using (var c = new NpgsqlConnection(b.ConnectionString))
            {
                c.Open();
                using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c)) drop.ExecuteNonQuery();
                using var create = new NpgsqlCommand($"CREATE DATABASE {name}", c);
                create.ExecuteNonQuery();
            }
            PostgresTarget target = PostgresTarget.Parse(adminConnection).With(x => x.Database = name);
            PostgresSchema.Initialize(target, apply: true);
            return target;
        }

        /// <summary>N entries, 10% errors, over the 365 days before now, 500 users, written with binary COPY in 1,000,000-row transactions.</summary>
        internal static int Generate(string adminConnection, string database, long rows, string resultFile)
        {
            PostgresTarget target = CreateDatabase(adminConnection, database);
            var watch = Stopwatch.StartNew();
            // Bulk-load practice: the secondary indexes and the unique constraint are dropped during the COPY and rebuilt
            // from their own definitions afterwards (the schema's, read back from the catalogue).
            var rebuild = new List<string>();
            using (NpgsqlConnection c = target.DataSource.OpenConnection())
            {
                using (var q = new NpgsqlCommand("SELECT 'ALTER TABLE repricing.audit_entry ADD CONSTRAINT ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'repricing.audit_entry'::regclass AND contype = 'u' " +
                    "UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'repricing' AND tablename = 'audit_entry' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'repricing.audit_entry'::regclass)", c))
                using (NpgsqlDataReader r = q.ExecuteReader()) while (r.Read()) rebuild.Add(r.GetString(0));
                using var drop = new NpgsqlCommand("ALTER TABLE repricing.audit_entry DROP CONSTRAINT audit_entry_entry_id_key; DROP INDEX repricing.audit_entry_ts, repricing.audit_entry_user_ts, repricing.audit_entry_errors_ts", c);
                drop.ExecuteNonQuery();
            }
            var rnd = new Random(11);
            DateTimeOffset now = DateTimeOffset.Now;
            long spanMs = 365L * 24 * 3600 * 1000;
            const long chunk = 1_000_000;
            for (long done = 0; done < rows; done += chunk)
            {
                long n = Math.Min(chunk, rows - done);
                var batch = new List<AuditEntry>((int)n);
                // Entries arrive in time order in a real log (each is written when it happens), so each chunk covers its own
                // stretch of the year, oldest chunk first, sorted by time.
                double from = (double)done / rows, to = (double)(done + n) / rows;
                for (long i = 0; i < n; i++)
                {
                    bool error = rnd.Next(10) == 0;
                    batch.Add(new AuditEntry
                    {
                        Timestamp = now.AddMilliseconds(-(long)((1 - (from + rnd.NextDouble() * (to - from))) * spanMs)),
                        User = User(rnd.Next(500)), Computer = "PC" + rnd.Next(300).ToString(CultureInfo.InvariantCulture),
                        Script = Scripts[rnd.Next(Scripts.Length)],
                        Status = error ? ErrorStatuses[rnd.Next(ErrorStatuses.Length)] : Statuses[rnd.Next(Statuses.Length)],
                        Message = error ? "USER ERROR - FILE_NOT_FOUND | Action: Import File | File: C:\\data\\claims.xlsx | Error: Could not find file" : "Merged 120,412 rows",
                        Action = "Import File", File = error ? "C:\\data\\claims.xlsx" : "", ErrorType = error ? "FILE_NOT_FOUND" : "",
                        Error = error ? "Could not find file" : "", SessionId = Guid.NewGuid().ToString("N"), EntryId = Guid.NewGuid().ToString("N"),
                        PSVersion = "7.6.9", OS = "Windows 11",
                    });
                }
                batch.Sort((x, y) => x.Timestamp.CompareTo(y.Timestamp));
                using NpgsqlConnection c = target.DataSource.OpenConnection();
                using NpgsqlTransaction tx = c.BeginTransaction();
                PostgresRow.CopyIn(c, PostgresSchema.Table, batch);
                tx.Commit();
                Console.WriteLine($"  generated {done + n:N0} rows, {watch.Elapsed.TotalSeconds:F0} s");
            }
            double copySeconds = watch.Elapsed.TotalSeconds;
            using (NpgsqlConnection c = target.DataSource.OpenConnection())
            {
                foreach (string ddl in rebuild)
                {
                    using var cmd = new NpgsqlCommand(ddl, c) { CommandTimeout = 0 };
                    cmd.ExecuteNonQuery();
                }
                using var analyze = new NpgsqlCommand("VACUUM ANALYZE " + PostgresSchema.Table, c) { CommandTimeout = 0 };
                analyze.ExecuteNonQuery();
            }
            string line = string.Format(CultureInfo.InvariantCulture,
                "PostgreSQL store: generated {0:N0} entries over 365 days from 500 users (in time order, as a log is written) with binary COPY in {1:F0} s, then rebuilt {2} indexes and analysed: {3:F0} s in all",
                rows, copySeconds, rebuild.Count, watch.Elapsed.TotalSeconds);
            File.AppendAllLines(resultFile, new[] { line });
            Console.WriteLine(line);
            return 0;
        }

        /// <summary>The two support queries through Core, warm: median of 5 after one cold run.</summary>
        internal static int Queries(string adminConnection, string database, string resultFile)
        {
            PostgresTarget target = PostgresTarget.Parse(adminConnection).With(x => x.Database = database);
            var store = new PostgresAuditStore(target);
            var lines = new List<string>();
            double Median(Func<int> run, out int answer)
            {
                answer = run();
                var t = new List<double>();
                for (int i = 0; i < 5; i++)
                {
                    var w = Stopwatch.StartNew();
                    answer = run();
                    t.Add(w.Elapsed.TotalSeconds);
                }
                t.Sort();
                return t[2];
            }
            double err = Median(() => store.Query(new AuditQuery { Users = new[] { "USER042" }, Since = DateTimeOffset.Now.AddDays(-7), ErrorsOnly = true }, new ReadStats()).Count, out int errors);
            double sum = Median(() => PostgresSummary.Summarize(store, new AuditQuery { Since = DateTimeOffset.Now.AddDays(-7) }, new ReadStats(), 7, 5, DateTimeOffset.Now).ErrorCount, out int summaryErrors);
            lines.Add(string.Format(CultureInfo.InvariantCulture, "  Core: errors of one user, 7 days (Get-RepricingError -User X -Days 7): {0:F4} s warm median of 5, {1} entries (target < 0.1 s)", err, errors));
            lines.Add(string.Format(CultureInfo.InvariantCulture, "  Core: error summary, 7 days (Get-RepricingErrorSummary -Days 7): {0:F4} s warm median of 5, {1:N0} errors counted (target < 1 s)", sum, summaryErrors));
            File.AppendAllLines(resultFile, lines);
            foreach (string l in lines) Console.WriteLine(l);
            return 0;
        }

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
            string self = typeof(PostgresBench).Assembly.Location;
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

        /// <summary>Copy-RepricingAuditLog's core: a legacy root into an empty database.</summary>
        internal static int Copy(string adminConnection, string database, string legacyRoot, string resultFile)
        {
            PostgresTarget target = CreateDatabase(adminConnection, database);
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
