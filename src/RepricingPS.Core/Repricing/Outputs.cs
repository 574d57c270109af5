using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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


        /// <summary>Rows with an empty flag first, then OR rows, each group in RowID order.</summary>
        internal static List<MergedRow> OutputOrder(MergedData data) =>
            data.Rows.Where(r => r.Flag == OrFlag.None).Concat(data.Rows.Where(r => r.Flag != OrFlag.None)).ToList();

        internal static string[] Header(MergedData data, string flagName)
        {
            var h = data.Columns.Select(c => c.Name).ToList();
            h.Add(flagName);
            h.AddRange(TrailingColumns.Skip(1));
            return h.ToArray();
        }

        /// <summary>The text of the five trailing columns.</summary>
        internal static string Trailing(MergedRow row, int i) => i switch
        {
            0 => row.Flag.Text(),
            1 => row.RowId.ToString(CultureInfo.InvariantCulture),
            2 => row.MatchStatus.Text(),
            3 => row.MatchedRowId?.ToString(CultureInfo.InvariantCulture) ?? "",
            _ => row.Side.Text(),
        };

        /// <summary>
        /// Outputs are written through CsvHelper's own 1 MiB buffer straight to an unbuffered file stream (one copy, not two),
        /// which writes to the disk in large blocks.
        /// </summary>
        private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with { NewLine = "\r\n", WriteByteOrderMark = true, BufferSize = 1 << 20 };

        private static CsvWriter CreateCsv(string path) =>
            CsvWriter.Create(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1), CsvOptions);

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
        /// (Logic in the detail) and, when <paramref name="logic"/> is given, the template's numeric Logic in the detail. Each
        /// cell's text is made and guarded once and written to both files.
        /// </summary>
        internal static void WriteMergedAndDetail(string mergedPath, string detailPath, MergedData data, List<MergedRow> ordered, Dictionary<int, string>? logic, CancellationToken cancel)
        {
            using CsvWriter merged = CreateCsv(mergedPath);
            using CsvWriter detail = CreateCsv(detailPath);
            WriteGuardedRecord(merged, Header(data, FlagColumn));
            WriteGuardedRecord(detail, Header(data, "Logic"));
            int columns = data.Columns.Count, n = 0;
            foreach (MergedRow row in ordered)
            {
                if ((++n & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                for (int c = 0; c < columns; c++)
                {
                    string stored = Guard(data.Text(row, c));
                    WriteStored(merged, stored);
                    WriteStored(detail, stored);
                }
                string flag = row.Flag.Text();
                WriteStored(merged, flag);
                WriteStored(detail, logic != null && logic.TryGetValue(row.RowId, out string? l) ? Guard(l) : flag);
                for (int i = 1; i < TrailingColumns.Length; i++)
                {
                    string trailing = Trailing(row, i);
                    merged.WriteField(trailing);
                    detail.WriteField(trailing);
                }
                merged.EndRecord();
                detail.EndRecord();
            }
        }

        internal static void WriteUnmatched(string path, MergedData data, CancellationToken cancel)
        {
            using CsvWriter w = CreateCsv(path);
            WriteGuardedRecord(w, new[] { "RowID", Schema.Key, Schema.DateFilled, Schema.MemberId, Schema.Ndc, Schema.Quantity });
            int key = data.IndexOf(Schema.Key);
            foreach (MergedRow r in data.Rows)
            {
                if (r.MatchStatus != MatchStatus.UnmatchedReversal) continue;
                cancel.ThrowIfCancellationRequested();
                WriteGuardedRecord(w, new[]
                {
                    r.RowId.ToString(CultureInfo.InvariantCulture), data.Text(r, key), r.Date.HasValue ? r.Date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
                    r.Member, r.Ndc, r.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "",
                });
            }
        }

        internal static void WriteMergedXlsx(string path, MergedData data, List<MergedRow> ordered, CancellationToken cancel)
        {
            using var package = new ExcelPackage();
            ExcelWorksheet ws = package.Workbook.Worksheets.Add("Merged");
            string[] header = Header(data, FlagColumn);
            for (int c = 0; c < header.Length; c++) ws.Cells[1, c + 1].Value = header[c];
            int r = 2;
            foreach (MergedRow row in ordered)
            {
                if ((r & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
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
        internal static Dictionary<int, string>? FillTemplate(string copy, MergedData data, List<MergedRow> ordered, CancellationToken cancel)
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
                foreach (MergedRow m in ordered)
                {
                    if ((row & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
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
                if (logicCol.Col > 0 && ordered.Count > 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    ws.Calculate();
                    logic = new Dictionary<int, string>(ordered.Count);
                    for (int i = 0; i < ordered.Count; i++)
                    {
                        object? v = ws.Cells[i + 2, logicCol.Col].Value;
                        logic[ordered[i].RowId] = FileImporter.CellText(v);
                    }
                }
                package.Save();
            }
            return logic;
        }

        private static object? TrailingValue(MergedRow row, int i) => i switch
        {
            0 => row.Flag.Text(),
            1 => row.RowId,
            2 => row.MatchStatus.Text(),
            3 => row.MatchedRowId,
            _ => row.Side.Text(),
        };
    }
}
