using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CsvHelper;

namespace RepricingPS.Core.Audit.Folder
{
    /// <summary>
    /// Follows a log root like Get-Content -Wait: each poll reads what was appended to every file of the window since
    /// the last poll, up to the last complete record (never a partial one), and picks up new files (a new day, a new
    /// writer). Entries already returned are never returned again. The first poll can be asked for only the newest N, as
    /// Get-RepricingAuditLog -Last N gives them: entries dated over 24 hours ahead stay out of those N (with
    /// <see cref="ReadStats.FutureDatedWarning"/> saying so), and it holds at most 1.25 N entries at once while it reads (a
    /// week of a busy log is a million entries).
    /// </summary>
    public sealed class AuditTail : IAuditTail
    {
        private const int BlockSize = 8 << 20;

        private sealed class FileState
        {
            public long Offset;
            public long Lines;
            public int[]? Index;
            public int HeaderCount;
        }

        private readonly AuditLogReader _reader;
        private readonly AuditLocation _location;
        private readonly AuditQuery _query;
        private readonly RowFilter _filter;
        private readonly Dictionary<string, FileState> _files = new Dictionary<string, FileState>(StringComparer.Ordinal);
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly int _firstNewest;
        private bool _polled;
        private int _newest;
        private int _trimAt;
        private DateTimeOffset _now;
        private List<AuditEntry>? _future;

        /// <summary>
        /// Creates a tail for a root and a query (its Until is ignored: a tail has no end); its first poll gives only the
        /// newest <paramref name="firstNewest"/> matching entries when that is above 0.
        /// </summary>
        public AuditTail(AuditLocation location, AuditQuery query, int firstNewest = 0)
        {
            _firstNewest = Math.Max(0, firstNewest);
            _location = location;
            _reader = new AuditLogReader(location);
            _query = query;
            _filter = new RowFilter(query);
        }

        /// <summary>
        /// The matching entries appended since the last poll (the first poll: all of them), oldest first.
        /// Throws a FILE_ERROR RepricingException when the root is not there; the next poll after it returns goes on.
        /// </summary>
        public List<AuditEntry> Poll(ReadStats stats, CancellationToken cancel)
        {
            var fresh = new List<AuditEntry>();
            _newest = _polled ? 0 : _firstNewest;
            _trimAt = (int)Math.Min(int.MaxValue, _newest + (long)_newest / 4 + 1);
            _now = DateTimeOffset.Now;
            _future = _newest > 0 ? new List<AuditEntry>() : null;
            foreach (AuditFile file in _reader.FindFiles(_query.Since, null, stats))
            {
                cancel.ThrowIfCancellationRequested();
                if (!_files.TryGetValue(file.Path, out FileState? state)) _files[file.Path] = state = new FileState();
                stats.Files.Add(file.Path);
                try
                {
                    // A stat is much cheaper than an open: most files of a long window have not grown since the last poll.
                    if (new FileInfo(file.Path).Length == state.Offset) continue;
                    ReadNew(file, state, stats, fresh, cancel);
                }
                catch (FileNotFoundException) { _files.Remove(file.Path); }
                catch (DirectoryNotFoundException) { _files.Remove(file.Path); }
                catch (Exception ex) when (AuditLogReader.IsUnreadable(ex))
                {
                    stats.SkippedSources.Add($"{file.Path} (cannot be read: {ex.Message})");
                }
            }
            AuditLogReader.SortOldestFirst(fresh);
            if (_newest > 0 && fresh.Count > _newest) KeepNewest(fresh, stats);
            if (_future != null) stats.FutureDatedWarning = FutureDated.Warning(_future, _query.Between(_query.Since, null), _now);
            _future = null;
            _polled = true;
            return fresh;
        }

        /// <summary>
        /// Keeps the newest <see cref="_newest"/> of <paramref name="fresh"/> (by time, then reading order: what sorting
        /// everything and taking the last N gives, as the stable sort keeps the order of equal times across trims).
        /// </summary>
        private void KeepNewest(List<AuditEntry> fresh, ReadStats stats)
        {
            AuditLogReader.SortOldestFirst(fresh);
            fresh.RemoveRange(0, fresh.Count - _newest);
            stats.OlderLeftOut = true;
        }

        private void ReadNew(AuditFile file, FileState state, ReadStats stats, List<AuditEntry> fresh, CancellationToken cancel)
        {
            using FileStream fs = SharedFile.OpenRead(file.Path);
            if (fs.Length < state.Offset)
            {
                // Replaced or cut short (a retention run, a sync conflict): read it again; EntryIds keep it from doubling.
                state.Offset = 0;
                state.Lines = 0;
                state.Index = null;
            }
            while (fs.Length > state.Offset)
            {
                cancel.ThrowIfCancellationRequested();
                int want = (int)Math.Min(BlockSize, fs.Length - state.Offset);
                byte[] buffer = new byte[want];
                fs.Position = state.Offset;
                int got = 0;
                while (got < want) { int n = fs.Read(buffer, got, want - got); if (n <= 0) break; got += n; }
                int complete = CompleteRecords(buffer, got, file.Kind == AuditFileKind.Legacy);
                if (complete == 0)
                {
                    if (got < BlockSize) return; // the last record is still being written: wait for the next poll
                    complete = got; // one record larger than a block: take it whole rather than stall
                }
                Parse(file, state, new ReadOnlyMemory<byte>(buffer, 0, complete), stats, fresh, cancel);
                for (int i = 0; i < complete; i++) if (buffer[i] == '\n') state.Lines++;
                state.Offset += complete;
            }
        }

        /// <summary>
        /// The length of the leading part that ends with a line break outside quotes. In a legacy file a line that starts
        /// like a record ends an unclosed quote (as the reader resynchronises there), so a stray quote cannot stall the tail.
        /// </summary>
        internal static int CompleteRecords(byte[] buffer, int length, bool legacy)
        {
            bool inQuotes = false;
            int end = 0;
            for (int i = 0; i < length; i++)
            {
                byte b = buffer[i];
                if (b == '"') inQuotes = !inQuotes;
                else if (b == '\n')
                {
                    if (inQuotes && legacy && AuditLogReader.StartsLikeRecord(new ReadOnlySpan<byte>(buffer, i + 1, length - i - 1))) inQuotes = false;
                    if (!inQuotes) end = i + 1;
                }
            }
            return end;
        }

        private void Parse(AuditFile file, FileState state, ReadOnlyMemory<byte> chunk, ReadStats stats, List<AuditEntry> fresh, CancellationToken cancel)
        {
            bool legacy = file.Kind == AuditFileKind.Legacy;
            bool header = !legacy && state.Index == null;
            IEnumerable<AuditEntry> rows;
            if (legacy)
            {
                rows = AuditLogReader.ReadLegacyInput(offset => CsvReader.Create(chunk.Slice((int)offset), AuditLogReader.ReaderOptions(hasHeader: false)),
                    file.Path, AuditLogReader.RelativeTo(_location.Root, file.Path), 0, state.Lines, long.MaxValue, _filter, stats, null, cancel);
                foreach (AuditEntry e in rows) Keep(e, stats, fresh);
                return;
            }
            using CsvReader reader = CsvReader.Create(chunk, AuditLogReader.ReaderOptions(hasHeader: header));
            if (header)
            {
                state.Index = AuditLogReader.StoreHeader(reader, file.Path, stats) ?? Array.Empty<int>();
                state.HeaderCount = reader.Headers.Count;
            }
            if (state.Index!.Length == 0) return; // not an audit file
            rows = AuditLogReader.ReadStoreRows(reader, state.Index, state.HeaderCount, file.Path, state.Lines, _filter, stats, cancel);
            foreach (AuditEntry e in rows) Keep(e, stats, fresh);
        }

        private void Keep(AuditEntry e, ReadStats stats, List<AuditEntry> fresh)
        {
            if (e.EntryId.Length == 0 || _seen.Add(e.EntryId))
            {
                if (_future != null && FutureDated.IsFuture(e, _now)) _future.Add(e); // not one of the newest N (a clock ahead)
                else fresh.Add(e);
                if (_newest > 0 && fresh.Count >= _trimAt) KeepNewest(fresh, stats);
            }
            else stats.Duplicates++;
        }
    }
}
