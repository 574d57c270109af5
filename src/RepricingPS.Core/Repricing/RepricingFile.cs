using System;
using System.Collections.Generic;

namespace RepricingPS.Core.Repricing
{
    /// <summary>An imported, validated and typed input file. Its rows feed Invoke-Repricing but are not shown.</summary>
    public sealed class RepricingFile
    {
        internal RepricingFile(string path, FileRole role, string format, string sheet, Table data, List<RowIssue> issues, string opportunityName, List<string> warnings)
        {
            Path = path;
            Role = role;
            Format = format;
            Sheet = sheet;
            Data = data;
            Issues = issues.ToArray();
            OpportunityName = opportunityName;
            Warnings = warnings.ToArray();
        }

        /// <summary>The file's full path.</summary>
        public string Path { get; }
        /// <summary>File1, File2 or Template.</summary>
        public FileRole Role { get; }
        /// <summary>csv or xlsx.</summary>
        public string Format { get; }
        /// <summary>The worksheet read (xlsx).</summary>
        public string Sheet { get; }
        /// <summary>Data rows.</summary>
        public int RowCount => Data.Rows.Count;
        /// <summary>The columns, trimmed, in input order.</summary>
        public ItemList<string> Columns => _columns ??= new ItemList<string>(Data.Columns);
        private ItemList<string>? _columns;
        /// <summary>Values that did not parse.</summary>
        public ItemList<RowIssue> Issues { get; }
        /// <summary>The opportunity (client) name found in File1.</summary>
        public string OpportunityName { get; }
        /// <summary>Things the user should know, such as a workbook too large to read comfortably.</summary>
        public ItemList<string> Warnings { get; }

        internal Table Data { get; }

        /// <inheritdoc/>
        public override string ToString() => $"{Role}: {Path} ({RowCount:N0} rows, {Columns.Length} columns, {Issues.Length} issues)";
    }

    /// <summary>The rows of a file as text, plus the typed values of the known columns.</summary>
    internal sealed class Table
    {
        internal Table(string[] columns) => Columns = columns;

        internal string[] Columns { get; }
        /// <summary>
        /// The cells as read; a typed cell whose value parsed holds "" (its value is in <see cref="Typed"/>): read cells
        /// through <see cref="Text"/> unless the column is text.
        /// </summary>
        internal List<string[]> Rows { get; } = new List<string[]>();
        /// <summary>Typed values of known columns, by column index: DateTime?, decimal? or int? arrays.</summary>
        internal Dictionary<int, Array> Typed { get; } = new Dictionary<int, Array>();

        /// <summary>A cell's text: as read, or for a typed cell that parsed its value as the outputs write it (<see cref="Schema.Format"/>).</summary>
        internal string Text(int row, int column)
        {
            string text = Rows[row][column];
            if (text.Length > 0 || !Typed.TryGetValue(column, out Array? typed)) return text;
            return Schema.Format(typed.GetValue(row), Schema.KindOf(Columns[column]));
        }

        /// <summary>Every cell of a row as <see cref="Text"/> gives it.</summary>
        internal string[] RowText(int row)
        {
            var cells = new string[Columns.Length];
            for (int c = 0; c < cells.Length; c++) cells[c] = Text(row, c);
            return cells;
        }

        internal int IndexOf(string canonical)
        {
            for (int i = 0; i < Columns.Length; i++)
            {
                if (Schema.Canonical(Columns[i]) == canonical) return i;
            }
            return -1;
        }
    }
}
