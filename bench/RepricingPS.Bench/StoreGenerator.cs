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
                    string path = FolderAuditStore.PartitionPath(root, e);
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
