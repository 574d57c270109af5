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
