using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using RepricingPS.Core.Disruption;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Bench
{
    internal static class ProfileDisruption
    {
        internal static int Run(string dir)
        {
            var w = Stopwatch.StartNew();
            void T(string s) { Console.WriteLine($"{w.Elapsed.TotalSeconds,6:F2} cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,6:F2} {s}"); }
            var claims = FileImporter.ImportText(Path.Combine(dir, "claims.csv"), FileRole.Claims, null, null, CancellationToken.None);
            T("read claims");
            var files = new Dictionary<ReferenceTable, RepricingFile>
            {
                [ReferenceTable.MediSpan] = FileImporter.ImportText(Path.Combine(dir, "medispan.csv"), FileRole.Reference, null, null, default),
                [ReferenceTable.Universal] = FileImporter.ImportText(Path.Combine(dir, "universal.csv"), FileRole.Reference, null, null, default),
                [ReferenceTable.Exclusive] = FileImporter.ImportText(Path.Combine(dir, "exclusive.csv"), FileRole.Reference, null, null, default),
                [ReferenceTable.Network] = FileImporter.ImportText(Path.Combine(dir, "network.csv"), FileRole.Reference, null, null, default),
            };
            var refs = References.Build(files);
            T("refs");
            var a = new DisruptionAnalysis(DisruptionKind.Tier);
            a.Filter(claims, refs, 6, default);
            T("filter");
            var r = a.Summarise(default);
            T("summarise");
            string path = Path.Combine(dir, "prof.xlsx");
            if (File.Exists(path)) File.Delete(path);
            DisruptionWorkbook.Write(path, r, claims, a, null, null, default);
            T("workbook");
            Console.WriteLine($"peak {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MB, gen2 {GC.CollectionCount(2)}");
            return 0;
        }
    }
}
