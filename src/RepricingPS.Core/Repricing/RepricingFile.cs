using System;
using System.Collections.Generic;

namespace RepricingPS.Core.Repricing
{
    /// <summary>The role of an input file.</summary>
    public enum FileRole
    {
        /// <summary>The client's claims, uploaded to the pricing tool.</summary>
        File1,
        /// <summary>The pricing tool's priced rows.</summary>
        File2,
        /// <summary>The analysts' Excel template.</summary>
        Template,
        /// <summary>Repriced claims read by a disruption analysis or a line-by-line export (as text; they type their own columns).</summary>
        Claims,
        /// <summary>A reference table of a disruption analysis (as text).</summary>
        Reference,
    }

    /// <summary>A value that did not parse: returned with the result and summarised in the audit log.</summary>
    public sealed class RowIssue
    {
        /// <summary>File1 or File2.</summary>
        public string File { get; set; } = "";
        /// <summary>The 1-based data row.</summary>
        public int Row { get; set; }
        /// <summary>The column.</summary>
        public string Column { get; set; } = "";
        /// <summary>The value as found.</summary>
        public string Value { get; set; } = "";
        /// <summary>What is wrong.</summary>
        public string Message { get; set; } = "";
        /// <inheritdoc/>
        public override string ToString() => $"{File} row {Row}, {Column} = '{Value}': {Message}";
    }

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
        internal List<string[]> Rows { get; } = new List<string[]>();
        /// <summary>Typed values of known columns, by column index: DateTime?, decimal? or int? arrays.</summary>
        internal Dictionary<int, Array> Typed { get; } = new Dictionary<int, Array>();

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
