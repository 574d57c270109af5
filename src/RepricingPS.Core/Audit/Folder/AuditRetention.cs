using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CsvHelper;

namespace RepricingPS.Core.Audit.Folder
{
    /// <summary>
    /// Retention, designed once for every store: whole day partitions (and, when asked, legacy files) older than a cutoff.
    /// It never leaves the root, never follows a link, and removes only files it can prove are audit files.
    /// </summary>
    public static class AuditRetention
    {
        /// <summary>
        /// The audit files older than <paramref name="olderThanDays"/> whole days before <paramref name="today"/>: day partitions
        /// proven by name and header, and with <paramref name="includeLegacy"/> legacy files proven by name and first record.
        /// Links and anything that is not a regular file are never listed (see <see cref="AuditLogReader.FindFiles"/>).
        /// </summary>
        public static List<RemovedLogFile> Expired(AuditLocation location, int olderThanDays, bool includeLegacy, DateTime today, ReadStats? stats = null)
        {
            DateTime cutoff = today.Date.AddDays(-olderThanDays);
            var result = new List<RemovedLogFile>();
            foreach (AuditFile f in new AuditLogReader(location).FindFiles(null, null, stats))
            {
                if (f.Kind == AuditFileKind.Store && f.Day.HasValue && f.Day.Value < cutoff && IsStorePartition(f.Path))
                {
                    result.Add(new RemovedLogFile { File = f.Path, Kind = "Store", Day = f.Day.Value, Bytes = new FileInfo(f.Path).Length });
                }
                else if (f.Kind == AuditFileKind.Legacy && includeLegacy && IsLegacyLog(f.Path))
                {
                    var info = new FileInfo(f.Path);
                    if (info.LastWriteTime < cutoff) result.Add(new RemovedLogFile { File = f.Path, Kind = "Legacy", Day = info.LastWriteTime, Bytes = info.Length });
                }
            }
            return result;
        }

        /// <summary>A day partition: its header names the store's columns, the five legacy ones first, and EntryId.</summary>
        internal static bool IsStorePartition(string path)
        {
            List<string>? header = FirstRecord(path);
            if (header == null || header.Count < 5) return false;
            for (int c = 0; c < 5; c++)
            {
                if (!string.Equals(header[c].TrimStart('\uFEFF').Trim(), StoreFormat.Columns[c], StringComparison.OrdinalIgnoreCase)) return false;
            }
            return header.Any(h => string.Equals(h.Trim(), "EntryId", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>A legacy log: its first record is the legacy header, or parses as a legacy row (a rotated file starts without a header).</summary>
        internal static bool IsLegacyLog(string path)
        {
            List<string>? first = FirstRecord(path);
            if (first == null || first.Count < 5) return false;
            string ts = first[0].TrimStart('\uFEFF');
            if (string.Equals(ts, "Timestamp", StringComparison.OrdinalIgnoreCase))
            {
                return string.Equals(first[1], "User", StringComparison.OrdinalIgnoreCase) && string.Equals(first[2], "Script", StringComparison.OrdinalIgnoreCase)
                       && string.Equals(first[3], "Message", StringComparison.OrdinalIgnoreCase) && string.Equals(first[first.Count - 1], "Status", StringComparison.OrdinalIgnoreCase);
            }
            return StoreFormat.TryParseLegacyTimestamp(System.Text.Encoding.UTF8.GetBytes(ts), out _);
        }

        private static List<string>? FirstRecord(string path)
        {
            try
            {
                using FileStream fs = SharedFile.OpenRead(path);
                // A bounded look: a proof never needs more than the first record, whatever the file holds.
                var head = new byte[64 * 1024];
                int n = 0, r;
                while (n < head.Length && (r = fs.Read(head, n, head.Length - n)) > 0) n += r;
                using CsvReader reader = CsvReader.Create(new ReadOnlyMemory<byte>(head, 0, n), AuditLogReader.ReaderOptions(hasHeader: false));
                if (!reader.Read()) return null;
                var fields = new List<string>(reader.Current.FieldCount);
                for (int i = 0; i < reader.Current.FieldCount; i++) fields.Add(reader.Current.GetString(i) ?? "");
                return fields;
            }
            catch (Exception ex) when (AuditLogReader.IsUnreadable(ex) || ex is CsvFormatException)
            {
                return null;
            }
        }

        /// <summary>
        /// Removes each file <paramref name="confirm"/> agrees to, going on past a refusal, so the result always says what
        /// was removed (for the audit entry) even when the run stops part-way.
        /// </summary>
        public static RetentionResult Apply(AuditLocation location, IEnumerable<RemovedLogFile> files, Func<RemovedLogFile, bool> confirm, Action<RemovedLogFile>? removed, RetentionResult result, CancellationToken cancel)
        {
            foreach (RemovedLogFile f in files)
            {
                cancel.ThrowIfCancellationRequested();
                if (!confirm(f)) continue;
                try
                {
                    Remove(location, f);
                }
                catch (RepricingException ex)
                {
                    result.Refused.Add(ex);
                    continue;
                }
                result.Removed.Add(f);
                removed?.Invoke(f);
            }
            return result;
        }

        /// <summary>
        /// Deletes one file and the month and year folders it leaves empty. Checked again just before: the file is inside
        /// the root, and neither it nor any folder between it and the root is a link (one swapped in since the listing).
        /// </summary>
        public static void Remove(AuditLocation location, RemovedLogFile file)
        {
            string root = location.Root.TrimEnd('/', '\\');
            string full = Path.GetFullPath(file.File);
            if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw Failures.AuditLogRetentionRefused.With(
                    $"'{full}' is not inside the log root '{root}'; retention never leaves the root.", full);
            }
            try
            {
                for (string? p = full; p != null && p.Length > root.Length; p = Path.GetDirectoryName(p))
                {
                    if ((File.GetAttributes(p) & FileAttributes.ReparsePoint) != 0)
                    {
                        throw Failures.AuditLogLinkRefused.With(
                            $"'{p}' is a link; retention does not remove through links. '{full}' was left in place.", p);
                    }
                }
                File.Delete(full);
                string? dir = Path.GetDirectoryName(full);
                while (dir != null && dir.Length > root.Length && Directory.Exists(dir) && Directory.GetFileSystemEntries(dir).Length == 0)
                {
                    Directory.Delete(dir);
                    dir = Path.GetDirectoryName(dir);
                }
            }
            catch (Exception ex) when (AuditLogReader.IsUnreadable(ex))
            {
                throw Failures.AuditLogRemoveFailed.With(
                    $"'{full}' could not be removed: {ex.Message}", full, ex);
            }
        }

        /// <summary>The INFO entry that records a retention run: what was removed and what was refused.</summary>
        public static AuditEntry AuditEntryFor(RetentionResult result, int olderThanDays)
        {
            var removed = result.Removed;
            string span = removed.Count == 0 ? "" : $", {removed.Min(f => f.Day):yyyy-MM-dd} to {removed.Max(f => f.Day):yyyy-MM-dd}";
            string refused = result.Refused.Count == 0 ? "" : $"; {result.Refused.Count} refused";
            return new AuditEntry
            {
                Script = "Remove-RepricingAuditLog",
                Status = result.Refused.Count == 0 ? AuditStatus.Info : AuditStatus.Warning,
                Action = "Retention",
                Message = $"Removed {removed.Count} audit log file(s) older than {olderThanDays} days ({removed.Count(f => f.Kind == "Store")} day partitions, " +
                          $"{removed.Count(f => f.Kind == "Legacy")} legacy files, {removed.Sum(f => f.Bytes):N0} bytes{span}){refused}",
                Details = string.Join(Environment.NewLine, removed.Select(f => f.File).Concat(result.Refused.Select(r => "refused: " + r.Message))),
            };
        }
    }
}
