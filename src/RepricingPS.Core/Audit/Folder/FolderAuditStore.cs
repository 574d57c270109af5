using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace RepricingPS.Core.Audit.Folder
{
    /// <summary>
    /// The one audit writer (spec §7): one file per day and writer identity, exclusive append with seek-to-end,
    /// flush to disk, bounded randomised retry, the local spool when the root cannot be written, and its drain.
    /// </summary>
    public sealed partial class FolderAuditStore : IAuditStore
    {
        private static readonly object ProcessLock = new object();
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        private readonly AuditLocation _location;
        private readonly TimeSpan _lockTimeout;

        /// <summary>Creates a writer for a resolved root.</summary>
        public FolderAuditStore(AuditLocation location) : this(location, TimeSpan.FromSeconds(5)) { }

        internal FolderAuditStore(AuditLocation location, TimeSpan lockTimeout)
        {
            _location = location;
            _lockTimeout = lockTimeout;
        }

        /// <summary>The root this store writes to.</summary>
        public AuditLocation Location => _location;

        /// <inheritdoc/>
        public string Root => _location.Root;

        /// <inheritdoc/>
        public List<AuditEntry> Read(AuditQuery query, ReadStats stats, IProgress<string>? progress, CancellationToken cancel) =>
            new AuditLogReader(_location).Read(query, stats, progress, cancel);

        /// <inheritdoc/>
        public ErrorSummary Summarize(AuditQuery window, ReadStats stats, int days, int top, DateTimeOffset now, IProgress<string>? progress, CancellationToken cancel) =>
            SupportReports.Summarize(Read(window, stats, progress, cancel), stats, window, days, top, now);

        /// <inheritdoc/>
        public IAuditTail Follow(AuditQuery query, int last) => new AuditTail(_location, query, last);


        /// <summary>A user or computer name made safe for a file name: no separators, no "..", nothing but letters, digits, '-', '_' and '.'.</summary>
        internal static string Sanitize(string name)
        {
            var sb = new StringBuilder(name.Length);
            foreach (char c in name)
            {
                sb.Append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ? c : '_');
            }
            string s = sb.ToString().Replace("..", "_").Trim('.');
            return s.Length == 0 ? "unknown" : s;
        }

        /// <summary>The partition file name of an entry: its writer's local day, user and computer.</summary>
        internal static string PartitionFileName(AuditEntry e) =>
            e.Timestamp.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "_" + Sanitize(e.User) + "_" + Sanitize(e.Computer) + ".csv";

        /// <summary>The full path of the day partition an entry belongs to under a root.</summary>
        internal static string PartitionPath(string root, AuditEntry e) =>
            Path.Combine(root, e.Timestamp.ToString("yyyy", CultureInfo.InvariantCulture), e.Timestamp.ToString("MM", CultureInfo.InvariantCulture), PartitionFileName(e));

        /// <summary>
        /// Appends one entry; it is on disk when this returns. When the root cannot be written the entry goes to the
        /// local spool (the result says why); when the root can be written, spooled entries for it are moved there too.
        /// Throws only when neither the root nor the spool can be written.
        /// </summary>
        public AppendResult Append(AuditEntry entry)
        {
            var records = new[] { entry };
            string? reason = CheckRootWritable();
            if (reason == null)
            {
                string path = PartitionPath(_location.Root, entry);
                try
                {
                    PrepareFolder(_location.Root, Path.GetDirectoryName(path)!);
                    AppendRecords(path, records, skipPresent: false, out string written);
                    return DrainAfterStored(new AppendResult { File = written });
                }
                catch (Exception ex) when (IsWriteFailure(ex))
                {
                    reason = ex.Message;
                }
            }
            return Spool(entry, reason);
        }


        /// <summary>Why the root cannot be written now, or null when it can (it may still fail on the write itself).</summary>
        public string? CheckRootWritable()
        {
            string root = _location.Root;
            try
            {
                if (File.Exists(root)) return $"the log root '{root}' is a file, not a folder";
                if (!Directory.Exists(root))
                {
                    // Spec §7 "A missing root": create it when the folder above it is there (as logging libraries create
                    // their folder); when that is missing too (a share or OneDrive folder not there), it is unreachable.
                    string? parent = Path.GetDirectoryName(root.TrimEnd('/', '\\'));
                    if (!_location.CreateIfMissing && (parent == null || !Directory.Exists(parent)))
                    {
                        return $"the log root '{root}' does not exist or cannot be reached (nor does the folder above it)";
                    }
                    Directory.CreateDirectory(root);
                }
                return null;
            }
            catch (Exception ex) when (IsWriteFailure(ex))
            {
                return ex.Message;
            }
        }

        private static bool IsWriteFailure(Exception ex) =>
            ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is System.Security.SecurityException || ex is ArgumentException;

        /// <summary>Creates the year and month folders below the root, refusing any that is a link to elsewhere.</summary>
        private static void PrepareFolder(string root, string dir)
        {
            Directory.CreateDirectory(dir);
            string current = dir;
            string top = root.TrimEnd('/', '\\');
            while (current.Length > top.Length)
            {
                if ((File.GetAttributes(current) & FileAttributes.ReparsePoint) != 0)
                {
                    throw new IOException($"'{current}' is a link; the audit log is not written through links");
                }
                current = Path.GetDirectoryName(current)!;
            }
        }

        /// <summary>
        /// Appends whole records under an exclusive write lock: no write sharing (and, where the OS does not
        /// enforce that, a byte-range lock), seek to the end, repair a torn last record, write, flush to disk, close.
        /// A sharing violation is retried with a short randomised back-off for a bounded time.
        /// </summary>
        /// <param name="path">The file.</param>
        /// <param name="entries">The entries, each written as one complete record chained to the one before.</param>
        /// <param name="skipPresent">Drop entries whose EntryId the file already holds (the drain).</param>
        internal int AppendRecords(string path, IList<AuditEntry> entries, bool skipPresent) => AppendRecords(path, entries, skipPresent, out _);

        /// <summary>As above; <paramref name="written"/> is the file actually written (a later variant after a format change).</summary>
        internal int AppendRecords(string path, IList<AuditEntry> entries, bool skipPresent, out string written)
        {
            if (File.Exists(path) && (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0)
            {
                throw new IOException($"'{path}' is a link; the audit log is not written through links");
            }
            var random = new Random(Guid.NewGuid().GetHashCode());
            DateTime deadline = DateTime.UtcNow + _lockTimeout;
            int variant = 1;
            string basePath = path;
            lock (ProcessLock)
            {
                while (true)
                {
                    FileStream? fs = null;
                    try
                    {
                        // Unbuffered (bufferSize 1): a failed write leaves nothing behind in a buffer that a later flush could add.
                        fs = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
                        LockAgainstOtherWriters(fs);
                        if (!HasCurrentHeader(fs))
                        {
                            // Written by another version of the format (an upgrade during the day): keep that file as it is
                            // and append to the next variant of the day's partition, which readers find by the same pattern.
                            path = basePath.Substring(0, basePath.Length - 4) + "-" + (++variant).ToString(CultureInfo.InvariantCulture) + ".csv";
                            continue;
                        }
                        written = path;
                        return WriteLocked(fs, path, entries, skipPresent);
                    }
                    catch (IOException ex) when (IsSharingViolation(ex) && DateTime.UtcNow < deadline)
                    {
                        fs?.Dispose();
                        fs = null;
                        Thread.Sleep(random.Next(2, 25));
                    }
                    finally
                    {
                        fs?.Dispose();
                    }
                }
            }
        }

        // Built by the first write that checks a header, not when a read-only query first touches this class (its spool
        // folder rule): building it runs a CsvWriter, which a fresh process would otherwise JIT-compile for a query (issue 15).
        private static readonly Lazy<byte[]> CurrentHeader = new Lazy<byte[]>(StoreFormat.HeaderBytes);

        /// <summary>An empty file, or one that starts with this version's header.</summary>
        private static bool HasCurrentHeader(FileStream fs)
        {
            if (fs.Length == 0) return true;
            byte[] current = CurrentHeader.Value;
            if (fs.Length < current.Length) return false;
            var head = new byte[current.Length];
            fs.Position = 0;
            int read = 0;
            while (read < head.Length) { int n = fs.Read(head, read, head.Length - read); if (n <= 0) return false; read += n; }
            return head.AsSpan().SequenceEqual(current);
        }

        /// <summary>
        /// Windows enforces "no write sharing" itself. Linux does not (FileShare there is advisory and shared for
        /// writers), so a byte-range lock makes writers in different processes take turns; readers are not affected.
        /// </summary>
        private static void LockAgainstOtherWriters(FileStream fs)
        {
#pragma warning disable CA1416 // Lock is called on Linux only; macOS has no FileStream.Lock (see README, not done yet).
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) fs.Lock(0, 1);
#pragma warning restore CA1416
        }

        private static int WriteLocked(FileStream fs, string path, IList<AuditEntry> entries, bool skipPresent)
        {
            if (skipPresent && fs.Length > 0)
            {
                var ids = new HashSet<string>(StringComparer.Ordinal);
                fs.Position = 0;
                foreach (AuditEntry e in AuditLogReader.ReadStoreStream(fs, path, null, new ReadStats(), CancellationToken.None)) ids.Add(e.EntryId);
                entries = entries.Where(e => !ids.Contains(e.EntryId)).ToList();
            }
            if (entries.Count == 0) return 0;
            long length = fs.Length;
            using var buffer = new MemoryStream();
            string previousHash = "";
            if (length == 0)
            {
                byte[] header = StoreFormat.HeaderBytes();
                buffer.Write(header, 0, header.Length);
            }
            else
            {
                byte[] repair = TornRecordRepair(fs, length);
                buffer.Write(repair, 0, repair.Length);
                // After a torn record the chain starts again (Test-RepricingAuditLog reports the torn row itself), except when
                // the last record lost only its line break: it is whole, so the chain goes on from its hash, as the checker's does.
                if (repair.Length == 0) previousHash = StoreFormat.LastHash(fs, length);
                else if (repair.Length == 2) previousHash = StoreFormat.LastHash(fs, length, lineBreak: false);
            }
            foreach (AuditEntry e in entries)
            {
                byte[] r = StoreFormat.RecordBytes(e, previousHash, out previousHash);
                buffer.Write(r, 0, r.Length);
            }
            fs.Position = length;
            try
            {
                fs.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
                fs.Flush(flushToDisk: true);
            }
            catch (IOException)
            {
                // Disk full or the share went away mid-write: cut the file back to its last complete record, so a failed
                // append leaves no torn record (and no chain break) behind; the entry goes to the spool instead.
                RollBack(fs, length);
                throw;
            }
            return entries.Count;
        }

        private static void RollBack(FileStream fs, long length)
        {
            try
            {
                fs.SetLength(length);
                fs.Flush(flushToDisk: true);
            }
            catch (IOException)
            {
                // Could not even cut it back: the next append repairs the torn record (TornRecordRepair).
            }
        }

        /// <summary>
        /// A writer that died mid-record leaves a file that does not end in a line break. The next append starts
        /// on a fresh line, closing a quote left open, so the torn record costs only itself.
        /// </summary>
        private static byte[] TornRecordRepair(FileStream fs, long length)
        {
            fs.Position = length - 1;
            if (fs.ReadByte() == '\n') return Array.Empty<byte>();
            fs.Position = 0;
            long quotes = 0;
            var buf = new byte[1 << 16];
            int n;
            while ((n = fs.Read(buf, 0, buf.Length)) > 0)
            {
                for (int i = 0; i < n; i++) if (buf[i] == '"') quotes++;
            }
            return (quotes & 1) == 1 ? new byte[] { (byte)'"', (byte)'\r', (byte)'\n' } : new byte[] { (byte)'\r', (byte)'\n' };
        }

        private static bool IsSharingViolation(IOException ex)
        {
            if (ex is FileNotFoundException || ex is DirectoryNotFoundException || ex is PathTooLongException) return false;
            int code = ex.HResult & 0xFFFF;
            // Windows: ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33). Unix: .NET reports EWOULDBLOCK/EAGAIN (11) locks with these too.
            return code == 32 || code == 33 || code == 11 || ex.Message.IndexOf("used by another process", StringComparison.OrdinalIgnoreCase) >= 0
                   || ex.Message.IndexOf("locked", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        /// <summary>Test hook: runs between a stored append and its drain (to make the root vanish at that moment).</summary>
        internal Action? BeforeDrain { get; set; }

        /// <summary>
        /// The entry is stored: whatever the drain meets now (the root flapping away, a damaged spool file) is reported
        /// on the result, never thrown, so a caller never retries, and doubles, an entry that is already on disk.
        /// </summary>
        private AppendResult DrainAfterStored(AppendResult stored)
        {
            string spoolDir = SpoolFolderFor(_location.SpoolRoot, _location.Root);
            try
            {
                BeforeDrain?.Invoke();
                if (Directory.Exists(spoolDir)) stored.Drained = DrainSpool(CancellationToken.None);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // The entries stay spooled; the next write or Sync-RepricingAuditLog tries again.
                stored.DrainProblem = ex.Message;
            }
            return stored;
        }



    }
}
