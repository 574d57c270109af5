using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using CsvHelper;

namespace RepricingPS.Core.Audit
{
    /// <summary>A row that could not be read as an entry: counted and reported, never silently dropped.</summary>
    public sealed class ReadProblem
    {
        /// <summary>The file.</summary>
        public string File { get; set; } = "";
        /// <summary>The 1-based line where the row starts.</summary>
        public long Line { get; set; }
        /// <summary>What is wrong.</summary>
        public string Reason { get; set; } = "";
        /// <summary>The row as it is in the file (cut to 200 characters).</summary>
        public string Raw { get; set; } = "";
    }

    /// <summary>What a read went through: files, entries in the window, malformed rows.</summary>
    public sealed class ReadStats
    {
        /// <summary>Every file opened, in reading order.</summary>
        public List<string> Files { get; } = new List<string>();
        /// <summary>Entries whose timestamp fell in the window (before the other filters).</summary>
        public long EntriesInWindow { get; set; }
        /// <summary>Malformed rows found (in every file read, whatever their time).</summary>
        public List<ReadProblem> Problems { get; } = new List<ReadProblem>();
        /// <summary>The number of malformed rows.</summary>
        public int MalformedRows => Problems.Count;
        /// <summary>Entries dropped because another copy (same EntryId) was read already.</summary>
        public int Duplicates { get; set; }
        /// <summary>A summary's warning about future-dated entries left out of its most-recent lists, or null.</summary>
        public string? FutureDatedWarning { get; set; }
        /// <summary>Folders and files that could not be read (no permission, a link out of the root, not a regular file), each with why.</summary>
        public List<string> SkippedSources { get; } = new List<string>();
        /// <summary>True when something was skipped, so the answer may be missing entries.</summary>
        public bool Incomplete => SkippedSources.Count > 0;
    }

    /// <summary>The kind of a file under a log root.</summary>
    public enum AuditFileKind
    {
        /// <summary>A day partition written by RepricingPS.</summary>
        Store,
        /// <summary>A file written by the earlier Python program.</summary>
        Legacy,
        /// <summary>Entries waiting in the local spool for this root.</summary>
        Spool,
    }

    /// <summary>A file a query will read.</summary>
    public sealed class AuditFile
    {
        internal AuditFile(string path, AuditFileKind kind, DateTime? day)
        {
            Path = path;
            Kind = kind;
            Day = day;
        }

        /// <summary>The full path.</summary>
        public string Path { get; }
        /// <summary>Store, legacy or spool.</summary>
        public AuditFileKind Kind { get; }
        /// <summary>The day of a store or spool partition.</summary>
        public DateTime? Day { get; }
    }

    /// <summary>Reads a log root: its day partitions in the window, every legacy file, and this root's spool (spec §5, §8).</summary>
    public sealed class AuditLogReader
    {
        private static readonly Regex LegacyName = new Regex(@"^audit_log\.csv(\.\d+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex PartitionName = new Regex(@"^(?<d>\d{4}-\d{2}-\d{2})_.+\.csv$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex Year = new Regex(@"^\d{4}$", RegexOptions.CultureInvariant);
        private static readonly Regex Month = new Regex(@"^\d{2}$", RegexOptions.CultureInvariant);

        private readonly AuditLocation _location;

        /// <summary>Creates a reader for a resolved root.</summary>
        public AuditLogReader(AuditLocation location) => _location = location;

        /// <summary>Fails with a FILE_ERROR when the root is missing, is a file, or cannot be listed.</summary>
        public void EnsureRootReadable()
        {
            string root = _location.Root;
            if (File.Exists(root))
            {
                throw new RepricingException(ErrorCategories.File, "LOG_ROOT_NOT_FOLDER", "AuditLogRootIsFile",
                    $"The audit log path '{root}' is a file, not a folder. Point -LogPath (or REPRICING_AUDIT_PATH, or Set-RepricingAuditConfiguration) at the log folder.", root);
            }
            if (!Directory.Exists(root))
            {
                throw new RepricingException(ErrorCategories.File, "LOG_ROOT_NOT_FOUND", "AuditLogNotFound",
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
                throw new RepricingException(ErrorCategories.File, "ACCESS_DENIED", "AuditLogAccessDenied",
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
            string spool = AuditStore.SpoolFolderFor(_location.SpoolRoot, root);
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

        private static void AddLegacy(List<FileSystemInfo>? items, List<AuditFile> files, ReadStats? stats = null)
        {
            if (items == null) return;
            var found = new List<string>();
            foreach (FileSystemInfo f in items)
            {
                if (f is FileInfo && LegacyName.IsMatch(f.Name) && IsReadableFile(f, stats)) found.Add(f.FullName);
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
                        ? ReadLegacyFile(f.Path, _location.Root, filter, stats, cancel)
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

        /// <summary>Reads a file written by the earlier Python program (spec §5).</summary>
        internal static IEnumerable<AuditEntry> ReadLegacyFile(string path, string root, RowFilter filter, ReadStats stats, CancellationToken cancel)
        {
            using FileStream fs = SharedFile.OpenRead(path);
            Func<long, CsvReader> open = offset =>
            {
                fs.Position = offset;
                return CsvReader.Create(fs, ReaderOptions(hasHeader: false), leaveOpen: true);
            };
            foreach (AuditEntry e in ReadLegacyInput(open, path, RelativeTo(root, path), 0, filter, stats, cancel)) yield return e;
        }

        /// <summary>Where a legacy read starts again after an unclosed quote ran into the next record.</summary>
        internal sealed class Resync
        {
            /// <summary>Byte offset, in the reader's input, of the line that starts like a record.</summary>
            internal long ByteOffset = -1;
            /// <summary>That line's 1-based number in the reader's input.</summary>
            internal long Line;
        }

        /// <summary>
        /// The legacy rows of an input, <paramref name="open"/> giving a reader from a byte offset of it, with
        /// <paramref name="lineOffset"/> lines before the input in the file. An unclosed quote costs only its own record:
        /// reading starts again, with a fresh reader, at the next line that starts like a record, and every record keeps
        /// its true line (and so its EntryId).
        /// </summary>
        internal static IEnumerable<AuditEntry> ReadLegacyInput(Func<long, CsvReader> open, string path, string relative, long lineOffset, RowFilter filter, ReadStats stats, CancellationToken cancel)
        {
            long start = 0;
            long lines = lineOffset;
            while (true)
            {
                var resync = new Resync();
                using (CsvReader reader = open(start))
                {
                    foreach (AuditEntry e in ReadLegacyRows(reader, path, relative, lines, filter, stats, resync, cancel)) yield return e;
                }
                if (resync.ByteOffset < 0) yield break;
                start += resync.ByteOffset;
                lines += resync.Line - 1;
            }
        }

        /// <summary>
        /// The legacy rows of a reader; <paramref name="lineOffset"/> is the number of lines before its input in the file.
        /// Stops at a record that an unclosed quote ran into the next one, counting it malformed and filling <paramref name="resync"/>.
        /// </summary>
        private static IEnumerable<AuditEntry> ReadLegacyRows(CsvReader reader, string path, string relative, long lineOffset, RowFilter filter, ReadStats stats, Resync resync, CancellationToken cancel)
        {
            long count = 0;
            while (reader.Read())
            {
                if ((++count & 0xFFFF) == 0) cancel.ThrowIfCancellationRequested();
                CsvRow row = reader.Current;
                int n = row.FieldCount;
                if (n == 1 && row.GetSpan(0).Length == 0) continue; // a blank line
                long line = lineOffset + reader.LineNumber;
                ReadOnlySpan<byte> raw = reader.RawRecord;
                if (raw.IndexOf((byte)'\n') >= 0)
                {
                    int next = NextRecordLikeLine(raw, out int breaks);
                    if (next >= 0)
                    {
                        stats.Problems.Add(Problem(path, line, $"an unclosed quote runs into the record at line {line + breaks}; read again from there", row));
                        resync.ByteOffset = reader.ByteOffset + next;
                        resync.Line = reader.LineNumber + breaks;
                        yield break;
                    }
                }
                if (n < 5)
                {
                    stats.Problems.Add(Problem(path, line, $"{n} fields, expected 5", row));
                    continue;
                }
                if (!StoreFormat.TryParseLegacyTimestamp(TrimBom(row.GetSpan(0)), out DateTime local))
                {
                    if (IsHeader(row)) continue; // the header, also when repeated
                    stats.Problems.Add(Problem(path, line, "Timestamp does not parse as yyyy-MM-dd HH:mm:ss", row));
                    continue;
                }
                if (!StoreFormat.TryFromLocal(local, filter.Zone, out DateTimeOffset ts))
                {
                    stats.Problems.Add(Problem(path, line, "Timestamp is at the end of the calendar and cannot be placed in time in this time zone", row));
                    continue;
                }
                if (!filter.PassTime(ts)) continue;
                stats.EntriesInWindow++;
                string user = row.GetString(1) ?? "";
                if (!filter.PassUser(user)) continue;
                string script = row.GetString(2) ?? "";
                string status = (row.GetString(n - 1) ?? "").Trim();
                if (!filter.PassScriptAndStatus(script, status)) continue;

                // More than five fields: an unquoted comma in the message. Fields 1-3 and the last are fixed;
                // the ones between are the message, re-joined with the commas the legacy writer lost.
                string message;
                if (n == 5) message = row.GetString(3) ?? "";
                else
                {
                    var parts = new string[n - 4];
                    for (int i = 3; i < n - 1; i++) parts[i - 3] = row.GetString(i) ?? "";
                    message = string.Join(",", parts);
                }
                AuditEntry e = FromLegacy(ts, user, script, message, status);
                e.Source = path + ":" + line.ToString(CultureInfo.InvariantCulture);
                e.EntryId = LegacyEntryId(relative, line, reader.RawRecord);
                if (!filter.PassMatch(e)) continue;
                yield return e;
            }
        }

        /// <summary>Builds an entry from a legacy row, filling what the message shape allows.</summary>
        internal static AuditEntry FromLegacy(DateTimeOffset ts, string user, string script, string message, string status)
        {
            MessageFields m = LegacyMessage.Parse(message);
            return new AuditEntry
            {
                Timestamp = ts,
                User = user,
                Script = script,
                Message = message,
                Status = status,
                Computer = m.Computer,
                Action = m.Action,
                File = m.File,
                ErrorType = m.ErrorType,
                Error = m.Error,
                Details = m.Stack,
                PSVersion = m.Runtime,
                OS = m.OS,
                IsLegacy = true,
            };
        }

        /// <summary>
        /// The offset in a multi-line record of the first line after its first that starts like a legacy record
        /// ("yyyy-MM-dd HH:mm:ss,"), and how many line breaks come before it; -1 when none does (a traceback in quotes).
        /// </summary>
        internal static int NextRecordLikeLine(ReadOnlySpan<byte> raw, out int breaks)
        {
            breaks = 0;
            for (int i = raw.IndexOf((byte)'\n'); i >= 0 && i < raw.Length; )
            {
                breaks++;
                int start = i + 1;
                if (StartsLikeRecord(raw.Slice(start))) return start;
                int n = raw.Slice(start).IndexOf((byte)'\n');
                if (n < 0) break;
                i = start + n;
            }
            return -1;
        }

        /// <summary>A line that begins with a legacy timestamp and a comma, as every legacy record does.</summary>
        internal static bool StartsLikeRecord(ReadOnlySpan<byte> line) =>
            line.Length >= 20 && line[19] == ',' && StoreFormat.TryParseLegacyTimestamp(line.Slice(0, 19), out _);

        private static bool IsHeader(CsvRow row) =>
            string.Equals(StripBom(row.GetString(0)), "Timestamp", StringComparison.OrdinalIgnoreCase)
            && string.Equals(row.GetString(1), "User", StringComparison.OrdinalIgnoreCase);

        private static ReadOnlySpan<byte> TrimBom(ReadOnlySpan<byte> s) =>
            s.Length >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? s.Slice(3) : s;

        private static string StripBom(string? s) => s == null ? "" : s.TrimStart('\uFEFF');

        private static string LegacyEntryId(string relativePath, long line, ReadOnlySpan<byte> raw)
        {
            byte[] head = Encoding.UTF8.GetBytes(relativePath + "\n" + line.ToString(CultureInfo.InvariantCulture) + "\n");
            byte[] all = new byte[head.Length + raw.Length];
            head.CopyTo(all, 0);
            raw.CopyTo(all.AsSpan(head.Length));
            return "legacy-" + Hashing.Sha256Hex(all, 16);
        }

        internal static string RelativeTo(string root, string path)
        {
            string r = root.TrimEnd('/', '\\');
            string rel = path.StartsWith(r, StringComparison.OrdinalIgnoreCase) ? path.Substring(r.Length).TrimStart('/', '\\') : path;
            return rel.Replace('\\', '/').ToLowerInvariant();
        }

        private static ReadProblem Problem(string path, long line, string reason, CsvRow row)
        {
            string raw = row.ToString();
            return new ReadProblem { File = path, Line = line, Reason = reason, Raw = raw.Length > 200 ? raw.Substring(0, 200) : raw };
        }

        /// <summary>Reads a day partition or spool file written by RepricingPS (spec §7).</summary>
        internal static IEnumerable<AuditEntry> ReadStoreFile(string path, RowFilter filter, ReadStats stats, CancellationToken cancel)
        {
            using FileStream fs = SharedFile.OpenRead(path);
            foreach (AuditEntry e in ReadStoreStream(fs, path, filter, stats, cancel)) yield return e;
        }

        internal static IEnumerable<AuditEntry> ReadStoreStream(Stream stream, string path, RowFilter? filter, ReadStats stats, CancellationToken cancel)
        {
            using CsvReader reader = CsvReader.Create(stream, ReaderOptions(hasHeader: true), leaveOpen: true);
            int[]? index = StoreHeader(reader, path, stats);
            if (index == null) yield break;
            foreach (AuditEntry e in ReadStoreRows(reader, index, reader.Headers.Count, path, 0, filter, stats, cancel)) yield return e;
        }

        /// <summary>Maps a store file's header; null (and a problem) when it is not an audit log header.</summary>
        internal static int[]? StoreHeader(CsvReader reader, string path, ReadStats stats)
        {
            IReadOnlyList<string> headers = reader.Headers;
            int[] index = ColumnIndex(headers);
            if (index[0] >= 0 && index[4] >= 0) return index;
            stats.Problems.Add(new ReadProblem { File = path, Line = 1, Reason = "no Timestamp/Status header: not an audit log file", Raw = string.Join(",", headers) });
            return null;
        }

        /// <summary>The records of a store file reader, mapped by <paramref name="index"/>; <paramref name="lineOffset"/> lines precede its input.</summary>
        internal static IEnumerable<AuditEntry> ReadStoreRows(CsvReader reader, int[] index, int headerCount, string path, long lineOffset, RowFilter? filter, ReadStats stats, CancellationToken cancel)
        {
            long count = 0;
            while (reader.Read())
            {
                if ((++count & 0xFFFF) == 0) cancel.ThrowIfCancellationRequested();
                CsvRow row = reader.Current;
                int n = row.FieldCount;
                if (n == 1 && row.GetSpan(0).Length == 0) continue;
                long line = lineOffset + reader.LineNumber;
                if (n != headerCount)
                {
                    stats.Problems.Add(Problem(path, line, $"{n} fields, expected {headerCount}", row));
                    continue;
                }
                if (!StoreFormat.TryParseTimestamp(row.GetString(index[0]) ?? "", out DateTimeOffset ts))
                {
                    stats.Problems.Add(Problem(path, line, "Timestamp does not parse", row));
                    continue;
                }
                if (filter != null && !filter.PassTime(ts)) continue;
                stats.EntriesInWindow++;
                string user = Field(row, index[1]);
                if (filter != null && !filter.PassUser(user)) continue;
                string script = Field(row, index[2]);
                string status = Field(row, index[4]);
                if (filter != null && !filter.PassScriptAndStatus(script, status)) continue;
                var e = new AuditEntry
                {
                    Timestamp = ts,
                    User = user,
                    Script = script,
                    Message = Field(row, index[3]),
                    Status = status,
                    Computer = Field(row, index[5]),
                    Action = Field(row, index[6]),
                    File = Field(row, index[7]),
                    ErrorType = Field(row, index[8]),
                    Error = Field(row, index[9]),
                    Details = Field(row, index[10]),
                    SessionId = Field(row, index[11]),
                    EntryId = Field(row, index[12]),
                    PSVersion = Field(row, index[13]),
                    OS = Field(row, index[14]),
                    Source = path + ":" + line.ToString(CultureInfo.InvariantCulture),
                };
                if (filter != null && !filter.PassMatch(e)) continue;
                yield return e;
            }
        }

        /// <summary>For each store column, its position in this file's header, or -1.</summary>
        internal static int[] ColumnIndex(IReadOnlyList<string> headers)
        {
            var index = new int[StoreFormat.Columns.Length];
            for (int c = 0; c < index.Length; c++)
            {
                index[c] = -1;
                for (int h = 0; h < headers.Count; h++)
                {
                    if (string.Equals(headers[h].TrimStart('\uFEFF').Trim(), StoreFormat.Columns[c], StringComparison.OrdinalIgnoreCase)) { index[c] = h; break; }
                }
            }
            return index;
        }

        private static string Field(CsvRow row, int index) =>
            index < 0 ? "" : StoreFormat.Unprotect(row.GetString(index) ?? "");
    }
}
