using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Audit.Folder;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Bench
{
    /// <summary>Invoke-Repricing's core on generated CSV files, and .xlsx import, each measured in a process of its own.</summary>
    internal static class RepricingBench
    {
        /// <summary>
        /// Invoke-Repricing -File1 path -File2 path (the files are read inside the run, as the cmdlet does; "read" is the time
        /// until the merge starts).
        /// </summary>
        internal static int Reprice(string dir, string resultFile)
        {
            var location = TestAccess.Location(Path.Combine(dir, "log"), Path.Combine(dir, "spool"));
            Directory.CreateDirectory(location.Root);
            var watch = new Stopwatch();
            var clock = new StageClock(watch);
            var service = new RepricingService(new AuditWriter(new FolderAuditStore(location), TestAccess.Identity("bench", "BENCH-PC"), "bench"), "bench", clock);
            string outDir = Path.Combine(dir, "out");
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
            watch.Start();
            var request = new RepricingRequest
            {
                File1Path = Path.Combine(dir, "File1.csv"),
                File2Path = Path.Combine(dir, "File2.csv"),
                OutputDirectory = outDir,
            };
            RepricingResult r = service.Run(request, default);
            watch.Stop();
            TimeSpan read = clock.MergeStarted;
            using var me = Process.GetCurrentProcess();
            string line = string.Format(CultureInfo.InvariantCulture,
                "  N = {0,9:N0}: {1,6:F1} s (read {2:F1} s, merge+match+write {3:F1} s), peak working set {4,6:N0} MB; {5:N0} merged rows, {6:N0} pairs",
                r.File1Rows, watch.Elapsed.TotalSeconds, read.TotalSeconds, (watch.Elapsed - read).TotalSeconds, me.PeakWorkingSet64 / (1 << 20), r.MergedRows, r.MatchedPairs);
            File.AppendAllText(resultFile, line + Environment.NewLine);
            Console.WriteLine(line);
            return 0;
        }

        /// <summary>When the run's merge stage started (progress is reported on the run's thread).</summary>
        private sealed class StageClock : IProgress<RepricingProgress>
        {
            private readonly Stopwatch _watch;

            internal StageClock(Stopwatch watch) => _watch = watch;

            internal TimeSpan MergeStarted { get; private set; }

            public void Report(RepricingProgress value)
            {
                if (value.Stage == "merge" && MergeStarted == TimeSpan.Zero) MergeStarted = _watch.Elapsed;
            }
        }
    }
}
