using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Npgsql;
using RepricingPS.Core.Audit;

namespace RepricingPS.Bench
{
    /// <summary>
    /// Writer throughput of two or more builds side by side on one cluster (issue 11, §5: 8 writer processes >= 2,000
    /// committed entries/s): rounds alternate between the variants so the machine's load falls on each alike. Each variant
    /// is a bench build (its own RepricingPS.Core), its own database (initialised by that build) and a writer mode. The
    /// writers log in as a member of repricing_writer (insert only, through the SECURITY DEFINER function), as real
    /// writers do. Per round it reports committed entries/s, the writer processes' CPU per entry and the server's CPU
    /// per entry (from /proc, sampled at the start and end of the window), server statements per entry
    /// (pg_stat_database.xact_commit) and how busy the machine was.
    /// </summary>
    internal static class PostgresWritersCompare
    {
        /// <summary>A variant: name|benchDll|database|writerMode[|NAME=value environment for the writer processes, a diagnosis].</summary>
        private sealed record Variant(string Name, string Dll, string Database, string Mode, string Environment);

        private sealed record Round(string Name, double Rate, double ClientUs, double ServerUs, double Statements, double MachineBusy, bool Exact);

        internal static int Run(string adminConnection, string writerConnection, string resultFile, int processes, int seconds, int rounds, string[] variantSpecs)
        {
            List<Variant> variants = variantSpecs.Select(v => v.Split('|')).Select(p => new Variant(p[0], p[1], p[2], p[3], p.Length > 4 ? p[4] : "")).ToList();
            int postmaster = Postmaster(adminConnection);
            var results = new List<Round>();
            for (int r = 0; r < rounds; r++)
            {
                foreach (Variant v in r % 2 == 0 ? variants : Enumerable.Reverse(variants))
                {
                    Round round = One(adminConnection, writerConnection, postmaster, v, processes, seconds);
                    results.Add(round);
                    Console.WriteLine(Format("  round " + (r + 1).ToString(CultureInfo.InvariantCulture), round));
                }
            }
            var lines = new List<string>
            {
                string.Format(CultureInfo.InvariantCulture,
                    "Writers side by side: {0} writer processes per variant, {1} s windows, {2} rounds alternating; {3}; writer login in repricing_writer. Medians:",
                    processes, seconds, rounds, string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(writerConnection).Options)
                        ? "each entry committed before the next write returns (synchronous_commit on)"
                        : "writer session options " + new NpgsqlConnectionStringBuilder(writerConnection).Options),
            };
            foreach (Variant v in variants)
            {
                List<Round> mine = results.Where(x => x.Name == v.Name).ToList();
                double Median(Func<Round, double> f) { var a = mine.Select(f).OrderBy(x => x).ToList(); return a.Count % 2 == 1 ? a[a.Count / 2] : (a[a.Count / 2 - 1] + a[a.Count / 2]) / 2; }
                lines.Add(Format("  " + v.Name + " (" + v.Mode + (v.Environment.Length > 0 ? ", " + v.Environment : "") + ")", new Round(v.Name, Median(x => x.Rate), Median(x => x.ClientUs), Median(x => x.ServerUs), Median(x => x.Statements), Median(x => x.MachineBusy), mine.All(x => x.Exact)))
                    + "; rounds: " + string.Join(", ", mine.Select(x => x.Rate.ToString("N0", CultureInfo.InvariantCulture))));
            }
            File.AppendAllLines(resultFile, lines);
            foreach (string l in lines) Console.WriteLine(l);
            return 0;
        }

        private static string Format(string label, Round x) => string.Format(CultureInfo.InvariantCulture,
            "{0}: {1:N0} entries/s; client CPU {2:N0} us/entry, server CPU {3:N0} us/entry, {4:F2} server statements/entry, machine {5:P0} busy; none lost or doubled: {6}",
            label, x.Rate, x.ClientUs, x.ServerUs, x.Statements, x.MachineBusy, x.Exact ? "yes" : "NO");

        private static Round One(string adminConnection, string writerConnection, int postmaster, Variant v, int processes, int seconds)
        {
            string admin = new NpgsqlConnectionStringBuilder(adminConnection) { Database = v.Database, Pooling = false }.ConnectionString;
            string writer = new NpgsqlConnectionStringBuilder(writerConnection) { Database = v.Database }.ConnectionString;
            long rowsBefore = Scalar(admin, "SELECT count(*) FROM repricing.audit_entry");
            long xactBefore = Xacts(admin, v.Database);
            DateTime start = DateTime.UtcNow.AddSeconds(8); // after every process has started and written its warm-up entry
            DateTime end = start.AddSeconds(seconds);
            var procs = Enumerable.Range(0, processes).Select(_ =>
            {
                var info = new ProcessStartInfo("dotnet")
                {
                    ArgumentList = { v.Dll, v.Mode, writer, start.Ticks.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture) },
                    RedirectStandardOutput = true,
                };
                if (v.Environment.Length > 0) info.Environment[v.Environment.Split('=')[0]] = v.Environment.Split('=')[1];
                return Process.Start(info)!;
            }).ToList();
            Sleep(start);
            (long client0, long server0, long busy0, long total0) = (Cpu(procs.Select(p => p.Id)), Cpu(ServerPids(postmaster)), Machine().Busy, Machine().Total);
            Sleep(end);
            (long client1, long server1, long busy1, long total1) = (Cpu(procs.Select(p => p.Id)), Cpu(ServerPids(postmaster)), Machine().Busy, Machine().Total);
            long counted = 0;
            foreach (Process p in procs)
            {
                counted += long.Parse(p.StandardOutput.ReadToEnd().Trim(), CultureInfo.InvariantCulture);
                p.WaitForExit();
                p.Dispose();
            }
            Thread.Sleep(1500); // exiting backends flush their statistics
            long stored = Scalar(admin, "SELECT count(*) FROM repricing.audit_entry") - rowsBefore;
            long xacts = Xacts(admin, v.Database) - xactBefore;
            double tick = 1e6 / 100; // /proc/<pid>/stat counts clock ticks of 10 ms (USER_HZ = 100 on Linux)
            double n = Math.Max(1, counted);
            return new Round(v.Name, counted / (double)seconds, (client1 - client0) * tick / n, (server1 - server0) * tick / n,
                xacts / (double)(stored > 0 ? stored : 1), (busy1 - busy0) / (double)Math.Max(1, total1 - total0), stored == counted + processes);
        }

        private static void Sleep(DateTime untilUtc)
        {
            TimeSpan wait = untilUtc - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) Thread.Sleep(wait);
        }

        private static long Scalar(string cs, string sql)
        {
            using var c = new NpgsqlConnection(cs);
            c.Open();
            using var cmd = new NpgsqlCommand(sql, c);
            return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        private static long Xacts(string cs, string database)
        {
            using var c = new NpgsqlConnection(cs);
            c.Open();
            using var cmd = new NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = $1", c); // a new session: fresh statistics
            cmd.Parameters.Add(new NpgsqlParameter { Value = database });
            return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        /// <summary>The postmaster of the cluster: the parent of this connection's backend.</summary>
        private static int Postmaster(string adminConnection)
        {
            using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnection) { Pooling = false }.ConnectionString);
            c.Open();
            using var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", c);
            int backend = (int)cmd.ExecuteScalar()!;
            return int.Parse(Stat(backend)?[1] ?? throw new InvalidOperationException("the server's processes are not visible in /proc"), CultureInfo.InvariantCulture);
        }

        /// <summary>The postmaster and all its children (backends, WAL writer, checkpointer, ...).</summary>
        private static IEnumerable<int> ServerPids(int postmaster)
        {
            yield return postmaster;
            foreach (string dir in Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
                string[]? s = Stat(pid);
                if (s != null && s[1] == postmaster.ToString(CultureInfo.InvariantCulture)) yield return pid;
            }
        }

        /// <summary>Fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime.</summary>
        private static string[]? Stat(int pid)
        {
            try
            {
                string text = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
                return text.Substring(text.LastIndexOf(')') + 2).Split(' ');
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }

        private static long Cpu(IEnumerable<int> pids)
        {
            long ticks = 0;
            foreach (int pid in pids)
            {
                string[]? s = Stat(pid);
                if (s != null) ticks += long.Parse(s[11], CultureInfo.InvariantCulture) + long.Parse(s[12], CultureInfo.InvariantCulture);
            }
            return ticks;
        }

        private static (long Busy, long Total) Machine()
        {
            string[] f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).ToArray();
            long[] v = f.Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            long idle = v[3] + v[4];
            long total = v.Sum();
            return (total - idle, total);
        }

        /// <summary>
        /// One writer process through the path a cmdlet takes (AuditService -> AuditWriter.Write -> PostgresAuditStore.Append with
        /// the spool): writes one warm-up entry, waits for the common start, then writes one entry at a time for the window and
        /// prints how many it committed.
        /// </summary>
        internal static int WriterThroughAuditLog(string connection, long startUtcTicks, double seconds)
        {
            string spool = Path.Combine(Path.GetTempPath(), "rps-bench-spool-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            var service = AuditService.Open(new AuditLocation(connection, AuditPathSource.Parameter, connection, spool));
            AuditWriter log = service.Writer(TestAccess.Identity("writer" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "BENCH-PC"), AuditWriter.NewSessionId());
            int spooled = 0;
            void Write(int i)
            {
                if (log.Write(new AuditEntry { Script = "worker", Status = "INFO", Message = "entry " + i.ToString(CultureInfo.InvariantCulture) }).Spooled) spooled++;
            }
            Write(-1);
            var start = new DateTime(startUtcTicks, DateTimeKind.Utc);
            TimeSpan wait = start - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) Thread.Sleep(wait);
            DateTime end = start.AddSeconds(seconds);
            int n = 0;
            while (DateTime.UtcNow < end) { Write(n); n++; }
            if (spooled > 0) throw new InvalidOperationException(spooled + " entries were spooled instead of stored");
            Console.WriteLine(n.ToString(CultureInfo.InvariantCulture));
            return 0;
        }
    }
}
