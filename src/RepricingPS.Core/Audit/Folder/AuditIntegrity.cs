using System;
using System.Linq;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CsvHelper;

namespace RepricingPS.Core.Audit.Folder
{
    /// <summary>Checks files of a log root: malformed rows everywhere, and the hash chain of new-format files.</summary>
    public static class AuditIntegrity
    {
        /// <summary>Checks one file.</summary>
        public static IntegrityReport Check(AuditFile file, string root, CancellationToken cancel)
        {
            if (file.Kind == AuditFileKind.Legacy)
            {
                var stats = new ReadStats();
                int entries = 0;
                foreach (AuditEntry _ in AuditLogReader.ReadLegacyFile(file.Path, root, new RowFilter(new AuditQuery()), stats, cancel)) entries++;
                return new IntegrityReport
                {
                    File = file.Path, Entries = entries, MalformedRows = stats.MalformedRows, Legacy = true,
                    Problems = stats.Problems.ConvertAll(p => $"line {p.Line}: malformed row ({p.Reason})").ToArray(),
                };
            }
            return CheckStoreFile(file.Path, cancel);
        }

        private static IntegrityReport CheckStoreFile(string path, CancellationToken cancel)
        {
            var report = new IntegrityReport { File = path };
            var problems = new List<string>();
            using FileStream fs = SharedFile.OpenRead(path);
            using CsvReader reader = CsvReader.Create(fs, AuditLogReader.ReaderOptions(hasHeader: true));
            IReadOnlyList<string> headers = reader.Headers;
            int[] index = AuditLogReader.ColumnIndex(headers);
            int hashIndex = index[StoreFormat.HashedColumns];
            if (hashIndex < 0) problems.Add("line 1: no Hash column; this file carries no chain");
            string previous = "";
            var stored = new string[StoreFormat.HashedColumns];
            while (reader.Read())
            {
                cancel.ThrowIfCancellationRequested();
                CsvRow row = reader.Current;
                long line = reader.LineNumber;
                if (row.FieldCount == 1 && row.GetSpan(0).Length == 0) continue;
                if (row.FieldCount != headers.Count || !StoreFormat.TryParseTimestamp(row.GetString(index[0]) ?? "", out _))
                {
                    report.MalformedRows++;
                    problems.Add($"line {line}: malformed row ({row.FieldCount} fields, expected {headers.Count}, or a bad timestamp)");
                    previous = ""; // the writer starts the chain again after a torn record
                    continue;
                }
                string actual = hashIndex < 0 ? "" : row.GetString(hashIndex) ?? "";
                if (hashIndex >= 0 && !IsHash(actual))
                {
                    // A writer killed inside the Hash field: the record is torn, the next append starts the chain again.
                    report.MalformedRows++;
                    problems.Add($"line {line}: torn record (its hash is cut short: a writer stopped mid-record)");
                    previous = "";
                    continue;
                }
                report.Entries++;
                if (hashIndex < 0) continue;
                for (int c = 0; c < stored.Length; c++) stored[c] = index[c] < 0 ? "" : row.GetString(index[c]) ?? "";
                if (!string.Equals(actual, StoreFormat.ChainHash(previous, stored), StringComparison.Ordinal))
                {
                    report.ChainBreaks++;
                    problems.Add($"line {line}: chain break (this record was edited or inserted, or the one before it was deleted)");
                }
                previous = actual;
            }
            report.Problems = problems.ToArray();
            return report;
        }

        /// <summary>64 lower-case hex digits, as <see cref="StoreFormat.ChainHash"/> writes.</summary>
        private static bool IsHash(string s) => s.Length == 64 && s.All(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
