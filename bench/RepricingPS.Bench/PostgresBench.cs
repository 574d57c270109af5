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
    /// The central store's queries at scale (central-store.md §5): a database of N entries over 365 days from 500 users, made
    /// with binary COPY, and the support queries through Core warm. The writers and the copy are benchmarks of their own
    /// (PostgresWriterBench, PostgresCopyBench).
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
    }
}
