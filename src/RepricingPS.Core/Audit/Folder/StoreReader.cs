using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using CsvHelper;

namespace RepricingPS.Core.Audit.Folder
{
    /// <summary>The new-format reader (spec §7): day partitions and spool files written by RepricingPS.</summary>
    public sealed partial class AuditLogReader
    {
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
