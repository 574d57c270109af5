using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CsvHelper;
using ExcelDataReader;

namespace RepricingPS.Core.Repricing
{
    /// <summary>Reads File1, File2 or the template from .csv or .xlsx, normalises headers and types the known columns (spec §1, §2).</summary>
    public static class FileImporter
    {
        /// <summary>Above this an .xlsx is read with a warning: EPPlus holds a whole workbook in memory.</summary>
        internal const long XlsxWarnBytes = 20L << 20;
        /// <summary>Above this an .xlsx is refused with a recommendation to save it as .csv.</summary>
        internal const long XlsxMaxBytes = 150L << 20;

        internal const string TemplateSheet = "Claims Table";

        /// <summary>Imports one file.</summary>
        /// <param name="path">A full file-system path.</param>
        /// <param name="role">File1, File2 or Template.</param>
        /// <param name="sheet">The worksheet of an .xlsx; the first one (File1/File2) or Claims Table (Template) when null.</param>
        /// <param name="strict">Any row issue stops the import with a DATA_ERROR.</param>
        /// <param name="cancel">Cancellation.</param>
        public static RepricingFile Import(string path, FileRole role, string? sheet, bool strict, CancellationToken cancel) =>
            Import(path, role, sheet, strict, XlsxWarnBytes, XlsxMaxBytes, cancel);

        /// <summary>As above, with the .xlsx size limits given (tests use small ones).</summary>
        internal static RepricingFile Import(string path, FileRole role, string? sheet, bool strict, long xlsxWarnBytes, long xlsxMaxBytes, CancellationToken cancel)
        {
            RejectFolder(path);
            string ext = Path.GetExtension(path);
            bool csv = string.Equals(ext, ".csv", StringComparison.OrdinalIgnoreCase);
            bool xlsx = string.Equals(ext, ".xlsx", StringComparison.OrdinalIgnoreCase);
            if (!csv && !xlsx)
            {
                throw Failures.UnsupportedFileType.With(
                    $"Unsupported file type '{(ext.Length == 0 ? "(none)" : ext)}': use .csv or .xlsx ({path}).", path);
            }
            if (role == FileRole.Template && !xlsx)
            {
                throw Failures.UnsupportedFileType.With(
                    $"The template must be an .xlsx workbook, not '{ext}' ({path}).", path);
            }
            CheckReadable(path);
            var warnings = new List<string>();
            Table table;
            string sheetName = "";
            // File1 and File2 are typed as they are read (a CSV row while it is in the cache, its parsed text never kept).
            RowTyper? typer = role == FileRole.Template ? null : new RowTyper(role.ToString());
            if (csv)
            {
                WarnSheetOfCsv(path, sheet, warnings);
                table = ReadCsv(path, role, warnings, typer, cancel);
            }
            else
            {
                (table, sheetName) = ReadXlsx(path, role, sheet, warnings, xlsxWarnBytes, xlsxMaxBytes, cancel);
                if (typer != null)
                {
                    typer.Begin(table, table.Rows.Count);
                    for (int r = 0; r < table.Rows.Count; r++)
                    {
                        if ((r & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                        typer.Type(table.Rows[r], r);
                    }
                }
            }
            if (role == FileRole.Template)
            {
                return new RepricingFile(path, role, "xlsx", sheetName, table, new List<RowIssue>(), "", warnings);
            }
            if (table.Columns.Length == 0)
            {
                throw Failures.NoDataRows.With($"{role} has no data rows: the file is empty ({path}).", path);
            }
            string[] required = role == FileRole.File1 ? Schema.File1Required : Schema.File2Required;
            var missing = required.Where(r => table.IndexOf(r) < 0).ToList();
            if (missing.Count > 0)
            {
                throw Failures.MissingColumns.With(
                    $"Missing required columns: {string.Join(", ", missing)}. {role} '{path}' has: {string.Join(", ", table.Columns)}. " +
                    (role == FileRole.File1 ? "Is this the claims file uploaded to the pricing tool?" : "Is this the priced file from the pricing tool?"), path);
            }
            if (table.Rows.Count == 0)
            {
                throw Failures.NoDataRows.With($"{role} has no data rows ({path}).", path);
            }
            List<RowIssue> issues = typer!.Finish(table);
            if (strict && issues.Count > 0)
            {
                throw Failures.RowIssues.With(
                    $"{issues.Count} value(s) in {role} do not parse and -Strict is set: {string.Join("; ", issues.Take(5))}", path);
            }
            string opp = role == FileRole.File1 ? OpportunityFrom(table, typer.FirstRow) : "";
            return new RepricingFile(path, role, csv ? "csv" : "xlsx", sheetName, table, issues, opp, warnings);
        }

        /// <summary>
        /// Reads a disruption or line-by-line input as text rows with the encoding and header rules of spec §1-§2 and no typing
        /// (those inputs type their own columns). For an .xlsx: the named sheet, else <paramref name="preferredSheet"/> when the
        /// workbook has it, else the first.
        /// </summary>
        internal static RepricingFile ImportText(string path, FileRole role, string? sheet, string? preferredSheet, CancellationToken cancel)
        {
            RejectFolder(path);
            string ext = Path.GetExtension(path);
            bool csv = string.Equals(ext, ".csv", StringComparison.OrdinalIgnoreCase);
            if (!csv && !string.Equals(ext, ".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                throw Failures.UnsupportedFileType.With(
                    $"Unsupported file type '{(ext.Length == 0 ? "(none)" : ext)}': use .csv or .xlsx ({path}).", path);
            }
            CheckReadable(path);
            var warnings = new List<string>();
            Table table;
            string sheetName = "";
            if (csv)
            {
                WarnSheetOfCsv(path, sheet, warnings);
                table = ReadCsv(path, role, warnings, null, cancel);
            }
            else (table, sheetName) = ReadXlsx(path, role, sheet, warnings, XlsxWarnBytes, XlsxMaxBytes, cancel, preferredSheet);
            if (table.Columns.Length == 0)
            {
                throw Failures.NoDataRows.With($"{role} has no data rows: the file is empty ({path}).", path);
            }
            return new RepricingFile(path, role, csv ? "csv" : "xlsx", sheetName, table, new List<RowIssue>(), OpportunityFrom(table, table.Rows.Count > 0 ? table.Rows[0] : null), warnings);
        }

        /// <summary>A sheet named for a .csv file is not silently ignored: the user is told the file was read whole.</summary>
        private static void WarnSheetOfCsv(string path, string? sheet, List<string> warnings)
        {
            if (string.IsNullOrWhiteSpace(sheet)) return;
            warnings.Add($"Sheet '{sheet}' was asked for, but '{Path.GetFileName(path)}' is a .csv file, which has no sheets: it was read whole.");
        }

        /// <summary>
        /// A folder is refused before its name is looked at: spec §9 wants a FILE_ERROR naming the reason, not "unsupported
        /// type" for a folder whose name does not end in .csv or .xlsx.
        /// </summary>
        private static void RejectFolder(string path)
        {
            if (Directory.Exists(path))
            {
                throw Failures.PathIsFolder.With($"'{path}' is a folder, not a file. Give the path of the .csv or .xlsx file.", path);
            }
        }

        private static void CheckReadable(string path)
        {
            if (!File.Exists(path))
            {
                throw Failures.FileNotFound.With($"The file '{path}' does not exist. Check the path and that OneDrive has finished syncing it.", path);
            }
            try
            {
                using (SharedFile.OpenRead(path)) { }
            }
            catch (UnauthorizedAccessException ex)
            {
                throw Failures.FileAccessDenied.With($"The file '{path}' cannot be read: {ex.Message} Check your permissions on it.", path, ex);
            }
            catch (IOException ex)
            {
                throw Failures.FileLocked.With($"The file '{path}' is locked by another program and cannot be read: {ex.Message} Close it there and run again.", path, ex);
            }
        }

        /// <summary>A quoted field spanning more lines than this is an unbalanced quote, not data (spec §1).</summary>
        internal const int MaxLinesInQuotedField = 1000;

        /// <summary>Reads a CSV file; with a <paramref name="typer"/>, types each row as it is read.</summary>
        private static Table ReadCsv(string path, FileRole role, List<string> warnings, RowTyper? typer, CancellationToken cancel)
        {
            Encoding? encoding = null;
            if (!TextEncodings.IsUtf8(path, cancel, out long lines))
            {
                encoding = TextEncodings.Windows1252;
                warnings.Add($"{role} '{path}' is not UTF-8: it was read as Windows-1252 (what Excel saves as \"CSV\" on Western Windows). " +
                             "Check that names with accents look right; save it as \"CSV UTF-8\" in Excel to avoid this warning.");
            }
            CsvMalformedRecord? unterminated = null;
            using FileStream fs = SharedFile.OpenRead(path);
            var options = CsvReaderOptions.Default with
            {
                HasHeader = true, Separator = ',', PoolStrings = true, AllowLineBreaksInQuotes = true, SkipEmptyLines = true,
                TrackLineNumbers = true, Encoding = encoding,
                OnMalformedRecord = m => { if (m.Reason == CsvMalformedReason.UnterminatedQuote) unterminated ??= m; },
            };
            using CsvReader reader = CsvReader.Create(fs, options);
            IReadOnlyList<string> headers;
            try
            {
                headers = reader.Headers;
            }
            catch (CsvFormatException ex)
            {
                throw Failures.InvalidCsv.With($"{role} '{path}' is not a readable CSV file: {ex.Message}", path, ex);
            }
            if (unterminated is CsvMalformedRecord u) throw UnbalancedQuote(role, path, QuoteOpenLine(u.RawRecord, u.LineNumber));
            var table = new Table(CheckHeaders(headers.Select(h => FormulaGuard.Unescape(h, FormulaGuardNumbers.Keep)).ToList(), role, path));
            int width = table.Columns.Length;
            // At most one record per line after the header's: the rows and typed values are sized once (exactly, unless
            // records span lines or lines are empty; the arrays grow if there are more). Never more than a row per
            // <width> bytes (a full record has width - 1 separators and a line break): a file of empty lines or of
            // one-character lines cannot make the reader reserve more than a real file of its size needs.
            long perBytes = fs.Length / Math.Max(width, 1);
            int expected = (int)Math.Min(Math.Min(Math.Max(lines - 1, 0), perBytes), 1 << 24);
            table.Rows.Capacity = expected;
            typer?.Begin(table, expected);
            long n = 0;
            while (reader.Read())
            {
                if ((++n & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                CsvRow row = reader.Current;
                var values = new string[width];
                int count = Math.Min(width, row.FieldCount);
                for (int i = 0; i < count; i++)
                {
                    string value = row.GetString(i) ?? "";
                    if (value.Length > MaxLinesInQuotedField && CountLines(value) > MaxLinesInQuotedField)
                    {
                        throw UnbalancedQuote(role, path, QuoteOpenLine(Encoding.UTF8.GetString(reader.RawRecord.ToArray()), reader.LineNumber));
                    }
                    if (SwallowsRecords(value, width))
                    {
                        long open = QuoteOpenLine(Encoding.UTF8.GetString(reader.RawRecord.ToArray()), reader.LineNumber);
                        throw Failures.UnbalancedQuote.With(
                            $"{role} '{path}' has a quote that opens on line {open:N0} and closes {CountLines(value) - 1:N0} line(s) later, and the lines in between " +
                            "look like rows: a stray quote would read them as one value and lose them. Fix the quote on that line (a quote inside a value is written as two quotes) and import it again.", path);
                    }
                    values[i] = FormulaGuard.Unescape(value, FormulaGuardNumbers.Keep);
                }
                for (int i = width; i < row.FieldCount; i++)
                {
                    // A field beyond the header is data that would be lost: a stray quote or an unquoted comma moved it there.
                    if ((row.GetString(i) ?? "").Trim().Length > 0)
                    {
                        throw Failures.ExtraFields.With(
                            $"{role} '{path}' line {reader.LineNumber:N0} has {row.FieldCount} fields but the header has {width}: a stray quote or a comma " +
                            "inside an unquoted value moved data past the last column. Fix that row (quote values that hold commas) and import it again.", path);
                    }
                }
                for (int i = count; i < width; i++) values[i] = "";
                typer?.Type(values, table.Rows.Count);
                table.Rows.Add(values);
            }
            if (unterminated is CsvMalformedRecord last) throw UnbalancedQuote(role, path, QuoteOpenLine(last.RawRecord, last.LineNumber));
            return table;
        }

        private static RepricingException UnbalancedQuote(FileRole role, string path, long line) =>
            Failures.UnbalancedQuote.With(
                $"{role} '{path}' has a quote that opens on line {line:N0} and does not close (before the end of the file, or within {MaxLinesInQuotedField:N0} lines), " +
                "so the rows after it would be read as one value. Fix the quote on that line (a quote inside a value is written as two quotes) and import it again.", path);

        /// <summary>
        /// A quoted value holding line breaks whose later lines look like whole records (as many commas as the header has
        /// separators): a stray quote that closed somewhere below, silently turning rows into one value (adversarial review).
        /// A real multi-line note does not look like that.
        /// </summary>
        internal static bool SwallowsRecords(string value, int width)
        {
            if (width < 3 || (value.IndexOf('\n') < 0 && value.IndexOf('\r') < 0)) return false;
            string[] lines = value.Split(new[] { "\r\n", "\n", "\r" }, StringSplitOptions.None);
            for (int i = 1; i < lines.Length; i++)
            {
                int commas = 0;
                foreach (char c in lines[i]) if (c == ',') commas++;
                if (commas >= width - 1) return true;
            }
            return false;
        }

        private static int CountLines(string value)
        {
            int lines = 1;
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == '\n' || (value[i] == '\r' && (i + 1 == value.Length || value[i + 1] != '\n'))) lines++;
            }
            return lines;
        }

        /// <summary>
        /// The line where the quote of the offending field opens: the field still open at the end of the record, or the
        /// first one spanning more than <see cref="MaxLinesInQuotedField"/> lines. <paramref name="startLine"/> is the record's first line.
        /// </summary>
        internal static long QuoteOpenLine(string raw, long startLine)
        {
            long line = startLine, openedAt = -1, firstSpanning = -1;
            bool fieldStart = true, quoted = false;
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                bool lineBreak = c == '\n' || (c == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n'));
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < raw.Length && raw[i + 1] == '"') { i++; continue; }
                        quoted = false;
                        if (line - openedAt >= MaxLinesInQuotedField) return openedAt;
                    }
                    if (lineBreak)
                    {
                        line++;
                        if (firstSpanning < 0) firstSpanning = openedAt;
                    }
                    continue;
                }
                if (fieldStart && c == '"') { quoted = true; openedAt = line; fieldStart = false; continue; }
                fieldStart = c == ',' || lineBreak;
                if (lineBreak) line++;
            }
            if (quoted) return openedAt;
            return firstSpanning >= 0 ? firstSpanning : openedAt >= 0 ? openedAt : startLine;
        }

        private static string[] CheckHeaders(IReadOnlyList<string> raw, FileRole role, string path)
        {
            var headers = raw.Select(h => h.TrimStart('\uFEFF').Trim()).ToArray();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < headers.Length; i++)
            {
                if (headers[i].Length == 0)
                {
                    throw Failures.BlankHeader.With(
                        $"{role} '{path}' has a blank header in column {i + 1}. Give every column a name (or delete the empty column).", path);
                }
                if (!seen.Add(Schema.Canonical(headers[i])))
                {
                    throw Failures.DuplicateHeader.With(
                        $"{role} '{path}' has the column '{headers[i]}' twice (headers are matched ignoring case; 'Source Record ID' is SOURCERECORDID). Rename or remove one.", path);
                }
            }
            return headers;
        }

        private static (Table, string) ReadXlsx(string path, FileRole role, string? sheet, List<string> warnings, long warnBytes, long maxBytes, CancellationToken cancel, string? preferred = null)
        {
            long size = new FileInfo(path).Length;
            if (size > maxBytes)
            {
                throw Failures.WorkbookTooLarge.With(
                    $"'{path}' is {size / (1 << 20):N0} MB. A workbook this large does not fit comfortably in memory (the whole workbook is loaded). Save it as .csv in Excel and import the .csv.", path);
            }
            if (size > warnBytes)
            {
                warnings.Add($"'{Path.GetFileName(path)}' is {size / (1 << 20):N0} MB; reading an .xlsx this large needs several GB of memory and is slow. Saving it as .csv is much faster.");
            }
            try
            {
                TextEncodings.RegisterCodePages();
                using FileStream fs = SharedFile.OpenRead(path);
                using IExcelDataReader reader = ExcelReaderFactory.CreateOpenXmlReader(fs);
                return ReadSheet(reader, path, role, sheet, preferred, cancel);
            }
            catch (Exception ex) when (!(ex is RepricingException) && !(ex is OperationCanceledException) && !(ex is OutOfMemoryException))
            {
                throw Failures.InvalidWorkbook.With(
                    $"{role} '{path}' is not a valid .xlsx workbook ({ex.Message}). Open it in Excel and save it again as .xlsx or .csv.", path, ex);
            }
        }

        /// <summary>
        /// Reads one sheet row by row from a streaming reader (ExcelDataReader): nothing but the current row and the shared
        /// strings is held, and the token is checked on every row, so a hostile workbook can neither hang nor outlast Ctrl+C.
        /// EPPlus loads a workbook whole and spins forever, uncancellable, on whitespace inside &lt;sheetData&gt;.
        /// </summary>
        private static (Table, string) ReadSheet(IExcelDataReader reader, string path, FileRole role, string? sheet, string? preferred, CancellationToken cancel)
        {
            string wanted = sheet ?? (role == FileRole.Template ? TemplateSheet : "");
            if (wanted.Length == 0 && preferred != null)
            {
                // No sheet named: the preferred one when the workbook has it (disruption claims: 'Claims Table'), else the first.
                do
                {
                    cancel.ThrowIfCancellationRequested();
                    if (string.Equals(reader.Name, preferred, StringComparison.OrdinalIgnoreCase)) { wanted = preferred; break; }
                }
                while (reader.NextResult());
                reader.Reset();
            }
            var names = new List<string>();
            bool found = false;
            do
            {
                cancel.ThrowIfCancellationRequested();
                names.Add(reader.Name);
                if (wanted.Length == 0 || string.Equals(reader.Name, wanted, StringComparison.OrdinalIgnoreCase)) { found = true; break; }
            }
            while (reader.NextResult());
            if (!found)
            {
                throw (role == FileRole.Template ? Failures.TemplateSheetMissing : Failures.SheetNotFound).With(
                    $"'{path}' has no sheet '{wanted}'. Its sheets: {string.Join(", ", names)}.", path);
            }
            string name = reader.Name;
            if (!reader.Read())
            {
                if (role == FileRole.Template) return (new Table(Array.Empty<string>()), name);
                throw Failures.NoDataRows.With($"{role} has no data rows ({path}, sheet '{name}').", path);
            }
            int lastCol = reader.FieldCount;
            while (lastCol > 0 && string.IsNullOrWhiteSpace(CellText(reader.GetValue(lastCol - 1)))) lastCol--; // trailing formatted-but-empty columns
            var headers = new List<string>();
            for (int c = 0; c < lastCol; c++) headers.Add(CellText(reader.GetValue(c)));
            var table = new Table(role == FileRole.Template ? headers.Select(h => h.Trim()).ToArray() : CheckHeaders(headers, role, path));
            while (reader.Read())
            {
                cancel.ThrowIfCancellationRequested();
                var values = new string[lastCol];
                int count = Math.Min(lastCol, reader.FieldCount);
                bool any = false;
                for (int c = 0; c < count; c++)
                {
                    values[c] = CellText(reader.GetValue(c));
                    any |= values[c].Length > 0;
                }
                for (int c = count; c < lastCol; c++) values[c] = "";
                if (any) table.Rows.Add(values);
            }
            return (table, name);
        }

        /// <summary>A cell as text: dates ISO, numbers invariant (so they parse like CSV text), text as is.</summary>
        internal static string CellText(object? value) => value switch
        {
            null => "",
            DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            double x => x.ToString("R", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        /// <summary>
        /// Types the known columns of File1 or File2 row by row, collecting a row issue for each value that does not parse
        /// (reported in column order, then row order), and trims the key and member columns. The text of a typed cell that
        /// parsed is not kept (the typed value is what every output writes; <see cref="Table.Text"/> formats it): for a
        /// million claims that is millions of strings that die young instead of being held. The text of a cell that did not
        /// parse is kept as read.
        /// </summary>
        private sealed class RowTyper
        {
            private readonly string _file;
            private readonly List<int> _trimmed = new List<int>();
            private readonly List<ColumnTyper> _typers = new List<ColumnTyper>();

            internal RowTyper(string file) => _file = file;

            /// <summary>The first data row as read, before typing (the opportunity name may be its column 2).</summary>
            internal string[]? FirstRow;

            /// <summary>Sets up the columns of <paramref name="table"/>, whose header is read, for about <paramref name="rows"/> rows.</summary>
            internal void Begin(Table table, int rows)
            {
                for (int c = 0; c < table.Columns.Length; c++)
                {
                    Schema.Kind kind = Schema.KindOf(table.Columns[c]);
                    string canonical = Schema.Canonical(table.Columns[c]);
                    if (kind != Schema.Kind.Text) _typers.Add(new ColumnTyper(c, table.Columns[c], kind, rows, _file));
                    else if (canonical == Schema.Key || canonical == Schema.MemberId) _trimmed.Add(c);
                }
            }

            /// <summary>Types data row <paramref name="r"/> (0-based).</summary>
            internal void Type(string[] row, int r)
            {
                if (r == 0) FirstRow = (string[])row.Clone();
                foreach (int c in _trimmed) row[c] = row[c].Trim();
                foreach (ColumnTyper typer in _typers) typer.Type(row, r);
            }

            /// <summary>Stores the typed values in <paramref name="table"/> (all its rows typed) and returns the row issues.</summary>
            internal List<RowIssue> Finish(Table table)
            {
                var issues = new List<RowIssue>();
                foreach (ColumnTyper typer in _typers)
                {
                    table.Typed[typer.Column] = typer.Values(table.Rows.Count);
                    issues.AddRange(typer.Issues);
                }
                return issues;
            }
        }

        /// <summary>
        /// Types one known column, row by row, into an array sized for the rows expected (grown if there are more). One
        /// class with a switch, not a class per kind: a small import in a fresh console compiles as little as possible.
        /// </summary>
        private sealed class ColumnTyper
        {
            /// <summary>Distinct date texts remembered: a claims file has a few hundred dates, each parsed once, not a million times.</summary>
            private const int MaxRememberedDates = 4096;

            internal readonly int Column;
            internal readonly List<RowIssue> Issues = new List<RowIssue>();
            private readonly string _name;
            private readonly string _file;
            private readonly Schema.Kind _kind;
            private DateTime?[]? _dates;
            private decimal?[]? _numbers;
            private int?[]? _integers;
            private readonly Dictionary<string, DateTime>? _parsedDates;

            internal ColumnTyper(int column, string name, Schema.Kind kind, int rows, string file)
            {
                Column = column;
                _name = name;
                _kind = kind;
                _file = file;
                if (kind == Schema.Kind.Date)
                {
                    _dates = new DateTime?[rows];
                    _parsedDates = new Dictionary<string, DateTime>(StringComparer.Ordinal);
                }
                else if (kind == Schema.Kind.Integer) _integers = new int?[rows];
                else _numbers = new decimal?[rows];
            }

            internal void Type(string[] row, int r)
            {
                string text = row[Column].Trim();
                if (text.Length == 0) return;
                int capacity = _dates?.Length ?? _integers?.Length ?? _numbers!.Length;
                if (r >= capacity) Resize(Math.Max(1024, capacity * 2));
                bool ok;
                switch (_kind)
                {
                    case Schema.Kind.Date:
                        if (!_parsedDates!.TryGetValue(text, out DateTime d))
                        {
                            ok = Schema.TryDate(text, out d);
                            if (ok && _parsedDates.Count < MaxRememberedDates) _parsedDates[text] = d;
                        }
                        else ok = true;
                        if (ok) _dates![r] = d;
                        break;
                    case Schema.Kind.Integer:
                        ok = Schema.TryInteger(text, out int i);
                        if (ok) _integers![r] = i;
                        break;
                    default:
                        ok = Schema.TryDecimal(text, out decimal m);
                        if (ok) _numbers![r] = _kind == Schema.Kind.Money2 ? Math.Round(m, 2, MidpointRounding.AwayFromZero) : m;
                        break;
                }
                if (ok)
                {
                    row[Column] = "";
                    return;
                }
                Issues.Add(new RowIssue
                {
                    File = _file, Row = r + 1, Column = _name, Value = text,
                    Message = _kind == Schema.Kind.Date ? "not a date (yyyy-MM-dd, M/d/yyyy or an Excel date)"
                        : _kind == Schema.Kind.Integer ? "not a whole number" : "not a number",
                });
            }

            /// <summary>The values of the first <paramref name="rows"/> rows: DateTime?[], int?[] or decimal?[].</summary>
            internal Array Values(int rows)
            {
                if ((_dates?.Length ?? _integers?.Length ?? _numbers!.Length) != rows) Resize(rows);
                return (Array?)_dates ?? (Array?)_integers ?? _numbers!;
            }

            private void Resize(int rows)
            {
                if (_dates != null) Array.Resize(ref _dates, rows);
                if (_integers != null) Array.Resize(ref _integers, rows);
                if (_numbers != null) Array.Resize(ref _numbers, rows);
            }
        }

        /// <summary>The first non-empty ClientName / Client Name, else column 2 of the first data row (as read).</summary>
        private static string OpportunityFrom(Table table, string[]? firstRow)
        {
            int client = Array.FindIndex(table.Columns, h => string.Equals(h, "ClientName", StringComparison.OrdinalIgnoreCase) || string.Equals(h, "Client Name", StringComparison.OrdinalIgnoreCase));
            if (client >= 0)
            {
                foreach (string[] row in table.Rows)
                {
                    if (row[client].Trim().Length > 0) return row[client].Trim();
                }
            }
            return table.Columns.Length > 1 && firstRow != null ? firstRow[1].Trim() : "";
        }
    }
}
