using System;
using System.Diagnostics;
using System.Globalization;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Viewer;

namespace RepricingPS.Bench
{
    /// <summary>
    /// The live viewer's start on a large log (bench `viewer-start &lt;root&gt; &lt;days&gt;`): time until it serves, peak working set,
    /// and what stays live after a full collection (the entries it holds and what the tail remembers).
    /// </summary>
    internal static class ViewerBench
    {
        internal static int Start(string root, int days)
        {
            AuditLocation location = new AuditPaths(AuditEnvironment.Current).Resolve(root);
            var watch = Stopwatch.StartNew();
            using var server = new AuditViewerServer(location, new AuditViewerOptions { Days = days });
            server.Start();
            watch.Stop();
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            long live = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "viewer start, -Days {0}: {1:F1} s to serve, {2:N0} entries held, peak working set {3:N0} MB, live after a full collection {4:N0} MB",
                days, watch.Elapsed.TotalSeconds, server.HeldEntries, self.PeakWorkingSet64 >> 20, live >> 20));
            return 0;
        }
    }
}
