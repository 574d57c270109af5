using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using CsvHelper;

namespace RepricingPS.Core.Audit.Folder
{
    /// <summary>Reads a log root: its day partitions in the window, every legacy file, and this root's spool (spec §5, §8).</summary>
    public sealed partial class AuditLogReader
    {
        private static readonly Regex LegacyName = new Regex(@"^audit_log\.csv(\.\d+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex PartitionName = new Regex(@"^(?<d>\d{4}-\d{2}-\d{2})_.+\.csv$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Year = new Regex(@"^\d{4}$", RegexOptions.CultureInvariant);
        private static readonly Regex Month = new Regex(@"^\d{2}$", RegexOptions.CultureInvariant);

        private readonly AuditLocation _location;

        /// <summary>Creates a reader for a resolved root.</summary>
        public AuditLogReader(AuditLocation location) => _location = location;

        /// <summary>Records per block of a legacy file's index (tests make it small to get many blocks from a small file).</summary>
        internal int LegacyBlockRecords { get; set; } = LegacyIndex.BlockRecords;

        /// <summary>Fails with a FILE_ERROR when the root is missing, is a file, or cannot be listed.</summary>
        public void EnsureRootReadable()
        {
            string root = _location.Root;
            if (File.Exists(root))
            {
                throw Failures.AuditLogRootIsFile.With(
                    $"The audit log path '{root}' is a file, not a folder. Point -LogPath (or REPRICING_AUDIT_PATH, or Set-RepricingAuditConfiguration) at the log folder.", root);
            }
            if (!Directory.Exists(root))
            {
                throw Failures.AuditLogNotFound.With(
                    $"The audit log folder '{root}' does not exist or cannot be reached. This is not 'no errors': check the path " +
                    "(Get-RepricingAuditConfiguration), that the share or OneDrive folder is available and synced, and your access to it.", root);
            }
        }

        /// <summary>
        /// The files a query for this window reads: partitions whose day is in the window (±1 day for time zones), every
        /// legacy file, this root's spool. Below the root nothing is followed through a link, only regular files with
        /// content are taken (never a FIFO or a device behind a file name), and a folder that cannot be listed is skipped
        /// and named in <paramref name="stats"/> (SkippedSources) instead of failing the whole query.
        /// </summary>
        public List<AuditFile> FindFiles(DateTimeOffset? since, DateTimeOffset? until, ReadStats? stats = null)
        {
            EnsureRootReadable();
            string root = _location.Root;
            var files = new List<AuditFile>();
            // One day either side for time zones; none past the ends of the calendar.
            DateTime? first = since.HasValue && since.Value.Date > DateTime.MinValue ? since.Value.Date.AddDays(-1) : (DateTime?)null;
            DateTime? last = until.HasValue && until.Value.Date < DateTime.MaxValue.Date ? until.Value.Date.AddDays(1) : (DateTime?)null;
            List<FileSystemInfo>? top = List(new DirectoryInfo(root), stats);
            if (top == null)
            {
                throw Failures.AuditLogAccessDenied.With(
                    $"The audit log folder '{root}' cannot be read. Ask for read access to the folder.", root);
            }
            AddLegacy(top, files, stats);
            foreach (FileSystemInfo item in top)
            {
                if (!(item is DirectoryInfo dir) || IsLink(item, stats)) continue;
                if (Year.IsMatch(dir.Name))
                {
                    int y = int.Parse(dir.Name, CultureInfo.InvariantCulture);
                    if ((first.HasValue && y < first.Value.Year) || (last.HasValue && y > last.Value.Year)) continue;
                    foreach (FileSystemInfo mitem in List(dir, stats) ?? new List<FileSystemInfo>())
                    {
                        if (!(mitem is DirectoryInfo mdir) || !Month.IsMatch(mdir.Name) || IsLink(mitem, stats)) continue;
                        int mo = int.Parse(mdir.Name, CultureInfo.InvariantCulture);
                        if (mo < 1 || mo > 12) continue;
                        var monthStart = new DateTime(y, mo, 1);
                        if ((first.HasValue && monthStart.AddMonths(1) <= first.Value) || (last.HasValue && monthStart > last.Value)) continue;
                        AddPartitions(List(mdir, stats), AuditFileKind.Store, first, last, files, stats);
                    }
                }
                else
                {
                    AddLegacy(List(dir, stats), files, stats);
                }
            }
            string spool = FolderAuditStore.SpoolFolderFor(_location.SpoolRoot, root);
            if (Directory.Exists(spool)) AddPartitions(List(new DirectoryInfo(spool), stats), AuditFileKind.Spool, first, last, files, stats);
            return files;
        }

        /// <summary>The entries of a folder, or null (and a skipped source) when it cannot be listed.</summary>
        private static List<FileSystemInfo>? List(DirectoryInfo dir, ReadStats? stats)
        {
            try
            {
                return new List<FileSystemInfo>(dir.GetFileSystemInfos());
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException || ex is System.Security.SecurityException)
            {
                stats?.SkippedSources.Add($"{dir.FullName} (cannot be listed: {ex.Message})");
                return null;
            }
        }

        /// <summary>A link (symbolic link, junction) is never followed: a query or retention never leaves the root through one.</summary>
        private static bool IsLink(FileSystemInfo item, ReadStats? stats)
        {
            if ((item.Attributes & FileAttributes.ReparsePoint) == 0) return false;
            stats?.SkippedSources.Add($"{item.FullName} (a link; links are not followed out of the log root)");
            return true;
        }

        /// <summary>
        /// A regular file with content. A FIFO or a device reports no length, and an empty file has nothing to read, so
        /// neither is opened (opening a FIFO would wait for a writer forever; /dev/zero never ends).
        /// </summary>
        private static bool IsReadableFile(FileSystemInfo item, ReadStats? stats) =>
            item is FileInfo f && !IsLink(item, stats) && f.Length > 0;

        /// <summary>audit_log.csv or a rotation of it (audit_log.csv.1, ...), in any case: a file the earlier program wrote.</summary>
        internal static bool IsLegacyName(string fileName) => LegacyName.IsMatch(fileName);

        private static void AddLegacy(List<FileSystemInfo>? items, List<AuditFile> files, ReadStats? stats = null)
        {
            if (items == null) return;
            var found = new List<string>();
            foreach (FileSystemInfo f in items)
            {
                if (f is FileInfo && IsLegacyName(f.Name) && IsReadableFile(f, stats)) found.Add(f.FullName);
            }
            found.Sort(StringComparer.OrdinalIgnoreCase);
            foreach (string f in found) files.Add(new AuditFile(f, AuditFileKind.Legacy, null));
        }

        private static void AddPartitions(List<FileSystemInfo>? items, AuditFileKind kind, DateTime? first, DateTime? last, List<AuditFile> files, ReadStats? stats)
        {
            if (items == null) return;
            var found = new List<string>();
            foreach (FileSystemInfo f in items)
            {
                if (!(f is FileInfo)) continue;
                Match m = PartitionName.Match(f.Name);
                if (!m.Success) continue;
                if (!DateTime.TryParseExact(m.Groups["d"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day)) continue;
                if ((first.HasValue && day < first.Value) || (last.HasValue && day > last.Value)) continue;
                if (IsReadableFile(f, stats)) found.Add(f.FullName);
            }
            found.Sort(StringComparer.Ordinal);
            foreach (string f in found)
            {
                Match m = PartitionName.Match(System.IO.Path.GetFileName(f));
                files.Add(new AuditFile(f, kind, DateTime.ParseExact(m.Groups["d"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }

        /// <summary>
        /// Reads every matching entry, de-duplicated on EntryId, oldest first (stable: ties keep file and line order).
        /// Reading streams row by row; only matching entries are kept.
        /// </summary>
        public List<AuditEntry> Read(AuditQuery query, ReadStats stats, IProgress<string>? progress = null, CancellationToken cancel = default)
        {
            var filter = new RowFilter(query);
            var files = FindFiles(query.Since, query.Until, stats);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<AuditEntry>();
            foreach (AuditFile f in files)
            {
                cancel.ThrowIfCancellationRequested();
                progress?.Report(f.Path);
                stats.Files.Add(f.Path);
                var fromFile = new List<AuditEntry>();
                try
                {
                    IEnumerable<AuditEntry> rows = f.Kind == AuditFileKind.Legacy
                        ? ReadLegacyFile(f.Path, _location.Root, filter, stats, cancel, _location.IndexRoot, why => progress?.Report($"{f.Path} ({why})"), LegacyBlockRecords)
                        : ReadStoreFile(f.Path, filter, stats, cancel);
                    foreach (AuditEntry e in rows) fromFile.Add(e);
                }
                catch (Exception ex) when (IsUnreadable(ex))
                {
                    // One unreadable partition must not block every query: skip it and say so.
                    stats.SkippedSources.Add($"{f.Path} (cannot be read: {ex.Message})");
                    continue;
                }
                foreach (AuditEntry e in fromFile)
                {
                    if (e.EntryId.Length > 0 && !seen.Add(e.EntryId)) { stats.Duplicates++; continue; }
                    result.Add(e);
                }
            }
            SortOldestFirst(result);
            return result;
        }

        /// <summary>A file that vanished, lost its permission or is locked between listing and reading.</summary>
        internal static bool IsUnreadable(Exception ex) =>
            ex is UnauthorizedAccessException || (ex is IOException && !(ex is PathTooLongException)) || ex is System.Security.SecurityException;

        /// <summary>Stable sort by timestamp; entries read earlier win ties.</summary>
        internal static void SortOldestFirst(List<AuditEntry> entries)
        {
            var order = new Dictionary<AuditEntry, int>(entries.Count);
            for (int i = 0; i < entries.Count; i++) order[entries[i]] = i;
            entries.Sort((a, b) =>
            {
                int c = a.Timestamp.UtcDateTime.CompareTo(b.Timestamp.UtcDateTime);
                return c != 0 ? c : order[a].CompareTo(order[b]);
            });
        }


        internal static CsvReaderOptions ReaderOptions(bool hasHeader) => CsvReaderOptions.Default with
        {
            HasHeader = hasHeader,
            Separator = ',',
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };

    }
}
