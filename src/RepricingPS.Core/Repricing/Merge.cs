using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace RepricingPS.Core.Repricing
{
    /// <summary>One merged row: where it came from, its typed facts, and its O/R outcome.</summary>
    internal sealed class MergedRow
    {
        internal int File1Row = -1;
        internal int File2Row = -1;
        internal int RowId;
        internal MergeSide Side;
        internal DateTime? Date;
        internal decimal? Quantity;
        internal int? DaySupply;
        internal decimal? Awp;
        internal string Ndc = "";
        internal string Member = "";
        internal string Drug = "";
        internal string Pharmacy = "";
        internal OrFlag Flag;
        internal MatchStatus MatchStatus;
        internal int? MatchedRowId;
    }

    /// <summary>A merged column: its output name and where its values come from.</summary>
    internal readonly struct MergedColumn
    {
        internal MergedColumn(string name, int file, int index)
        {
            Name = name;
            File = file;
            Index = index;
        }

        internal string Name { get; }
        /// <summary>1 or 2.</summary>
        internal int File { get; }
        internal int Index { get; }
    }

    /// <summary>The merged data set.</summary>
    internal sealed class MergedData
    {
        internal MergedData(Table file1, Table file2, List<MergedColumn> columns, List<MergedRow> rows, List<string> warnings)
        {
            File1 = file1;
            File2 = file2;
            Columns = columns;
            Rows = rows;
            Warnings = warnings;
        }

        internal Table File1 { get; }
        internal Table File2 { get; }
        internal List<MergedColumn> Columns { get; }
        internal List<MergedRow> Rows { get; }
        internal List<string> Warnings { get; }

        /// <summary>The first merged column with this canonical name (File1's wins a collision), or -1.</summary>
        internal int IndexOf(string canonical) => Columns.FindIndex(c => Schema.Canonical(c.Name) == canonical);

        /// <summary>The output text of a merged cell: typed columns normalised (as <see cref="Schema.Format"/>), others as read.</summary>
        internal string Text(MergedRow row, int column)
        {
            // Called for every cell of every output row (about 60 million for a million claims): the column's source, kind and
            // typed array are looked up once per column, and typed values are read without boxing.
            CellSource s = Locate(row, column, out int r);
            if (r < 0) return "";
            switch (s.Typed)
            {
                case DateTime?[] dates when dates[r].HasValue:
                    return dates[r]!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                case decimal?[] numbers when numbers[r].HasValue:
                    return s.Kind == Schema.Kind.Money2 ? numbers[r]!.Value.ToString("0.00", CultureInfo.InvariantCulture) : numbers[r]!.Value.ToString(CultureInfo.InvariantCulture);
                case int?[] integers when integers[r].HasValue:
                    return integers[r]!.Value.ToString(CultureInfo.InvariantCulture);
            }
            return s.Table.Rows[r][s.Index];
        }

        private CellSource[]? _sources;

        private CellSource[] Sources()
        {
            CellSource Of(Table t, int file, int index) =>
                new CellSource(t, file, index, Schema.KindOf(t.Columns[index]), t.Typed.TryGetValue(index, out Array? typed) ? typed : null);
            int k1 = File1.IndexOf(Schema.Key), k2 = File2.IndexOf(Schema.Key);
            var sources = new CellSource[Columns.Count];
            for (int c = 0; c < Columns.Count; c++)
            {
                MergedColumn col = Columns[c];
                sources[c] = col.File == 1 ? Of(File1, 1, col.Index) : Of(File2, 2, col.Index);
                // The coalesced key of a File2-only row (see Locate).
                if (col.File == 1 && col.Index == k1 && k2 >= 0) sources[c].KeyOfFile2 = Of(File2, 2, k2);
            }
            return sources;
        }

        /// <summary>Where the cells of one merged column come from.</summary>
        private sealed class CellSource
        {
            internal CellSource(Table table, int file, int index, Schema.Kind kind, Array? typed)
            {
                Table = table;
                File = file;
                Index = index;
                Kind = kind;
                Typed = typed;
            }

            internal Table Table { get; }
            internal int File { get; }
            internal int Index { get; }
            internal Schema.Kind Kind { get; }
            internal Array? Typed { get; }
            /// <summary>For the key column: File2's key, for rows that File1 lacks.</summary>
            internal CellSource? KeyOfFile2 { get; set; }
        }

        /// <summary>The typed (or text) value of a merged cell for a workbook: DateTime, decimal, int or string.</summary>
        internal object? Value(MergedRow row, int column)
        {
            CellSource s = Locate(row, column, out int r);
            if (r < 0) return null;
            switch (s.Typed)
            {
                case DateTime?[] dates when dates[r].HasValue: return dates[r]!.Value;
                case decimal?[] numbers when numbers[r].HasValue: return numbers[r]!.Value;
                case int?[] integers when integers[r].HasValue: return integers[r]!.Value;
            }
            string text = s.Table.Rows[r][s.Index];
            return text.Length == 0 ? null : text;
        }

        /// <summary>
        /// Where a merged cell comes from, and its row there (-1: the row has no such cell). The key column is File1's, but a
        /// full outer join coalesces its key: a File2-only row takes File2's key (spec §3.4), so the key is never empty in any output.
        /// </summary>
        private CellSource Locate(MergedRow row, int column, out int r)
        {
            CellSource s = (_sources ??= Sources())[column];
            r = s.File == 1 ? row.File1Row : row.File2Row;
            if (r < 0 && s.KeyOfFile2 != null)
            {
                s = s.KeyOfFile2;
                r = row.File2Row;
            }
            return s;
        }
    }

    /// <summary>The merge of spec §3 (the O/R matching of spec §4 is <see cref="Matcher"/>).</summary>
    internal static class Merger
    {
        internal static MergedData Merge(Table file1, Table file2, bool allowDuplicateKeys, CancellationToken cancel)
        {
            int k1 = file1.IndexOf(Schema.Key), k2 = file2.IndexOf(Schema.Key);
            var byKey2 = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (int r = 0; r < file2.Rows.Count; r++)
            {
                string key = file2.Rows[r][k2];
                if (!byKey2.TryGetValue(key, out var list)) byKey2[key] = list = new List<int>(1);
                list.Add(r);
            }
            var keys1 = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string[] row in file1.Rows)
            {
                keys1.TryGetValue(row[k1], out int c);
                keys1[row[k1]] = c + 1;
            }
            var dup1 = keys1.Where(kv => kv.Value > 1).Select(kv => kv.Key).ToList();
            var dup2 = byKey2.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key).ToList();
            var warnings = new List<string>();
            if (dup1.Count + dup2.Count > 0)
            {
                string Describe(string file, List<string> keys) => $"Duplicate SOURCERECORDID in {file}: {string.Join(", ", keys.Take(20))}{(keys.Count > 20 ? $" (and {keys.Count - 20} more)" : "")}";
                string text = string.Join("; ", new[] { dup1.Count > 0 ? Describe("File1", dup1) : null, dup2.Count > 0 ? Describe("File2", dup2) : null }.Where(x => x != null));
                if (!allowDuplicateKeys)
                {
                    throw Failures.DuplicateKey.With(
                        text + ". Remove the duplicates, or run with -AllowDuplicateKeys to join them as a database would (rows multiply).", null);
                }
                warnings.Add($"{text}. -AllowDuplicateKeys: {dup1.Count + dup2.Count} duplicated key(s) multiply rows in the join.");
            }

            var columns = new List<MergedColumn>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int c = 0; c < file1.Columns.Length; c++)
            {
                columns.Add(new MergedColumn(file1.Columns[c], 1, c));
                names.Add(Schema.Canonical(file1.Columns[c]));
            }
            for (int c = 0; c < file2.Columns.Length; c++)
            {
                if (c == k2) continue;
                string name = file2.Columns[c];
                if (names.Contains(Schema.Canonical(name)))
                {
                    warnings.Add($"Column '{name}' is in both files: File1's keeps the name, File2's is '{name}_File2'.");
                    name += "_File2";
                }
                columns.Add(new MergedColumn(name, 2, c));
            }

            var rows = new List<MergedRow>(file1.Rows.Count + file2.Rows.Count / 8);
            for (int r = 0; r < file1.Rows.Count; r++)
            {
                if ((r & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                if (byKey2.TryGetValue(file1.Rows[r][k1], out var matches))
                {
                    foreach (int r2 in matches) rows.Add(new MergedRow { File1Row = r, File2Row = r2, Side = MergeSide.Both });
                }
                else
                {
                    rows.Add(new MergedRow { File1Row = r, Side = MergeSide.File1Only });
                }
            }
            for (int r = 0; r < file2.Rows.Count; r++)
            {
                if (!keys1.ContainsKey(file2.Rows[r][k2])) rows.Add(new MergedRow { File2Row = r, Side = MergeSide.File2Only });
            }
            var data = new MergedData(file1, file2, columns, rows, warnings);
            Fill(data);
            return data;
        }

        /// <summary>Sets RowID and the typed facts matching uses.</summary>
        private static void Fill(MergedData data)
        {
            int date = data.IndexOf(Schema.DateFilled), qty = data.IndexOf(Schema.Quantity), days = data.IndexOf(Schema.DaySupply), awp = data.IndexOf(Schema.Awp);
            int ndc = data.IndexOf(Schema.Ndc), member = data.IndexOf(Schema.MemberId), drug = data.IndexOf(Schema.DrugName), pharmacy = data.IndexOf(Schema.PharmacyName);
            for (int i = 0; i < data.Rows.Count; i++)
            {
                MergedRow row = data.Rows[i];
                row.RowId = i + 1;
                row.Date = date < 0 ? null : data.Value(row, date) as DateTime?;
                row.Quantity = qty < 0 ? null : data.Value(row, qty) as decimal?;
                row.DaySupply = days < 0 ? null : data.Value(row, days) as int?;
                row.Awp = awp < 0 ? null : data.Value(row, awp) as decimal?;
                row.Ndc = ndc < 0 ? "" : data.Value(row, ndc) as string ?? "";
                row.Member = member < 0 ? "" : (data.Value(row, member) as string ?? "").Trim();
                row.Drug = drug < 0 ? "" : data.Value(row, drug) as string ?? "";
                row.Pharmacy = pharmacy < 0 ? "" : data.Value(row, pharmacy) as string ?? "";
            }
        }
    }
}
