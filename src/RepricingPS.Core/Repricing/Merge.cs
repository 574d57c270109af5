using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace RepricingPS.Core.Repricing
{
    /// <summary>
    /// One merged row: where it came from, its typed facts, and its O/R outcome. A struct in one array
    /// (<see cref="MergedData.Rows"/>): a million claims are one object for the collector to trace, not a million, and
    /// rows are referred to by their index (RowID - 1).
    /// </summary>
    internal struct MergedRow
    {
        internal int File1Row;
        internal int File2Row;
        internal int RowId;
        internal MergeSide Side;
        internal OrFlag Flag;
        internal MatchStatus MatchStatus;
        internal int? MatchedRowId;
        internal DateTime? Date;
        internal decimal? Quantity;
        internal int? DaySupply;
        internal decimal? Awp;
        internal string Ndc;
        internal string Member;
        internal string Drug;
        internal string Pharmacy;
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

    /// <summary>
    /// Reads one merged column cell by cell without boxing: its text, or its typed values (DateTime?, decimal? or int?, from
    /// the typed array of the file it comes from). A column the data does not have: every cell "" or null.
    /// </summary>
    internal readonly struct ColumnReader
    {
        private readonly int _file;
        private readonly Table? _table;
        private readonly int _index;
        private readonly Array? _typed;
        /// <summary>Whether the merged data has the column.</summary>
        internal readonly bool Exists;

        /// <summary>A reader of the first merged column of <paramref name="data"/> with this canonical name (File1's wins a collision).</summary>
        internal ColumnReader(MergedData data, string canonical)
        {
            int c = data.IndexOf(canonical);
            Exists = c >= 0;
            _file = Exists ? data.Columns[c].File : 0;
            _table = _file == 1 ? data.File1 : _file == 2 ? data.File2 : null;
            _index = Exists ? data.Columns[c].Index : -1;
            _typed = _table != null && _table.Typed.TryGetValue(_index, out Array? typed) ? typed : null;
        }

        /// <summary>The row's value; null when the row has no such cell, or it is empty or did not parse.</summary>
        internal DateTime? Date(in MergedRow row)
        {
            int r = _file == 1 ? row.File1Row : _file == 2 ? row.File2Row : -1;
            return r >= 0 && _typed is DateTime?[] values ? values[r] : null;
        }

        /// <summary>See <see cref="Date"/>.</summary>
        internal decimal? Decimal(in MergedRow row)
        {
            int r = _file == 1 ? row.File1Row : _file == 2 ? row.File2Row : -1;
            return r >= 0 && _typed is decimal?[] values ? values[r] : null;
        }

        /// <summary>See <see cref="Date"/>.</summary>
        internal int? Integer(in MergedRow row)
        {
            int r = _file == 1 ? row.File1Row : _file == 2 ? row.File2Row : -1;
            return r >= 0 && _typed is int?[] values ? values[r] : null;
        }

        /// <summary>The text of a text column as read; "" when the row has no such cell.</summary>
        internal string Text(in MergedRow row)
        {
            int r = _file == 1 ? row.File1Row : _file == 2 ? row.File2Row : -1;
            return r < 0 ? "" : _table!.Rows[r][_index];
        }
    }

    /// <summary>The merged data set.</summary>
    internal sealed class MergedData
    {
        internal MergedData(Table file1, Table file2, List<MergedColumn> columns, MergedRow[] rows, List<string> warnings)
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
        /// <summary>The rows in merged order: row i has RowID i + 1.</summary>
        internal MergedRow[] Rows { get; }
        internal List<string> Warnings { get; }

        /// <summary>The first merged column with this canonical name (File1's wins a collision), or -1.</summary>
        internal int IndexOf(string canonical) => Columns.FindIndex(c => Schema.Canonical(c.Name) == canonical);

        /// <summary>The output text of a merged cell: typed columns normalised (as <see cref="Schema.Format"/>), others as read.</summary>
        internal string Text(in MergedRow row, int column)
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

        /// <summary>Where the cells of each merged column come from, by column.</summary>
        private CellSource[] Sources()
        {
            CellSource Of(Table t, int file, int index) =>
                new CellSource(t, file, index, Schema.KindOf(t.Columns[index]), t.Typed.TryGetValue(index, out Array? typed) ? typed : null);
            if (_sources != null) return _sources;
            int k1 = File1.IndexOf(Schema.Key), k2 = File2.IndexOf(Schema.Key);
            var sources = new CellSource[Columns.Count];
            for (int c = 0; c < Columns.Count; c++)
            {
                MergedColumn col = Columns[c];
                sources[c] = col.File == 1 ? Of(File1, 1, col.Index) : Of(File2, 2, col.Index);
                // The coalesced key of a File2-only row (see Locate).
                if (col.File == 1 && col.Index == k1 && k2 >= 0) sources[c].KeyOfFile2 = Of(File2, 2, k2);
            }
            return _sources = sources;
        }

        /// <summary>Where the cells of one merged column come from.</summary>
        internal sealed class CellSource
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
        internal object? Value(in MergedRow row, int column)
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
        internal CellSource Locate(in MergedRow row, int column, out int r)
        {
            CellSource s = Sources()[column];
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
            // File2's rows by key: the first row of each key in the dictionary, later rows of the same key chained through
            // next2 (a dictionary of lists was a million small objects).
            int n1 = file1.Rows.Count, n2 = file2.Rows.Count;
            var first2 = new Dictionary<string, int>(n2, StringComparer.Ordinal);
            var next2 = new int[n2];
            for (int r = n2 - 1; r >= 0; r--)
            {
                if ((r & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                string key = file2.Rows[r][k2];
                next2[r] = first2.TryGetValue(key, out int later) ? later : -1;
                first2[key] = r;
            }
            var keys1 = new HashSet<string>(StringComparer.Ordinal);
            var dup1 = new List<string>();
            HashSet<string>? dup1Seen = null;
            for (int r = 0; r < n1; r++)
            {
                if ((r & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                string key = file1.Rows[r][k1];
                if (!keys1.Add(key)) (dup1Seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
            }
            if (dup1Seen != null)
            {
                // Listed in order of first appearance, as File2's are.
                for (int r = 0; r < n1; r++)
                {
                    if (dup1Seen.Remove(file1.Rows[r][k1])) dup1.Add(file1.Rows[r][k1]);
                }
            }
            // Duplicated keys in order of first appearance.
            var dup2 = new List<string>();
            for (int r = 0; r < n2; r++)
            {
                if (next2[r] >= 0 && first2[file2.Rows[r][k2]] == r) dup2.Add(file2.Rows[r][k2]);
            }
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

            // The match of each File1 row (its first File2 row, or -1), then the number of merged rows, then the rows. A File2
            // row that no File1 row reached is File2-only.
            var match1 = new int[n1];
            var reached2 = new bool[n2];
            int count = 0;
            for (int r = 0; r < n1; r++)
            {
                if ((r & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                match1[r] = first2.TryGetValue(file1.Rows[r][k1], out int r2) ? r2 : -1;
                for (int m = match1[r]; m >= 0; m = next2[m])
                {
                    reached2[m] = true;
                    count++;
                }
                if (match1[r] < 0) count++;
            }
            for (int r = 0; r < n2; r++) if (!reached2[r]) count++;
            var rows = new MergedRow[count];
            int i = 0;
            for (int r = 0; r < n1; r++)
            {
                if (match1[r] < 0)
                {
                    rows[i++] = new MergedRow { File1Row = r, File2Row = -1, Side = MergeSide.File1Only };
                    continue;
                }
                for (int m = match1[r]; m >= 0; m = next2[m]) rows[i++] = new MergedRow { File1Row = r, File2Row = m, Side = MergeSide.Both };
            }
            for (int r = 0; r < n2; r++)
            {
                if (!reached2[r]) rows[i++] = new MergedRow { File1Row = -1, File2Row = r, Side = MergeSide.File2Only };
            }
            var data = new MergedData(file1, file2, columns, rows, warnings);
            Fill(data, cancel);
            return data;
        }

        /// <summary>Sets RowID and the typed facts matching uses, straight from the typed arrays (no boxing).</summary>
        private static void Fill(MergedData data, CancellationToken cancel)
        {
            ColumnReader date = new ColumnReader(data, Schema.DateFilled), qty = new ColumnReader(data, Schema.Quantity), days = new ColumnReader(data, Schema.DaySupply), awp = new ColumnReader(data, Schema.Awp);
            ColumnReader ndc = new ColumnReader(data, Schema.Ndc), member = new ColumnReader(data, Schema.MemberId), drug = new ColumnReader(data, Schema.DrugName), pharmacy = new ColumnReader(data, Schema.PharmacyName);
            MergedRow[] rows = data.Rows;
            for (int i = 0; i < rows.Length; i++)
            {
                if ((i & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                ref MergedRow row = ref rows[i];
                row.RowId = i + 1;
                row.Date = date.Date(row);
                row.Quantity = qty.Decimal(row);
                row.DaySupply = days.Integer(row);
                row.Awp = awp.Decimal(row);
                row.Ndc = ndc.Text(row);
                row.Member = member.Text(row).Trim();
                row.Drug = drug.Text(row);
                row.Pharmacy = pharmacy.Text(row);
            }
        }
    }
}
