using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Audit
{
    /// <summary>A recent session, for tab completion of -SessionId.</summary>
    public sealed class RecentSession
    {
        /// <summary>The session id.</summary>
        public string SessionId { get; set; } = "";
        /// <summary>Its user.</summary>
        public string User { get; set; } = "";
        /// <summary>Its script.</summary>
        public string Script { get; set; } = "";
        /// <summary>Its first entry seen.</summary>
        public DateTimeOffset Start { get; set; }
    }

    /// <summary>
    /// Names seen in a log root's recent new-format partitions, for tab completion. Cheap by design, since it runs while
    /// someone types: it lists recent month folders, reads at most <see cref="MaxFiles"/> of the newest partitions and at
    /// most <see cref="MaxBytesPerFile"/> of each, only regular files, and never throws.
    /// </summary>
    public static class AuditNames
    {
        /// <summary>The most partition files read.</summary>
        public const int MaxFiles = 40;
        /// <summary>The most bytes read from one file.</summary>
        public const int MaxBytesPerFile = 256 * 1024;

        /// <summary>Users of the recent partitions and of legacy per-user folders.</summary>
        public static IReadOnlyList<string> Users(string root, DateTime today, int days = 31)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (AuditEntry e in RecentRecords(root, today, days, firstOnly: true)) names.Add(e.User);
            foreach (AuditEntry e in LegacyTails(root)) names.Add(e.User);
            try
            {
                foreach (string dir in Directory.GetDirectories(root))
                {
                    string name = Path.GetFileName(dir);
                    if (IsYearFolder(name)) continue;
                    if (Directory.GetFiles(dir, "audit_log.csv*").Length > 0 || Directory.GetFiles(dir, "Audit_Log.csv*").Length > 0) names.Add(name);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { }
            return names.Where(n => n.Length > 0).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>
        /// Scripts of the recent partitions, and of the newest records of the legacy files (whatever their age: the earlier
        /// program is retired, so its names are only ever old, and a support admin completes them to query its logs).
        /// </summary>
        public static IReadOnlyList<string> Scripts(string root, DateTime today, int days = 7) =>
            RecentRecords(root, today, days, firstOnly: false).Concat(LegacyTails(root)).Select(e => e.Script).Where(s => s.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(s => s, StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>Sessions of the recent partitions, newest first.</summary>
        public static IReadOnlyList<RecentSession> Sessions(string root, DateTime today, int days = 2)
        {
            var byId = new Dictionary<string, RecentSession>(StringComparer.Ordinal);
            foreach (AuditEntry e in RecentRecords(root, today, days, firstOnly: false))
            {
                if (e.SessionId.Length == 0 || byId.ContainsKey(e.SessionId)) continue;
                byId[e.SessionId] = new RecentSession { SessionId = e.SessionId, User = e.User, Script = e.Script, Start = e.Timestamp };
            }
            return byId.Values.OrderByDescending(s => s.Start).ToList();
        }

        /// <summary>The records (stored fields, guard removed) of the newest partitions within <paramref name="days"/> of today.</summary>
        private static IEnumerable<AuditEntry> RecentRecords(string root, DateTime today, int days, bool firstOnly)
        {
            var files = new List<string>();
            try
            {
                for (DateTime month = new DateTime(today.Year, today.Month, 1); month > today.AddDays(-days - 31) && files.Count < MaxFiles; month = month.AddMonths(-1))
                {
                    string dir = Path.Combine(root, month.ToString("yyyy", CultureInfo.InvariantCulture), month.ToString("MM", CultureInfo.InvariantCulture));
                    if (!Directory.Exists(dir)) continue;
                    string from = today.AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    files.AddRange(Directory.GetFiles(dir, "????-??-??_*.csv")
                        .Where(f => string.CompareOrdinal(Path.GetFileName(f), from) >= 0)
                        .OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { }
            foreach (string file in files.Take(MaxFiles))
            {
                foreach (AuditEntry e in ReadBounded(file, firstOnly)) yield return e;
            }
        }

        /// <summary>
        /// The records in the last <see cref="MaxBytesPerFile"/> of each legacy file (audit_log.csv and its rotations) in the
        /// root and in its per-user folders, at most <see cref="MaxFiles"/> files; read as any query reads legacy rows, from
        /// the first line that starts like a record when the file is longer (its first record there may be cut).
        /// </summary>
        private static List<AuditEntry> LegacyTails(string root)
        {
            var files = new List<FileInfo>();
            try
            {
                var folders = new List<DirectoryInfo> { new DirectoryInfo(root) };
                // A per-user folder that is a link is not followed, as a query does not follow it out of the root.
                folders.AddRange(folders[0].GetDirectories().Where(d => !IsYearFolder(d.Name) && (d.Attributes & FileAttributes.ReparsePoint) == 0));
                foreach (DirectoryInfo dir in folders)
                {
                    try { files.AddRange(dir.GetFiles().Where(f => AuditLogReader.IsLegacyName(f.Name))); }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { }
            var records = new List<AuditEntry>();
            // The most recently written files first: those hold the names of the old program's last users and components.
            foreach (string file in files.OrderByDescending(f => f.LastWriteTimeUtc).ThenBy(f => f.FullName, StringComparer.Ordinal).Take(MaxFiles).Select(f => f.FullName))
            {
                try
                {
                    byte[]? tail = ReadBoundedBytes(file, fromEnd: true);
                    if (tail == null) continue;
                    long start = 0;
                    if (tail.Length == MaxBytesPerFile)
                    {
                        start = AuditLogReader.NextRecordLikeLine(tail, out _);
                        if (start < 0) continue;
                    }
                    using var ms = new MemoryStream(tail);
                    Func<long, CsvHelper.CsvReader> open = offset =>
                    {
                        ms.Position = offset;
                        return CsvHelper.CsvReader.Create(ms, AuditLogReader.ReaderOptions(hasHeader: false), leaveOpen: true);
                    };
                    records.AddRange(AuditLogReader.ReadLegacyInput(open, file, Path.GetFileName(file), start, 0, long.MaxValue,
                        new RowFilter(new AuditQuery()), new ReadStats(), null, default));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { }
            }
            return records;
        }

        private static bool IsYearFolder(string name) => name.Length == 4 && name.All(char.IsDigit);

        /// <summary>
        /// At most <see cref="MaxBytesPerFile"/> bytes of a regular file with content, from its start or its end; null for
        /// anything else: a link, a FIFO or a device behind a log file's name is left alone (a FIFO would block the open, a
        /// device never end; both report no length).
        /// </summary>
        private static byte[]? ReadBoundedBytes(string file, bool fromEnd)
        {
            var info = new FileInfo(file);
            if ((info.Attributes & (FileAttributes.Directory | FileAttributes.Device | FileAttributes.ReparsePoint)) != 0 || info.Length == 0) return null;
            using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long length = fs.Length;
            var bytes = new byte[(int)Math.Min(length, MaxBytesPerFile)];
            if (fromEnd) fs.Position = length - bytes.Length;
            int read = 0;
            while (read < bytes.Length)
            {
                int n = fs.Read(bytes, read, bytes.Length - read);
                if (n == 0) break;
                read += n;
            }
            if (read < bytes.Length) Array.Resize(ref bytes, read);
            return bytes;
        }

        private static List<AuditEntry> ReadBounded(string file, bool firstOnly)
        {
            var records = new List<AuditEntry>();
            try
            {
                byte[]? head = ReadBoundedBytes(file, fromEnd: false);
                if (head == null) return records;
                // Only whole records: cut after the last CRLF, then read them as any query does.
                int end = head.Length;
                while (end >= 2 && !(head[end - 2] == '\r' && head[end - 1] == '\n')) end--;
                using var ms = new MemoryStream(head, 0, Math.Max(end, 0));
                foreach (AuditEntry e in AuditLogReader.ReadStoreStream(ms, file, null, new ReadStats(), default))
                {
                    records.Add(e);
                    if (firstOnly) break;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { }
            return records;
        }
    }
}
