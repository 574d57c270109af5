using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using CsvHelper;
using OfficeOpenXml;

namespace RepricingPS.Core.Repricing
{
    /// <summary>Writes the outputs of spec §5 and fills the template of spec §6.</summary>
    internal static class Outputs
    {
        internal const string FlagColumn = "O's & R's Check";
        internal const string TemplateFileName = "_Rx Repricing_wf.xlsx";
        internal static readonly string[] TrailingColumns = { FlagColumn, "RowID", "MatchStatus", "MatchedRowID", "MergeSide" };


        /// <summary>Rows with an empty flag first, then OR rows, each group in RowID order: indexes into <see cref="MergedData.Rows"/>.</summary>
        internal static int[] OutputOrder(MergedData data)
        {
            MergedRow[] rows = data.Rows;
            var order = new int[rows.Length];
            int n = 0;
            for (int i = 0; i < rows.Length; i++) if (rows[i].Flag == OrFlag.None) order[n++] = i;
            for (int i = 0; i < rows.Length; i++) if (rows[i].Flag != OrFlag.None) order[n++] = i;
            return order;
        }

        internal static string[] Header(MergedData data, string flagName)
        {
            var h = data.Columns.Select(c => c.Name).ToList();
            h.Add(flagName);
            h.AddRange(TrailingColumns.Skip(1));
            return h.ToArray();
        }

        /// <summary>The text of the five trailing columns.</summary>
        internal static string Trailing(in MergedRow row, int i) => i switch
        {
            0 => row.Flag.Text(),
            1 => row.RowId.ToString(CultureInfo.InvariantCulture),
            2 => row.MatchStatus.Text(),
            3 => row.MatchedRowId?.ToString(CultureInfo.InvariantCulture) ?? "",
            _ => row.Side.Text(),
        };

        /// <summary>
        /// Outputs are written through CsvHelper's own 1 MiB buffer straight to an unbuffered file stream (one copy, not two),
        /// which writes to the disk in large blocks. The byte order mark goes with the header.
        /// </summary>
        private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with { NewLine = "\r\n", WriteByteOrderMark = true, BufferSize = 1 << 20 };

        /// <summary>The rows after a header written by a writer of <see cref="CsvOptions"/>.</summary>
        private static readonly CsvWriterOptions BodyOptions = CsvOptions with { WriteByteOrderMark = false };

        private static FileStream CreateFile(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);

        /// <summary>
        /// Claim files come from outside and analysts open the outputs in Excel: a value that starts like a formula gets a
        /// leading ' (spec §5), a plain number such as a reversal's -30 never does; Import-RepricingFile removes exactly that '.
        /// </summary>
        private static string Guard(string value) => FormulaGuard.Escape(value, FormulaGuardNumbers.Keep);

        /// <summary>Writes a stored (already guarded) value; a guarded field is quoted too, as OWASP advises.</summary>
        private static void WriteStored(CsvWriter w, string stored)
        {
            if (FormulaGuard.IsEscaped(stored)) w.WriteField(stored, CsvQuoting.Always);
            else w.WriteField(stored);
        }

        private static void WriteGuardedRecord(CsvWriter w, string[] values)
        {
            foreach (string v in values) WriteStored(w, Guard(v));
            w.EndRecord();
        }

        /// <summary>
        /// The merged file and the claim detail in one pass: the same rows and cells, except the header of the flag column
        /// (Logic in the detail) and, when <paramref name="logic"/> is given, the template's numeric Logic in the detail.
        /// Without it the rows of the two files are the same bytes: each row is made once and its bytes go to both files.
        /// </summary>
        internal static void WriteMergedAndDetail(string mergedPath, string detailPath, MergedData data, int[] ordered, Dictionary<int, string>? logic, CancellationToken cancel)
        {
            using FileStream mergedFile = CreateFile(mergedPath);
            using FileStream detailFile = CreateFile(detailPath);
            using (CsvWriter header = CsvWriter.Create(mergedFile, CsvOptions, leaveOpen: true)) WriteGuardedRecord(header, Header(data, FlagColumn));
            using (CsvWriter header = CsvWriter.Create(detailFile, CsvOptions, leaveOpen: true)) WriteGuardedRecord(header, Header(data, "Logic"));
            var cells = new CellWriter(data);
            MergedRow[] rows = data.Rows;
            if (logic == null)
            {
                using var tee = new TeeStream(mergedFile, detailFile, background: ordered.Length >= TeeStream.BackgroundRows);
                using (CsvWriter both = CsvWriter.Create(tee, BodyOptions, leaveOpen: true))
                {
                    for (int n = 0; n < ordered.Length; n++)
                    {
                        if (((n + 1) & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                        ref MergedRow row = ref rows[ordered[n]];
                        WriteRow(both, cells, row, row.Flag.Text());
                    }
                }
                tee.Flush(); // every row on disk, or the write's exception
                return;
            }
            using CsvWriter merged = CsvWriter.Create(mergedFile, BodyOptions, leaveOpen: true);
            using CsvWriter detail = CsvWriter.Create(detailFile, BodyOptions, leaveOpen: true);
            for (int n = 0; n < ordered.Length; n++)
            {
                if (((n + 1) & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                ref MergedRow row = ref rows[ordered[n]];
                string flag = row.Flag.Text();
                WriteRow(merged, cells, row, flag);
                WriteRow(detail, cells, row, logic.TryGetValue(row.RowId, out string? l) ? Guard(l) : flag);
            }
        }

        /// <summary>One output row: the merged cells, then the (stored) flag or Logic, then the other trailing columns.</summary>
        private static void WriteRow(CsvWriter w, CellWriter cells, in MergedRow row, string storedFlag)
        {
            for (int c = 0; c < cells.Columns; c++) cells.Write(w, row, c);
            WriteStored(w, storedFlag);
#if NET
            // RowID and MatchedRowID formatted into the cell writer's buffer (two strings a row otherwise).
            Span<char> number = cells.Buffer;
            for (int i = 1; i < TrailingColumns.Length; i++)
            {
                int? id = i == 1 ? row.RowId : i == 3 ? row.MatchedRowId : null;
                if (id.HasValue && id.Value.TryFormat(number, out int length, default, CultureInfo.InvariantCulture)) w.WriteField(number.Slice(0, length));
                else w.WriteField(Trailing(row, i));
            }
#else
            for (int i = 1; i < TrailingColumns.Length; i++) w.WriteField(Trailing(row, i));
#endif
            w.EndRecord();
        }

        /// <summary>
        /// Writes merged cells as <see cref="MergedData.Text"/> gives them, guarded: typed values (dates, numbers) are never
        /// guarded (a date or a plain number such as -30 never starts like a formula, spec §5) and need no quotes; on .NET 8
        /// they are formatted into a reused buffer, with no string per cell. Text cells are guarded and written as read.
        /// </summary>
        private sealed class CellWriter
        {
            private readonly MergedData _data;
            internal readonly int Columns;
            /// <summary>Where a typed value is formatted (not the stack: a method with stackalloc skips the quick first compile).</summary>
            internal readonly char[] Buffer = new char[64];

            internal CellWriter(MergedData data)
            {
                _data = data;
                Columns = data.Columns.Count;
            }

            internal void Write(CsvWriter w, in MergedRow row, int column)
            {
                MergedData.CellSource s = _data.Locate(row, column, out int r);
                if (r < 0)
                {
                    w.WriteField("");
                    return;
                }
#if NET
                // The same text as Schema.Format (the invariant culture, ISO dates, AWP to cents).
                Span<char> text = Buffer;
                int length = -1;
                switch (s.Typed)
                {
                    case DateTime?[] dates when dates[r].HasValue:
                        if (!dates[r]!.Value.TryFormat(text, out length, "yyyy-MM-dd", CultureInfo.InvariantCulture)) length = -1;
                        break;
                    case decimal?[] numbers when numbers[r].HasValue:
                        if (!numbers[r]!.Value.TryFormat(text, out length, s.Kind == Schema.Kind.Money2 ? "0.00" : default, CultureInfo.InvariantCulture)) length = -1;
                        break;
                    case int?[] integers when integers[r].HasValue:
                        if (!integers[r]!.Value.TryFormat(text, out length, default, CultureInfo.InvariantCulture)) length = -1;
                        break;
                }
                if (length >= 0)
                {
                    w.WriteField(text.Slice(0, length));
                    return;
                }
                // Text cells, and typed cells without a value: their text as read (Text, in the case that cannot happen of a
                // value that did not fit the buffer).
                string stored = s.Table.Rows[r][s.Index];
                WriteStored(w, Guard(stored.Length == 0 && s.Typed != null ? _data.Text(row, column) : stored));
#else
                WriteStored(w, Guard(_data.Text(row, column)));
#endif
            }
        }

        /// <summary>
        /// A write-only stream that writes everything to two streams (the merged file and the claim detail). For a large
        /// output (<see cref="BackgroundRows"/> rows or more) the writes go to the files on a thread of its own while the
        /// caller makes the next rows: the caller hands over a copy of each block (three blocks in flight at most), and a
        /// write that fails is rethrown to the caller, as it was thrown, at its next write or flush.
        /// </summary>
        internal sealed class TeeStream : Stream
        {
            /// <summary>From this many rows the files are written by a thread of their own; a small run starts no thread.</summary>
            internal const int BackgroundRows = 50000;

            private readonly Stream _a;
            private readonly Stream _b;
            private readonly Thread? _writer;
            private readonly object _gate = new object();
            private readonly byte[][] _blocks = new byte[3][];
            private readonly int[] _lengths = new int[3];
            private long _handed;   // blocks handed over by the caller
            private long _written;  // blocks written to both files
            private bool _closing;
            private ExceptionDispatchInfo? _failure;

            internal TeeStream(Stream a, Stream b, bool background)
            {
                _a = a;
                _b = b;
                if (!background) return;
                _writer = new Thread(WriteBlocks) { IsBackground = true, Name = "RepricingPS output writer" };
                _writer.Start();
            }

            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Write(byte[] buffer, int offset, int count)
            {
                if (_writer == null)
                {
                    _a.Write(buffer, offset, count);
                    _b.Write(buffer, offset, count);
                    return;
                }
                lock (_gate)
                {
                    while (_handed - _written == _blocks.Length && _failure == null) Monitor.Wait(_gate);
                    _failure?.Throw();
                    int slot = (int)(_handed % _blocks.Length);
                    // The writer thread is done with this slot; a block is as large as the largest write (CsvHelper's buffer).
                    if (_blocks[slot] == null || _blocks[slot].Length < count) _blocks[slot] = new byte[count];
                    Buffer.BlockCopy(buffer, offset, _blocks[slot], 0, count);
                    _lengths[slot] = count;
                    _handed++;
                    Monitor.PulseAll(_gate);
                }
            }

            /// <summary>The writer thread: writes each block handed over to both files, in order.</summary>
            private void WriteBlocks()
            {
                while (true)
                {
                    int slot, length;
                    lock (_gate)
                    {
                        while (_written == _handed && !_closing) Monitor.Wait(_gate);
                        if (_written == _handed) return;
                        slot = (int)(_written % _blocks.Length);
                        length = _lengths[slot];
                    }
                    try
                    {
                        _a.Write(_blocks[slot], 0, length);
                        _b.Write(_blocks[slot], 0, length);
                    }
                    catch (Exception ex)
                    {
                        // Rethrown to the caller (an exception escaping a thread would end the process).
                        lock (_gate)
                        {
                            _failure = ExceptionDispatchInfo.Capture(ex);
                            Monitor.PulseAll(_gate);
                        }
                        return;
                    }
                    lock (_gate)
                    {
                        _written++;
                        Monitor.PulseAll(_gate);
                    }
                }
            }

            /// <summary>Waits until every block handed over is written (rethrowing a failed write), then flushes both files.</summary>
            public override void Flush()
            {
                if (_writer != null)
                {
                    lock (_gate)
                    {
                        while (_written != _handed && _failure == null) Monitor.Wait(_gate);
                        _failure?.Throw();
                    }
                }
                _a.Flush();
                _b.Flush();
            }

            /// <summary>Ends the writer thread (after the blocks already handed over); never throws: Flush reports failures.</summary>
            protected override void Dispose(bool disposing)
            {
                if (disposing && _writer != null)
                {
                    lock (_gate)
                    {
                        _closing = true;
                        Monitor.PulseAll(_gate);
                    }
                    _writer.Join();
                }
                base.Dispose(disposing);
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
        }

        internal static void WriteUnmatched(string path, MergedData data, CancellationToken cancel)
        {
            using CsvWriter w = CsvWriter.Create(CreateFile(path), CsvOptions);
            WriteGuardedRecord(w, new[] { "RowID", Schema.Key, Schema.DateFilled, Schema.MemberId, Schema.Ndc, Schema.Quantity });
            int key = data.IndexOf(Schema.Key);
            MergedRow[] rows = data.Rows;
            for (int i = 0; i < rows.Length; i++)
            {
                ref MergedRow r = ref rows[i];
                if (r.MatchStatus != MatchStatus.UnmatchedReversal) continue;
                cancel.ThrowIfCancellationRequested();
                WriteGuardedRecord(w, new[]
                {
                    r.RowId.ToString(CultureInfo.InvariantCulture), data.Text(r, key), r.Date.HasValue ? r.Date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
                    r.Member, r.Ndc, r.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "",
                });
            }
        }

        internal static void WriteMergedXlsx(string path, MergedData data, int[] ordered, CancellationToken cancel)
        {
            using var package = new ExcelPackage();
            ExcelWorksheet ws = package.Workbook.Worksheets.Add("Merged");
            string[] header = Header(data, FlagColumn);
            for (int c = 0; c < header.Length; c++) ws.Cells[1, c + 1].Value = header[c];
            int r = 2;
            foreach (int index in ordered)
            {
                if ((r & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
                ref MergedRow row = ref data.Rows[index];
                for (int c = 0; c < data.Columns.Count; c++) SetCell(ws.Cells[r, c + 1], data.Value(row, c));
                ws.Cells[r, data.Columns.Count + 1].Value = row.Flag.Text();
                ws.Cells[r, data.Columns.Count + 2].Value = row.RowId;
                ws.Cells[r, data.Columns.Count + 3].Value = row.MatchStatus.Text();
                ws.Cells[r, data.Columns.Count + 4].Value = row.MatchedRowId;
                ws.Cells[r, data.Columns.Count + 5].Value = row.Side.Text();
                r++;
            }
            using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            package.SaveAs(fs);
        }

        /// <summary>Dates as dates, numbers as numbers, text (NDC with its zeros) as text.</summary>
        private static void SetCell(ExcelRange cell, object? value)
        {
            cell.Value = value;
            if (value is DateTime) cell.Style.Numberformat.Format = "yyyy-mm-dd";
        }

        /// <summary>
        /// Fills the copied template (spec §6) and returns the template's numeric Logic per RowID when it has a Logic formula column.
        /// </summary>
        internal static Dictionary<int, string>? FillTemplate(string copy, MergedData data, int[] ordered, CancellationToken cancel)
        {
            var outputNames = Header(data, FlagColumn);
            Dictionary<int, string>? logic = null;
            ExcelPackage package;
            try
            {
                WorkbookWhitespace.RemoveFromSheetData(copy, cancel);
                package = new ExcelPackage(new FileInfo(copy));
                _ = package.Workbook.Worksheets.Count;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is OutOfMemoryException))
            {
                throw Failures.InvalidWorkbook.With($"The template is not a valid .xlsx workbook ({ex.Message}).", copy, ex);
            }
            using (package)
            {
                ExcelWorksheet? ws = package.Workbook.Worksheets.FirstOrDefault(s => string.Equals(s.Name, FileImporter.TemplateSheet, StringComparison.OrdinalIgnoreCase));
                if (ws == null)
                {
                    throw Failures.TemplateSheetMissing.With(
                        $"The template has no sheet '{FileImporter.TemplateSheet}'. Its sheets: {string.Join(", ", package.Workbook.Worksheets.Select(s => s.Name))}.", copy);
                }
                int lastCol = ws.Dimension?.End.Column ?? 0;
                int oldLastRow = ws.Dimension?.End.Row ?? 1;
                var dataCols = new List<(int Col, int Output)>();
                var formulaCols = new List<(int Col, string R1C1, string Header)>();
                for (int c = 1; c <= lastCol; c++)
                {
                    string header = ws.Cells[1, c].Text.Trim();
                    if (header.Length == 0) continue;
                    string formula = ws.Cells[2, c].FormulaR1C1;
                    if (!string.IsNullOrEmpty(formula)) { formulaCols.Add((c, formula, header)); continue; }
                    int o = Array.FindIndex(outputNames, n => string.Equals(n, header, StringComparison.OrdinalIgnoreCase) || Schema.Canonical(n) == Schema.Canonical(header));
                    if (o >= 0) dataCols.Add((c, o));
                }
                if (dataCols.Count == 0)
                {
                    throw Failures.TemplateHeadersNotFound.With(
                        $"No header in row 1 of sheet '{ws.Name}' names a merged column. Expected some of: {string.Join(", ", outputNames)}.", copy);
                }
                int row = 2;
                foreach (int index in ordered)
                {
                    if ((row & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
                    ref MergedRow m = ref data.Rows[index];
                    foreach (var (col, output) in dataCols)
                    {
                        ExcelRange cell = ws.Cells[row, col];
                        cell.Value = output < data.Columns.Count ? data.Value(m, output) : TrailingValue(m, output - data.Columns.Count);
                        if (row > 2) cell.StyleID = ws.Cells[2, col].StyleID;
                    }
                    if (row > 2)
                    {
                        foreach (var (col, r1c1, _) in formulaCols)
                        {
                            ws.Cells[row, col].FormulaR1C1 = r1c1;
                            ws.Cells[row, col].StyleID = ws.Cells[2, col].StyleID;
                        }
                    }
                    row++;
                }
                int lastData = row - 1;
                for (int r = lastData + 1; r <= oldLastRow; r++)
                {
                    for (int c = 1; c <= lastCol; c++)
                    {
                        ExcelRange cell = ws.Cells[r, c];
                        if (!string.IsNullOrEmpty(cell.Formula)) cell.Formula = null;
                        cell.Value = null;
                    }
                }
                var logicCol = formulaCols.FirstOrDefault(f => string.Equals(f.Header, "Logic", StringComparison.OrdinalIgnoreCase));
                if (logicCol.Col > 0 && ordered.Length > 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    ws.Calculate();
                    logic = new Dictionary<int, string>(ordered.Length);
                    for (int i = 0; i < ordered.Length; i++)
                    {
                        object? v = ws.Cells[i + 2, logicCol.Col].Value;
                        logic[data.Rows[ordered[i]].RowId] = FileImporter.CellText(v);
                    }
                }
                package.Save();
            }
            return logic;
        }

        private static object? TrailingValue(in MergedRow row, int i) => i switch
        {
            0 => row.Flag.Text(),
            1 => row.RowId,
            2 => row.MatchStatus.Text(),
            3 => row.MatchedRowId,
            _ => row.Side.Text(),
        };
    }
}
