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
                case "write": return Write(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
                case "legacy": return LegacyGenerator.Generate(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                case "store": return StoreGenerator.Generate(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), 30);
                case "worker": return Concurrency.Worker(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                case "concurrency": return Concurrency.Run(args[1], args[2]);
                case "gen": RepricingPS.Core.Repricing.SampleData.Write(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), 42, template: false); return 0;
                case "reprice": return RepricingBench.Reprice(args[1], args[2]);
                case "gen-xlsx": return RepricingBench.GenerateXlsx(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                case "import-xlsx": return RepricingBench.ImportXlsx(args[1], args[2]);
                case "import-xlsx-epplus": return RepricingBench.ImportXlsxWithEpplus(args[1], args[2]);
                case "profile-disruption": return ProfileDisruption.Run(args[1]);
                case "gen-disruption": return DisruptionBench.Generate(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                case "writer": return DisruptionBench.Writer(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4]);
                case "pg-generate": return PostgresBench.Generate(args[1], args[2], long.Parse(args[3], CultureInfo.InvariantCulture), args[4]);
                case "pg-queries": return PostgresBench.Queries(args[1], args[2], args[3]);
                case "pg-writer": return PostgresBench.Writer(args[1], long.Parse(args[2], CultureInfo.InvariantCulture), double.Parse(args[3], CultureInfo.InvariantCulture));
                case "pg-writers": return PostgresBench.Writers(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture));
                case "pg-copy": return PostgresBench.Copy(args[1], args[2], args[3], args[4]);
                default:
                    Console.Error.WriteLine("usage: write <root> <result-file> <count> | legacy <root> <rows> | store <root> <entries> | concurrency <root> <result-file>");
                    return 2;
            }
        }

        /// <summary>Sequential appends to a local root, each on disk (flushed) before the next.</summary>
        private static int Write(string root, string resultFile, int count)
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
            Directory.CreateDirectory(root);
            var location = TestAccess.Location(root, root + "-spool");
            var log = new AuditLog(new AuditStore(location), TestAccess.Identity("bench", "BENCH-PC"), AuditLog.NewSessionId());
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

    /// <summary>Generates a legacy shared audit_log.csv with realistic message shapes over the last year.</summary>
    internal static class LegacyGenerator
    {
        private static readonly string[] Scripts = { "merge.py", "sharx_lbl.py", "openmdf_tier.py", "TemplateImport", "File1Import", "File2Import", "RepricingProcess", "MergeProcess" };
        private static readonly char[] NeedsQuotes = { ',', '"' };
        private static readonly string[] Files = { "claims_2025Q2.xlsx", "reversals.csv", "_Rx Repricing_wf.xlsx", "network, west region.xlsx", "missing_data.xlsx" };

        internal static int Generate(string root, int rows)
        {
            Directory.CreateDirectory(root);
            string path = Path.Combine(root, "audit_log.csv");
            var users = Enumerable.Range(0, 60).Select(i => i switch { 0 => "jdoe", 1 => "Dan", 2 => "Daniel", 3 => "Jordan", _ => "analyst" + i.ToString("D2", CultureInfo.InvariantCulture) }).ToArray();
            var rnd = new Random(42);
            DateTime end = DateTime.Now;
            DateTime start = end.AddDays(-365);
            double step = (end - start).TotalSeconds / rows;
            using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\r\n" };
            w.WriteLine("Timestamp,User,Script,Message,Status");
            var sb = new StringBuilder();
            for (int i = 0; i < rows; i++)
            {
                DateTime ts = start.AddSeconds(i * step);
                string user = users[rnd.Next(users.Length)];
                string script = Scripts[rnd.Next(Scripts.Length)];
                string host = "L0" + rnd.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) + "-DATA";
                string file = Files[rnd.Next(Files.Length)];
                (string message, string status) = rnd.Next(20) switch
                {
                    0 => ($"USER ERROR - FILE_NOT_FOUND | User: {user} on {host} | Python: 3.12.10 | OS: Windows 11 | Action: Import File | File: {file} | Error: Could not find file", "USER_ERROR"),
                    1 => ($"FILE ERROR - Read | User: {user} | File: C:\\Users\\{user}\\OneDrive\\{file} | File Info: Size: {rnd.Next(1000, 9000000)} bytes | Error: [Errno 13] Permission denied: '{file}'", "FILE_ERROR"),
                    2 => ($"Failed to load file1: Missing column provided to 'parse_dates': 'DATEFILLED'", "ERROR"),
                    3 => ($"Session started - User: {user} | Computer: {host} | Python: 3.12.10 | OS: Windows 11", "START"),
                    4 => ($"Session ended for user: {user} on {host}", "END"),
                    5 => ($"User: {user} | User: {user} | File: {file} | Operation: IMPORTED", "FILE_ACCESS"),
                    6 => ($"DATA ERROR - Processing | User: {user} | Data Context: merge claims | Rows Processed: {rnd.Next(100, 900000)} | Error: KeyError: 'DATEFILLED'", "DATA_ERROR"),
                    _ => ($"Processed {rnd.Next(100, 9000)} claims for {rnd.Next(10, 900)} members by user: {user}", "INFO"),
                };
                sb.Clear();
                sb.Append(ts.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',').Append(user).Append(',').Append(script).Append(',');
                if (message.IndexOfAny(NeedsQuotes) >= 0) sb.Append('"').Append(message.Replace("\"", "\"\"")).Append('"');
                else sb.Append(message);
                sb.Append(',').Append(status);
                w.WriteLine(sb.ToString());
            }
            w.Flush();
            Console.WriteLine($"Generated {rows:N0} legacy rows, {new FileInfo(path).Length / 1e6:F0} MB: {path}");
            return 0;
        }
    }
}

namespace RepricingPS.Bench
{
    /// <summary>Fills a new-format root with entries spread over the last N days, in the writer's own record format, written in bulk.</summary>
    internal static class StoreGenerator
    {
        internal static int Generate(string root, int entries, int days)
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
            var rnd = new Random(7);
            var writers = Enumerable.Range(0, 20).Select(i => ("analyst" + i.ToString("D2", CultureInfo.InvariantCulture), "PC-" + i.ToString("D3", CultureInfo.InvariantCulture))).ToArray();
            DateTimeOffset end = DateTimeOffset.Now;
            int perDay = entries / days;
            string[] statuses = { "INFO", "INFO", "INFO", "FILE_ACCESS", "START", "END", "WARNING", "FILE_ERROR", "DATA_ERROR", "ERROR" };
            for (int d = days - 1; d >= 0; d--)
            {
                DateTimeOffset dayStart = end.Date.AddDays(-d);
                var byFile = new Dictionary<string, FileStream>();
                var lastHash = new Dictionary<string, string>();
                for (int i = 0; i < perDay; i++)
                {
                    var (user, pc) = writers[rnd.Next(writers.Length)];
                    string status = statuses[rnd.Next(statuses.Length)];
                    var e = new AuditEntry
                    {
                        Timestamp = dayStart.AddSeconds(i * 86400.0 / perDay), User = user, Computer = pc, Script = "Invoke-Repricing", Status = status,
                        Action = "Merge", File = "claims.csv", SessionId = "bench", EntryId = Guid.NewGuid().ToString("N"), PSVersion = "7.6.9", OS = "Windows 11",
                        Error = AuditStatus.IsError(status) ? "Missing required columns: DATEFILLED" : "",
                    };
                    e.Message = LegacyMessage.Compose(e);
                    string path = AuditStore.PartitionPath(root, e);
                    if (!byFile.TryGetValue(path, out var fs))
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        fs = byFile[path] = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                        byte[] header = StoreFormat.HeaderBytes();
                        fs.Write(header, 0, header.Length);
                    }
                    lastHash.TryGetValue(path, out string? previous);
                    byte[] record = StoreFormat.RecordBytes(e, previous ?? "", out string hash);
                    lastHash[path] = hash;
                    fs.Write(record, 0, record.Length);
                }
                foreach (var fs in byFile.Values) fs.Dispose();
            }
            Console.WriteLine($"Generated {perDay * days:N0} new-format entries over {days} days in {root}");
            return 0;
        }
    }
}

namespace RepricingPS.Bench
{
    /// <summary>Writer throughput with 1, 4 and 8 processes, and how long a tail takes to show a new entry.</summary>
    internal static class Concurrency
    {
        internal static int Worker(string root, int count)
        {
            var location = TestAccess.Location(root, root + "-spool");
            // Same user and machine in every process: they all append to one day file, the contended case.
            var log = new AuditLog(new AuditStore(location), TestAccess.Identity("bench", "BENCH-PC"), AuditLog.NewSessionId());
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
            var log = new AuditLog(new AuditStore(location), TestAccess.Identity("bench", "BENCH-PC"), "tail");
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

namespace RepricingPS.Bench
{
    using RepricingPS.Core.Repricing;

    /// <summary>Invoke-Repricing's core on generated CSV files, and .xlsx import, each measured in a process of its own.</summary>
    internal static class RepricingBench
    {
        internal static int Reprice(string dir, string resultFile)
        {
            var location = TestAccess.Location(Path.Combine(dir, "log"), Path.Combine(dir, "spool"));
            Directory.CreateDirectory(location.Root);
            var service = new RepricingService(new AuditLog(new AuditStore(location), TestAccess.Identity("bench", "BENCH-PC"), "bench"), "bench", null);
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

        /// <summary>A File1-shaped workbook: rows x 16 columns (the 12 claim columns and 4 more).</summary>
        internal static int GenerateXlsx(string path, int rows)
        {
            var rnd = new Random(5);
            using var p = new OfficeOpenXml.ExcelPackage();
            var ws = p.Workbook.Worksheets.Add("Claims");
            string[] headers = { "SOURCERECORDID", "ClientName", "DATEFILLED", "MemberID", "NDC", "Drug Name", "QUANTITY", "DAYSUPPLY", "Pharmacy Name", "PHARMACYNPI", "NABP", "GrossCost", "PlanID", "GroupID", "PrescriberNPI", "Notes" };
            for (int c = 0; c < headers.Length; c++) ws.Cells[1, c + 1].Value = headers[c];
            for (int r = 2; r <= rows + 1; r++)
            {
                ws.Cells[r, 1].Value = "RX" + r.ToString(CultureInfo.InvariantCulture);
                ws.Cells[r, 2].Value = "Acme Health";
                ws.Cells[r, 3].Value = new DateTime(2025, 1, 1).AddDays(rnd.Next(365));
                ws.Cells[r, 3].Style.Numberformat.Format = "m/d/yyyy";
                ws.Cells[r, 4].Value = "M" + rnd.Next(100000).ToString("D6", CultureInfo.InvariantCulture);
                ws.Cells[r, 5].Value = "00093505601";
                ws.Cells[r, 6].Value = "ATORVASTATIN 20 MG TAB";
                ws.Cells[r, 7].Value = 30.0;
                ws.Cells[r, 8].Value = 30.0;
                ws.Cells[r, 9].Value = "MAIN ST PHARMACY";
                ws.Cells[r, 10].Value = "1234567890";
                ws.Cells[r, 11].Value = "1234567";
                ws.Cells[r, 12].Value = Math.Round(rnd.NextDouble() * 100, 2);
                ws.Cells[r, 13].Value = "PLAN" + rnd.Next(50).ToString(CultureInfo.InvariantCulture);
                ws.Cells[r, 14].Value = "GRP" + rnd.Next(500).ToString(CultureInfo.InvariantCulture);
                ws.Cells[r, 15].Value = "1" + rnd.Next(100000000, 999999999).ToString(CultureInfo.InvariantCulture);
                ws.Cells[r, 16].Value = "none";
            }
            p.SaveAs(new FileInfo(path));
            return 0;
        }

        internal static int ImportXlsx(string path, string resultFile)
        {
            var watch = Stopwatch.StartNew();
            RepricingFile f = FileImporter.Import(path, FileRole.File1, null, false, default);
            watch.Stop();
            using var me = Process.GetCurrentProcess();
            string line = string.Format(CultureInfo.InvariantCulture,
                "  .xlsx import (ExcelDataReader, streaming), {0:N0} rows x {1} columns ({2:N0} MB file): {3:F1} s, peak working set {4:N0} MB; {5}; {6}",
                f.RowCount, f.Columns.Length, new FileInfo(path).Length / 1e6, watch.Elapsed.TotalSeconds, me.PeakWorkingSet64 / (1 << 20),
                f.Warnings.Length > 0 ? "warning: " + f.Warnings[0] : "no size warning", Fingerprint(f.Data.Rows));
            File.AppendAllText(resultFile, line + Environment.NewLine);
            Console.WriteLine(line);
            return 0;
        }

        /// <summary>The reader the import used before issue 8 (EPPlus, whole workbook in memory), for comparison.</summary>
        internal static int ImportXlsxWithEpplus(string path, string resultFile)
        {
            var watch = Stopwatch.StartNew();
            var rows = new System.Collections.Generic.List<string[]>();
            using (var fs = File.OpenRead(path))
            using (var p = new OfficeOpenXml.ExcelPackage(fs))
            {
                var ws = System.Linq.Enumerable.First(p.Workbook.Worksheets);
                int lastCol = ws.Dimension.End.Column, lastRow = ws.Dimension.End.Row;
                for (int r = 2; r <= lastRow; r++)
                {
                    var values = new string[lastCol];
                    for (int c = 1; c <= lastCol; c++) values[c - 1] = FileImporter.CellText(ws.Cells[r, c].Value);
                    rows.Add(values);
                }
            }
            watch.Stop();
            using var me = Process.GetCurrentProcess();
            string line = string.Format(CultureInfo.InvariantCulture,
                "  .xlsx import (EPPlus 4.5.3.3, whole workbook), {0:N0} rows ({1:N0} MB file): {2:F1} s, peak working set {3:N0} MB; {4}",
                rows.Count, new FileInfo(path).Length / 1e6, watch.Elapsed.TotalSeconds, me.PeakWorkingSet64 / (1 << 20), Fingerprint(rows));
            File.AppendAllText(resultFile, line + Environment.NewLine);
            Console.WriteLine(line);
            return 0;
        }

        /// <summary>Row 1 (date and NDC as read) and a hash of every value, so two readers can be compared for correctness.</summary>
        private static string Fingerprint(System.Collections.Generic.List<string[]> rows)
        {
            var all = new System.Text.StringBuilder();
            // Compared as the import types them: a date cell is a date whether a reader gives it as a date or as its serial.
            static string Date(string text) => Schema.TryDate(text, out DateTime d) ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "not a date: " + text;
            foreach (string[] row in rows) all.Append(string.Join("\u001f", row.Select((v, i) => i == 2 ? Date(v) : v))).Append('\n');
            return $"row 1: DATEFILLED {rows[0][2]} = {Date(rows[0][2])}, NDC {rows[0][4]}, NPI {rows[0][9]}; all values SHA-256 {RepricingPS.Core.Hashing.Sha256Hex(all.ToString(), 8)}";
        }
    }
}
