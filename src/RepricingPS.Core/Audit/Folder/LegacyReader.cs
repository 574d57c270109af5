using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using CsvHelper;

namespace RepricingPS.Core.Audit.Folder
{
    /// <summary>The legacy reader (spec §5): files written by the earlier Python program, their repairs, resynchronisation and frozen EntryIds.</summary>
    public sealed partial class AuditLogReader
    {
        /// <summary>
        /// Reads a file written by the earlier Python program (spec §5). With <paramref name="indexRoot"/>, the file's local
        /// index (<see cref="LegacyIndex"/>) lets a windowed query read only the blocks its window needs, with the same
        /// entries, EntryIds and malformed rows as a full read; a read that goes to the end of the file saves the index.
        /// <paramref name="note"/> hears why an index could not be used or saved (never an error).
        /// </summary>
        internal static IEnumerable<AuditEntry> ReadLegacyFile(string path, string root, RowFilter filter, ReadStats stats, CancellationToken cancel,
            string? indexRoot = null, Action<string>? note = null, int blockRecords = LegacyIndex.BlockRecords)
        {
            using FileStream fs = SharedFile.OpenRead(path);
            Func<long, CsvReader> open = offset =>
            {
                fs.Position = offset;
                return CsvReader.Create(fs, ReaderOptions(hasHeader: false), leaveOpen: true);
            };
            string relative = RelativeTo(root, path);
            if (indexRoot == null)
            {
                foreach (AuditEntry e in ReadLegacyInput(open, path, relative, 0, 0, long.MaxValue, filter, stats, null, cancel)) yield return e;
                yield break;
            }

            long length = fs.Length;
            long modified = File.GetLastWriteTimeUtc(path).Ticks;
            List<LegacyBlock> blocks = LegacyIndex.Usable(indexRoot, path, fs, length, modified, out long tailStart, out long tailLines, out string? why);
            if (why != null) note?.Invoke(why);
            (DateTime? low, DateTime? high) = LegacyIndex.WallClockBounds(filter.Since, filter.Until);
            for (int i = 0; i < blocks.Count; )
            {
                if (!blocks[i].MayHold(low, high))
                {
                    // Not read: its malformed rows count all the same, as a full read counts them whatever their time.
                    foreach (ReadProblem p in blocks[i].Problems) stats.Problems.Add(new ReadProblem { File = path, Line = p.Line, Reason = p.Reason, Raw = p.Raw });
                    stats.LegacyBlocksSkipped++;
                    i++;
                    continue;
                }
                int last = i;
                while (last + 1 < blocks.Count && blocks[last + 1].MayHold(low, high)) last++;
                foreach (AuditEntry e in ReadLegacyInput(open, path, relative, blocks[i].Start, blocks[i].LinesBefore, blocks[last].End, filter, stats, null, cancel)) yield return e;
                i = last + 1;
            }
            if (tailStart >= length && blocks.Count > 0) yield break; // the whole file is indexed

            // The part not indexed yet (all of a new or changed file, the last block and the appended end of a grown one): read it and index it.
            var builder = new LegacyIndexBuilder(tailStart, tailLines, blockRecords);
            foreach (AuditEntry e in ReadLegacyInput(open, path, relative, tailStart, tailLines, long.MaxValue, filter, stats, builder, cancel)) yield return e;
            blocks.AddRange(builder.Finish(length));
            string? unsaved = LegacyIndex.TrySave(indexRoot, path, fs, length, modified, blocks);
            if (unsaved != null) note?.Invoke(unsaved);
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
        /// The legacy rows of an input, <paramref name="open"/> giving a reader from a byte offset of it, from the record at
        /// <paramref name="start"/> (<paramref name="lineOffset"/> lines into the file) to the last record that starts
        /// before <paramref name="end"/>. An unclosed quote costs only its own record: reading starts again, with a fresh
        /// reader, at the next line that starts like a record, and every record keeps its true line (and so its EntryId).
        /// <paramref name="index"/>, when given, hears every record, timestamp and malformed row, to index the input.
        /// </summary>
        internal static IEnumerable<AuditEntry> ReadLegacyInput(Func<long, CsvReader> open, string path, string relative, long start, long lineOffset, long end,
            RowFilter filter, ReadStats stats, LegacyIndexBuilder? index, CancellationToken cancel)
        {
            long lines = lineOffset;
            while (true)
            {
                var resync = new Resync();
                using (CsvReader reader = open(start))
                {
                    foreach (AuditEntry e in ReadLegacyRows(reader, path, relative, start, lines, end, filter, stats, resync, index, cancel)) yield return e;
                }
                if (resync.ByteOffset < 0) yield break;
                start += resync.ByteOffset;
                lines += resync.Line - 1;
            }
        }

        /// <summary>
        /// The legacy rows of a reader that starts at byte <paramref name="start"/> of the input, <paramref name="lineOffset"/>
        /// lines into the file, up to the last record that starts before <paramref name="end"/>. Stops at a record that an
        /// unclosed quote ran into the next one, counting it malformed and filling <paramref name="resync"/>.
        /// </summary>
        private static IEnumerable<AuditEntry> ReadLegacyRows(CsvReader reader, string path, string relative, long start, long lineOffset, long end,
            RowFilter filter, ReadStats stats, Resync resync, LegacyIndexBuilder? index, CancellationToken cancel)
        {
            long count = 0;
            while (reader.Read())
            {
                if ((++count & 0xFFFF) == 0) cancel.ThrowIfCancellationRequested();
                if (end != long.MaxValue && start + reader.ByteOffset >= end) yield break;
                CsvRow row = reader.Current;
                int n = row.FieldCount;
                if (n == 1 && row.GetSpan(0).Length == 0) continue; // a blank line
                long line = lineOffset + reader.LineNumber;
                ReadOnlySpan<byte> raw = reader.RawRecord;
                if (index != null)
                {
                    // Blocks start only at a record that starts like one, so reading from there parses as a full read does.
                    if (index.WantsCut && StartsLikeRecord(raw)) index.Cut(start + reader.ByteOffset, line - 1);
                    index.Record();
                }
                if (raw.IndexOf((byte)'\n') >= 0)
                {
                    int next = NextRecordLikeLine(raw, out int breaks);
                    if (next >= 0)
                    {
                        Malformed(stats, index, Problem(path, line, $"an unclosed quote runs into the record at line {line + breaks}; read again from there", row));
                        resync.ByteOffset = reader.ByteOffset + next;
                        resync.Line = reader.LineNumber + breaks;
                        yield break;
                    }
                }
                if (n < 5)
                {
                    Malformed(stats, index, Problem(path, line, $"{n} fields, expected 5", row));
                    continue;
                }
                if (!StoreFormat.TryParseLegacyTimestamp(TrimBom(row.GetSpan(0)), out DateTime local))
                {
                    if (IsHeader(row)) continue; // the header, also when repeated
                    Malformed(stats, index, Problem(path, line, "Timestamp does not parse as yyyy-MM-dd HH:mm:ss", row));
                    continue;
                }
                index?.Time(local);
                if (!StoreFormat.TryFromLocal(local, filter.Zone, out DateTimeOffset ts))
                {
                    Malformed(stats, index, Problem(path, line, "Timestamp is at the end of the calendar and cannot be placed in time in this time zone", row));
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

        private static void Malformed(ReadStats stats, LegacyIndexBuilder? index, ReadProblem problem)
        {
            stats.Problems.Add(problem);
            index?.Problem(problem);
        }

        private static ReadProblem Problem(string path, long line, string reason, CsvRow row)
        {
            string raw = row.ToString();
            return new ReadProblem { File = path, Line = line, Reason = reason, Raw = raw.Length > 200 ? raw.Substring(0, 200) : raw };
        }

    }
}
