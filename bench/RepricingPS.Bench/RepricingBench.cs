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
        internal static int Reprice(string dir, string resultFile)
        {
            var location = TestAccess.Location(Path.Combine(dir, "log"), Path.Combine(dir, "spool"));
            Directory.CreateDirectory(location.Root);
            var service = new RepricingService(new AuditWriter(new FolderAuditStore(location), TestAccess.Identity("bench", "BENCH-PC"), "bench"), "bench", null);
            string outDir = Path.Combine(dir, "out");
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
            var watch = Stopwatch.StartNew();
            var request = new RepricingRequest
            {
                File1 = service.Import(Path.Combine(dir, "File1.csv"), FileRole.File1, null, false, default),
                File2 = service.Import(Path.Combine(dir, "File2.csv"), FileRole.File2, null, false, default),
                OutputDirectory = outDir,
            };
            var read = watch.Elapsed;
            RepricingResult r = service.Run(request, default);
            watch.Stop();
            using var me = Process.GetCurrentProcess();
            string line = string.Format(CultureInfo.InvariantCulture,
                "  N = {0,9:N0}: {1,6:F1} s (read {2:F1} s, merge+match+write {3:F1} s), peak working set {4,6:N0} MB; {5:N0} merged rows, {6:N0} pairs",
                r.File1Rows, watch.Elapsed.TotalSeconds, read.TotalSeconds, (watch.Elapsed - read).TotalSeconds, me.PeakWorkingSet64 / (1 << 20), r.MergedRows, r.MatchedPairs);
            File.AppendAllText(resultFile, line + Environment.NewLine);
            Console.WriteLine(line);
            return 0;
        }
    }
}
