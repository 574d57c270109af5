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
    /// <summary>The audit writer's latency: sequential flushed appends.</summary>
    internal static class WriteBench
    {
        /// <summary>Sequential appends to a local root, each on disk (flushed) before the next.</summary>
        internal static int Write(string root, string resultFile, int count)
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
            Directory.CreateDirectory(root);
            var location = TestAccess.Location(root, root + "-spool");
            var log = new AuditWriter(new FolderAuditStore(location), TestAccess.Identity("bench", "BENCH-PC"), AuditWriter.NewSessionId());
            for (int i = 0; i < 200; i++) log.Write(new AuditEntry { Script = "warmup", Message = "warm up " + i });
            var times = new double[count];
            var total = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                long start = Stopwatch.GetTimestamp();
                log.Write(new AuditEntry
                {
                    Script = "Invoke-Repricing", Status = i % 10 == 0 ? "FILE_ERROR" : "INFO", Action = "Merge",
                    File = @"C:\Users\jdoe\OneDrive - Acme\Repricing\claims_2025Q2.xlsx", Message = i % 10 == 0 ? "" : $"Merged {i:N0} rows",
                    ErrorType = i % 10 == 0 ? "FILE_NOT_FOUND" : "", Error = i % 10 == 0 ? "Could not find file" : "",
                });
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            total.Stop();
            Array.Sort(times);
            string text = string.Format(CultureInfo.InvariantCulture,
                "Write benchmark: {0:N0} sequential appends to a local root, each flushed to disk (fsync) before the next{5}" +
                "  median {1:F3} ms, p95 {2:F3} ms, p99 {3:F3} ms, max {4:F3} ms per entry; {6:N0} entries/s{5}",
                count, times[count / 2], times[(int)(count * 0.95)], times[(int)(count * 0.99)], times[count - 1], Environment.NewLine,
                count / total.Elapsed.TotalSeconds);
            File.WriteAllText(resultFile, text);
            Console.Write(text);
            return 0;
        }
    }
}
