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
    internal static class Program
    {
        private static int Main(string[] args)
        {
            switch (args.Length > 0 ? args[0] : "")
            {
                case "write": return WriteBench.Write(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
                case "legacy": return LegacyGenerator.Generate(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                case "store": return StoreGenerator.Generate(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), 30);
                case "viewer-start": return ViewerBench.Start(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                case "worker": return Concurrency.Worker(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                case "concurrency": return Concurrency.Run(args[1], args[2]);
                case "gen": RepricingPS.Core.Repricing.SampleData.Write(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), 42, template: false); return 0;
                case "reprice": return RepricingBench.Reprice(args[1], args[2]);
                case "reprice-profile": return RepricingOutputBench.Profile(args[1], args[2]);
                case "gen-xlsx": return XlsxImportBench.GenerateXlsx(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                case "import-xlsx": return XlsxImportBench.ImportXlsx(args[1], args[2]);
                case "import-xlsx-epplus": return XlsxImportBench.ImportXlsxWithEpplus(args[1], args[2]);
                case "profile-disruption": return ProfileDisruption.Run(args[1]);
                case "gen-disruption": return DisruptionBench.Generate(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                case "writer": return DisruptionBench.Writer(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4]);
                case "pg-generate": return PostgresBench.Generate(args[1], args[2], long.Parse(args[3], CultureInfo.InvariantCulture), args[4]);
                case "pg-queries": return PostgresBench.Queries(args[1], args[2], args[3]);
                case "pg-writer": return PostgresWriterBench.Writer(args[1], long.Parse(args[2], CultureInfo.InvariantCulture), double.Parse(args[3], CultureInfo.InvariantCulture));
                case "pg-writers": return PostgresWriterBench.Writers(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture));
                case "pg-writer-log": return PostgresWritersCompare.WriterThroughAuditLog(args[1], long.Parse(args[2], CultureInfo.InvariantCulture), double.Parse(args[3], CultureInfo.InvariantCulture));
                case "pg-writers-compare": return PostgresWritersCompare.Run(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture), int.Parse(args[6], CultureInfo.InvariantCulture), args.Skip(7).ToArray());
                case "pg-copy": return PostgresCopyBench.Copy(args[1], args[2], args[3], args[4]);
                default:
                    Console.Error.WriteLine("usage: write <root> <result-file> <count> | legacy <root> <rows> | store <root> <entries> | concurrency <root> <result-file>");
                    return 2;
            }
        }
    }
}
