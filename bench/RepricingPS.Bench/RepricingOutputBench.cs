using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Bench
{
    /// <summary>
    /// Issue 15: where a CSV-in, CSV-out repricing run spends its time, stage by stage (import, merge, match, output order,
    /// cell text alone, each output file), in one process, so the output writer can be measured on its own.
    /// </summary>
    internal static class RepricingOutputBench
    {
        internal static int Profile(string dir, string resultFile)
        {
            var lines = new List<string>();
            var watch = Stopwatch.StartNew();
            TimeSpan last = TimeSpan.Zero;
            long lastAllocated = GC.GetTotalAllocatedBytes(true);
            int[] lastGcs = { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
            TimeSpan lastPause = GC.GetTotalPauseDuration();
            // Time, bytes allocated and collections (gen0/gen1/gen2) per stage: DOTNET_gcServer=0 gives the workstation GC a
            // cmdlet gets inside pwsh.
            void Lap(string what)
            {
                TimeSpan now = watch.Elapsed;
                long allocated = GC.GetTotalAllocatedBytes(true);
                int[] gcs = { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
                TimeSpan pause = GC.GetTotalPauseDuration();
                lines.Add(string.Format(CultureInfo.InvariantCulture, "    {0,-28} {1,6:F2} s {2,7:N0} MB allocated, GCs {3}/{4}/{5} pausing {6:F2} s, heap {7:N0} MB",
                    what, (now - last).TotalSeconds, (allocated - lastAllocated) / (1 << 20), gcs[0] - lastGcs[0], gcs[1] - lastGcs[1], gcs[2] - lastGcs[2],
                    (pause - lastPause).TotalSeconds, GC.GetTotalMemory(false) / (1 << 20)));
                lastPause = pause;
                last = now;
                lastAllocated = allocated;
                lastGcs = gcs;
            }
            RepricingFile f1 = FileImporter.Import(Path.Combine(dir, "File1.csv"), FileRole.File1, null, false, default);
            Lap("import File1");
            RepricingFile f2 = FileImporter.Import(Path.Combine(dir, "File2.csv"), FileRole.File2, null, false, default);
            Lap("import File2");
            MergedData data = Merger.Merge(f1.Data, f2.Data, false, default);
            Lap("merge");
            Matcher.Match(data.Rows, 30, MatchRule.Standard, default);
            Lap("match");
            int[] ordered = Outputs.OutputOrder(data);
            Lap("output order");
            long chars = 0;
            foreach (int row in ordered)
            {
                for (int c = 0; c < data.Columns.Count; c++) chars += data.Text(data.Rows[row], c).Length;
            }
            Lap("cell text only (no writer)");
            string outDir = Path.Combine(dir, "profile-out");
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
            Directory.CreateDirectory(outDir);
            Outputs.WriteMergedAndDetail(Path.Combine(outDir, "merged.csv"), Path.Combine(outDir, "detail.csv"), data, ordered, null, default);
            Lap("write merged + detail .csv");
            Outputs.WriteUnmatched(Path.Combine(outDir, "unmatched.csv"), data, default);
            Lap("write unmatched .csv");
            using var me = Process.GetCurrentProcess();
            lines.Insert(0, string.Format(CultureInfo.InvariantCulture, "  profile N = {0:N0} ({1:N0} merged rows, {2:N0} text chars): {3:F1} s, peak working set {4:N0} MB",
                f1.RowCount, data.Rows.Length, chars, watch.Elapsed.TotalSeconds, me.PeakWorkingSet64 / (1 << 20)));
            File.AppendAllLines(resultFile, lines);
            foreach (string l in lines) Console.WriteLine(l);
            return 0;
        }
    }
}
