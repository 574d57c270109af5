using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace RepricingPS.Core.Audit.Folder
{
    /// <summary>
    /// One block of a legacy file in its index: a run of whole records (it starts where a record starts, as a full read
    /// parses the file), the raw wall-clock range of their timestamps and the malformed rows among them.
    /// </summary>
    internal sealed class LegacyBlock
    {
        /// <summary>Byte offset of the block's first record.</summary>
        internal long Start;
        /// <summary>Lines of the file before <see cref="Start"/>, so reading from there reproduces every true line (and EntryId).</summary>
        internal long LinesBefore;
        /// <summary>Byte offset just past the block (where the next block starts, or the indexed length).</summary>
        internal long End;
        /// <summary>Earliest and latest timestamp, as written (local wall clock, never converted); no timestamp when Min &gt; Max.</summary>
        internal long MinTicks = long.MaxValue, MaxTicks = long.MinValue;
        /// <summary>A timestamp within 14 hours of the calendar's ends: whether it is malformed depends on the zone, so the block is always read.</summary>
        internal bool Edge;
        /// <summary>The malformed rows of the block (all of them zone-independent unless <see cref="Edge"/>).</summary>
        internal List<ReadProblem> Problems = new List<ReadProblem>();

        /// <summary>
        /// False only when no row of the block can fall between the wall-clock bounds (null: unbounded); a block without
        /// a timestamp holds no entry at all.
        /// </summary>
        internal bool MayHold(DateTime? low, DateTime? high) =>
            Edge || (MinTicks <= MaxTicks && (!low.HasValue || MaxTicks >= low.Value.Ticks) && (!high.HasValue || MinTicks <= high.Value.Ticks));
    }

    /// <summary>Collects the blocks of a legacy file while the one reader reads it (so the index sees exactly what a full read sees).</summary>
    internal sealed class LegacyIndexBuilder
    {
        private static readonly long EdgeLow = DateTime.MinValue.AddHours(14).Ticks;
        private static readonly long EdgeHigh = DateTime.MaxValue.AddHours(-14).Ticks;
        private readonly int _blockRecords;
        private LegacyBlock _current;
        private int _records;

        internal LegacyIndexBuilder(long start, long linesBefore, int blockRecords = LegacyIndex.BlockRecords)
        {
            _blockRecords = blockRecords;
            _current = new LegacyBlock { Start = start, LinesBefore = linesBefore };
        }

        internal List<LegacyBlock> Blocks { get; } = new List<LegacyBlock>();

        /// <summary>True when the block is full and the next record that starts like one begins a new block.</summary>
        internal bool WantsCut => _records >= _blockRecords;

        /// <summary>Ends the current block before the record at <paramref name="offset"/>, <paramref name="linesBefore"/> lines into the file.</summary>
        internal void Cut(long offset, long linesBefore)
        {
            _current.End = offset;
            Blocks.Add(_current);
            _current = new LegacyBlock { Start = offset, LinesBefore = linesBefore };
            _records = 0;
        }

        internal void Record() => _records++;

        internal void Time(DateTime wallClock)
        {
            long t = wallClock.Ticks;
            if (t < _current.MinTicks) _current.MinTicks = t;
            if (t > _current.MaxTicks) _current.MaxTicks = t;
            if (t < EdgeLow || t > EdgeHigh) _current.Edge = true;
        }

        internal void Problem(ReadProblem p) => _current.Problems.Add(p);

        /// <summary>The blocks, the last one ending at <paramref name="end"/>.</summary>
        internal List<LegacyBlock> Finish(long end)
        {
            _current.End = end;
            Blocks.Add(_current);
            return Blocks;
        }
    }

    /// <summary>
    /// The local index of a legacy file (issue 15): the file's blocks, kept in a per-user cache folder (never in the shared
    /// log folder), keyed by the file's full path, checked against its size, modification time and sampled content. An
    /// appended file keeps its blocks but the last (re-read from the last block's start, whose last record may have been
    /// cut short); a rewritten, truncated or replaced one is read again in full. Timestamps are kept as written (wall
    /// clock): a query widens its window by 14 hours either side (the most any zone is away from UTC), so one index serves
    /// every zone the reader may run in. A cache that is missing, stale, corrupt or cannot be written only costs a full read.
    /// </summary>
    internal sealed class LegacyIndex
    {
        internal const int BlockRecords = 4096;
        private const int SampleBytes = 65536;
        private const int Version = 1;
        private const long MaxProblemChars = 16 * 1024 * 1024;
        private static readonly byte[] Magic = Encoding.ASCII.GetBytes("RPSLIDX\n");
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>How far a wall-clock time can be from UTC in any zone (TimeZoneInfo allows ±14 hours).</summary>
        internal static readonly TimeSpan ZoneMargin = TimeSpan.FromHours(14);

        private LegacyIndex(string file, long length, long modified)
        {
            File = file;
            Length = length;
            Modified = modified;
        }

        internal string File { get; }
        internal long Length { get; }
        internal long Modified { get; }
        internal byte[] Prefix = Array.Empty<byte>();
        internal byte[] Tail = Array.Empty<byte>();
        internal List<LegacyBlock> Blocks = new List<LegacyBlock>();

        /// <summary>The cache file of a legacy file: one per full path.</summary>
        internal static string CacheFile(string indexRoot, string path)
        {
            string key = Path.GetFullPath(path);
            if (IsWindows) key = key.ToUpperInvariant();
            return Path.Combine(indexRoot, Hashing.Sha256Hex(key, 16) + ".idx");
        }

        /// <summary>The wall-clock bounds a row must fall in to be in the window in some zone; null where unbounded.</summary>
        internal static (DateTime? Low, DateTime? High) WallClockBounds(DateTimeOffset? since, DateTimeOffset? until)
        {
            DateTime? low = since.HasValue && since.Value.UtcDateTime.Ticks - DateTime.MinValue.Ticks > ZoneMargin.Ticks ? since.Value.UtcDateTime - ZoneMargin : (DateTime?)null;
            DateTime? high = until.HasValue && DateTime.MaxValue.Ticks - until.Value.UtcDateTime.Ticks > ZoneMargin.Ticks ? until.Value.UtcDateTime + ZoneMargin : (DateTime?)null;
            return (low, high);
        }

        /// <summary>
        /// The usable part of the cached index for the open file <paramref name="fs"/>: every block when the file is as
        /// indexed, all but the last when it only grew at the end, none otherwise; the rest of the file, from
        /// <paramref name="tailStart"/> (<paramref name="tailLines"/> lines into the file), is to be read and indexed.
        /// <paramref name="why"/> says why nothing was usable (null: no cache yet, or it was usable).
        /// </summary>
        internal static List<LegacyBlock> Usable(string indexRoot, string path, FileStream fs, long length, long modified, out long tailStart, out long tailLines, out string? why)
        {
            why = null;
            tailStart = 0;
            tailLines = 0;
            LegacyIndex? index;
            try
            {
                string cache = CacheFile(indexRoot, path);
                if (!System.IO.File.Exists(cache)) return new List<LegacyBlock>();
                index = Load(System.IO.File.ReadAllBytes(cache));
                if (index == null) { why = "the legacy index is corrupt; reading in full and rebuilding it"; return new List<LegacyBlock>(); }
                if (!string.Equals(index.File, Path.GetFullPath(path), StringComparison.Ordinal)) return new List<LegacyBlock>();
                if (length < index.Length || !Same(index.Prefix, Hash(fs, 0, Math.Min(SampleBytes, index.Length)))
                    || !Same(index.Tail, Hash(fs, Math.Max(0, index.Length - SampleBytes), index.Length)))
                {
                    why = "the file was rewritten or truncated since it was indexed; reading in full";
                    return new List<LegacyBlock>();
                }
                if (length == index.Length && modified != index.Modified)
                {
                    why = "the file was rewritten (same size, new modification time); reading in full";
                    return new List<LegacyBlock>();
                }
                MarkUsed(cache);
                LegacyBlock last = index.Blocks[index.Blocks.Count - 1];
                if (length == index.Length)
                {
                    tailStart = length;
                    return index.Blocks;
                }
                // Appended: the last block's last record may have been cut short by the writer; read that block again.
                index.Blocks.RemoveAt(index.Blocks.Count - 1);
                tailStart = last.Start;
                tailLines = last.LinesBefore;
                return index.Blocks;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                why = "the legacy index cannot be read (" + ex.Message + "); reading in full";
                return new List<LegacyBlock>();
            }
        }

        /// <summary>
        /// Saves the index of a file read to its end, unless the file changed while it was read. Writes a temporary file and
        /// renames it over the old one, so a reader (or a second process saving the same index) never sees half an index.
        /// Returns why it was not saved, or null.
        /// </summary>
        internal static string? TrySave(string indexRoot, string path, FileStream fs, long length, long modified, List<LegacyBlock> blocks)
        {
            string? temp = null;
            try
            {
                var f = new FileInfo(path);
                f.Refresh();
                if (f.Length != length || f.LastWriteTimeUtc.Ticks != modified || fs.Length != length) return null; // changed while read: next time
                long chars = 0;
                foreach (LegacyBlock b in blocks) foreach (ReadProblem p in b.Problems) chars += p.Raw.Length + p.Reason.Length;
                if (chars > MaxProblemChars) return null; // a file that is mostly malformed gains nothing from an index
                var index = new LegacyIndex(Path.GetFullPath(path), length, modified)
                {
                    Prefix = Hash(fs, 0, Math.Min(SampleBytes, length)),
                    Tail = Hash(fs, Math.Max(0, length - SampleBytes), length),
                    Blocks = blocks,
                };
                string cache = CacheFile(indexRoot, path);
                Directory.CreateDirectory(indexRoot);
                temp = cache + "." + Guid.NewGuid().ToString("N") + ".tmp";
                using (var w = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    byte[] bytes = index.Serialize();
                    w.Write(bytes, 0, bytes.Length);
                    w.Flush(true);
                }
                Replace(temp, cache);
                temp = null;
                Prune(indexRoot, DateTime.UtcNow);
                return null;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return "the legacy index could not be saved (" + ex.Message + "); the next query reads the file in full again";
            }
            finally
            {
                if (temp != null) try { System.IO.File.Delete(temp); } catch (Exception) { /* best effort: a stray temp file is harmless */ }
            }
        }

        /// <summary>
        /// How long an index no query has used is kept when its file is not there (the file may be on a drive that is offline
        /// for a while, or only unreachable at the moment another index is saved).
        /// </summary>
        internal static readonly TimeSpan KeepMissing = TimeSpan.FromDays(30);

        /// <summary>
        /// Records that a query used the index: its modification time is moved to now, at most once a day, so that
        /// <see cref="Prune"/> measures how long an index has gone unused, not how long its (retired, unchanging) file has.
        /// </summary>
        private static void MarkUsed(string cache)
        {
            try
            {
                DateTime now = DateTime.UtcNow;
                if (now - System.IO.File.GetLastWriteTimeUtc(cache) > TimeSpan.FromDays(1)) System.IO.File.SetLastWriteTimeUtc(cache, now);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A read-only index folder: the index may be pruned a little early one day, which only costs a full read.
            }
        }
        /// <summary>How old a temporary file of a save, or an unreadable index, must be before it is taken for abandoned.</summary>
        internal static readonly TimeSpan KeepAbandoned = TimeSpan.FromDays(1);

        /// <summary>
        /// Keeps the index folder from growing for ever (called after a save, which is rare: a file's first query or its
        /// first query after it changed). Deletes, directly in <paramref name="indexRoot"/> and only regular files named as
        /// this class names them: the index of a legacy file that is not there, once no query has used the index for
        /// <see cref="KeepMissing"/>; an index whose header is not this version's, and a save's temporary file, once
        /// <see cref="KeepAbandoned"/> old (a second process may be writing a fresh one). Files younger than that are not
        /// opened at all, and an index is read only as far as its header. Never fails the query.
        /// </summary>
        internal static int Prune(string indexRoot, DateTime nowUtc)
        {
            int removed = 0;
            string[] files;
            try { files = Directory.GetFiles(indexRoot); }
            catch (Exception ex) when (!(ex is OutOfMemoryException)) { return 0; }
            foreach (string file in files)
            {
                try
                {
                    string name = Path.GetFileName(file);
                    bool temporary = IsTemporaryName(name);
                    if (!temporary && !IsIndexName(name)) continue; // not ours
                    var info = new FileInfo(file);
                    if ((info.Attributes & (FileAttributes.Directory | FileAttributes.Device | FileAttributes.ReparsePoint)) != 0) continue; // not a file we wrote
                    TimeSpan age = nowUtc - info.LastWriteTimeUtc;
                    if (age <= KeepAbandoned) continue; // in use, or being written by another process
                    if (!temporary && info.Length > 0)
                    {
                        string? indexed = IndexedFile(file);
                        // Its file may be offline for a moment: only an index unused for KeepMissing goes, and only then.
                        if (indexed != null && (age <= KeepMissing || System.IO.File.Exists(indexed))) continue;
                    }
                    System.IO.File.Delete(file);
                    removed++;
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    // In use, already gone, or not ours to delete: the next save tries again.
                }
            }
            return removed;
        }

        /// <summary>32 lower-case hex digits and ".idx": the shape of <see cref="CacheFile"/>.</summary>
        private static bool IsIndexName(string name) => name.Length == 36 && name.EndsWith(".idx", StringComparison.Ordinal) && IsHex(name, 0, 32);

        /// <summary>An index name, a dot, 32 hex digits (a Guid "N") and ".tmp": the shape of a save's temporary file.</summary>
        private static bool IsTemporaryName(string name) =>
            name.Length == 36 + 1 + 32 + 4 && IsIndexName(name.Substring(0, 36)) && name[36] == '.' && IsHex(name, 37, 32)
            && name.EndsWith(".tmp", StringComparison.Ordinal);

        private static bool IsHex(string s, int start, int count)
        {
            for (int i = start; i < start + count; i++)
            {
                char c = s[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
            }
            return true;
        }

        /// <summary>The legacy file an index's header names, or null when the header is not this version's.</summary>
        private static string? IndexedFile(string cache)
        {
            // Only the header (at most 128 KB is read): an index can be megabytes, a file named like one may be anything, and
            // another process may be renaming a fresh index over it.
            var head = new byte[128 * 1024];
            int got = 0;
            using (var fs = new FileStream(cache, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                while (got < head.Length)
                {
                    int n = fs.Read(head, got, head.Length - got);
                    if (n <= 0) break;
                    got += n;
                }
            }
            using var r = new BinaryReader(new MemoryStream(head, 0, got), Encoding.UTF8);
            try
            {
                if (!Same(r.ReadBytes(Magic.Length), Magic) || r.ReadInt32() != Version) return null;
                string file = r.ReadString();
                return file.Length > 0 && file.Length < 32768 ? file : null;
            }
            catch (Exception ex) when (ex is EndOfStreamException || ex is FormatException)
            {
                return null;
            }
        }

        private static void Replace(string temp, string cache)
        {
#if NETSTANDARD2_0
            if (System.IO.File.Exists(cache)) System.IO.File.Replace(temp, cache, null);
            else
            {
                try { System.IO.File.Move(temp, cache); }
                catch (IOException) when (System.IO.File.Exists(cache)) { System.IO.File.Replace(temp, cache, null); } // another process won the race
            }
#else
            System.IO.File.Move(temp, cache, overwrite: true);
#endif
        }

        private static byte[] Hash(FileStream fs, long from, long to)
        {
            long keep = fs.Position;
            try
            {
                var buffer = new byte[to - from];
                fs.Position = from;
                int read = 0;
                while (read < buffer.Length)
                {
                    int n = fs.Read(buffer, read, buffer.Length - read);
                    if (n <= 0) break;
                    read += n;
                }
                using var sha = SHA256.Create();
                return sha.ComputeHash(buffer, 0, read);
            }
            finally
            {
                fs.Position = keep;
            }
        }

        private static bool Same(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        private byte[] Serialize()
        {
            using var ms = new MemoryStream();
            using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Magic);
                w.Write(Version);
                w.Write(File);
                w.Write(Length);
                w.Write(Modified);
                w.Write(Prefix.Length); w.Write(Prefix);
                w.Write(Tail.Length); w.Write(Tail);
                w.Write(Blocks.Count);
                foreach (LegacyBlock b in Blocks)
                {
                    w.Write(b.Start); w.Write(b.LinesBefore); w.Write(b.End);
                    w.Write(b.MinTicks); w.Write(b.MaxTicks); w.Write(b.Edge);
                    w.Write(b.Problems.Count);
                    foreach (ReadProblem p in b.Problems) { w.Write(p.Line); w.Write(p.Reason); w.Write(p.Raw); }
                }
            }
            byte[] body = ms.ToArray();
            using var sha = SHA256.Create();
            byte[] sum = sha.ComputeHash(body);
            var all = new byte[body.Length + sum.Length];
            body.CopyTo(all, 0);
            sum.CopyTo(all, body.Length);
            return all;
        }

        /// <summary>The index in <paramref name="bytes"/>, or null when they are not a whole, intact index of this version.</summary>
        internal static LegacyIndex? Load(byte[] bytes)
        {
            if (bytes.Length < Magic.Length + 32) return null;
            using (var sha = SHA256.Create())
            {
                byte[] sum = sha.ComputeHash(bytes, 0, bytes.Length - 32);
                for (int i = 0; i < 32; i++) if (sum[i] != bytes[bytes.Length - 32 + i]) return null;
            }
            try
            {
                using var r = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 32), Encoding.UTF8);
                if (!Same(r.ReadBytes(Magic.Length), Magic) || r.ReadInt32() != Version) return null;
                var index = new LegacyIndex(r.ReadString(), r.ReadInt64(), r.ReadInt64());
                index.Prefix = r.ReadBytes(r.ReadInt32());
                index.Tail = r.ReadBytes(r.ReadInt32());
                int count = r.ReadInt32();
                long previous = 0;
                for (int i = 0; i < count; i++)
                {
                    var b = new LegacyBlock
                    {
                        Start = r.ReadInt64(), LinesBefore = r.ReadInt64(), End = r.ReadInt64(),
                        MinTicks = r.ReadInt64(), MaxTicks = r.ReadInt64(), Edge = r.ReadBoolean(),
                    };
                    // Blocks tile the file from its start: anything else is not an index this reader wrote.
                    if (b.Start != previous || b.End < b.Start || b.End > index.Length) return null;
                    previous = b.End;
                    int problems = r.ReadInt32();
                    for (int j = 0; j < problems; j++) b.Problems.Add(new ReadProblem { File = index.File, Line = r.ReadInt64(), Reason = r.ReadString(), Raw = r.ReadString() });
                    index.Blocks.Add(b);
                }
                if (count == 0 || previous != index.Length || r.BaseStream.Position != r.BaseStream.Length) return null;
                return index;
            }
            catch (Exception ex) when (ex is EndOfStreamException || ex is IOException || ex is FormatException || ex is ArgumentException)
            {
                return null;
            }
        }
    }
}
