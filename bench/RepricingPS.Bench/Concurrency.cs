using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Bench
{
    /// <summary>Writer throughput with 1, 4 and 8 processes, and how long a tail takes to show a new entry.</summary>
    internal static class Concurrency
    {
        internal static int Worker(string root, int count)
        {
            var location = TestAccess.Location(root, root + "-spool");
            // Same user and machine in every process: they all append to one day file, the contended case.
            var log = new AuditWriter(new FolderAuditStore(location), TestAccess.Identity("bench", "BENCH-PC"), AuditWriter.NewSessionId());
            for (int i = 0; i < count; i++) log.Write(new AuditEntry { Script = "worker", Message = "entry " + i });
            return 0;
        }

        internal static int Run(string root, string resultFile)
        {
            string self = typeof(Concurrency).Assembly.Location;
            var lines = new List<string> { "Concurrency benchmark: processes appending to one local root as the same user and machine (one shared day file), each entry fsync'ed" };
            foreach (int processes in new[] { 1, 4, 8 })
            {
                if (Directory.Exists(root)) Directory.Delete(root, true);
                Directory.CreateDirectory(root);
                const int perProcess = 2000;
                var watch = Stopwatch.StartNew();
                var procs = Enumerable.Range(0, processes).Select(_ => Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { self, "worker", root, perProcess.ToString(CultureInfo.InvariantCulture) } })!).ToList();
                foreach (var p in procs) p.WaitForExit();
                watch.Stop();
                var stats = new ReadStats();
                int stored = new AuditLogReader(TestAccess.Location(root, root + "-spool")).Read(new AuditQuery(), stats).Count;
                lines.Add(string.Format(CultureInfo.InvariantCulture, "  {0} process(es) x {1:N0}: {2:N0} entries/s stored ({3:N0} stored, {4} malformed, {5:F1} s including process start)",
                    processes, perProcess, stored / watch.Elapsed.TotalSeconds, stored, stats.MalformedRows, watch.Elapsed.TotalSeconds));
            }
            lines.Add(TailLatency(root));
            File.WriteAllLines(resultFile, lines);
            foreach (string l in lines) Console.WriteLine(l);
            return 0;
        }

        /// <summary>A tail polling every 250 ms (the -Wait default) on one thread; a writer on another: time from write to seen.</summary>
        private static string TailLatency(string root)
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
            Directory.CreateDirectory(root);
            var location = TestAccess.Location(root, root + "-spool");
            var log = new AuditWriter(new FolderAuditStore(location), TestAccess.Identity("bench", "BENCH-PC"), "tail");
            var written = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
            var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
            using var stop = new System.Threading.CancellationTokenSource();
            var tail = new AuditTail(location, new AuditQuery());
            var tailThread = new System.Threading.Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    foreach (AuditEntry e in tail.Poll(new ReadStats(), System.Threading.CancellationToken.None))
                    {
                        long seen = Stopwatch.GetTimestamp();
                        if (written.TryGetValue(e.Message, out long at)) latencies.Add(Stopwatch.GetElapsedTime(at, seen).TotalMilliseconds);
                    }
                    System.Threading.Thread.Sleep(250);
                }
            });
            tailThread.Start();
            var rnd = new Random(3);
            for (int i = 0; i < 100; i++)
            {
                System.Threading.Thread.Sleep(rnd.Next(0, 300));
                string message = "tail " + i;
                var entry = new AuditEntry { Script = "tail", Message = message };
                written[message] = Stopwatch.GetTimestamp();
                log.Write(entry);
            }
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (latencies.Count < 100 && DateTime.UtcNow < deadline) System.Threading.Thread.Sleep(50);
            stop.Cancel();
            tailThread.Join();
            var sorted = latencies.OrderBy(x => x).ToArray();
            return string.Format(CultureInfo.InvariantCulture, "Tail latency (poll every 250 ms), 100 entries: median {0:F0} ms, worst {1:F0} ms ({2} seen; target: within 2 s)",
                sorted[sorted.Length / 2], sorted[^1], sorted.Length);
        }
    }
}
