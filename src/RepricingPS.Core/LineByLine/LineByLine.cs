using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using OfficeOpenXml;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Disruption;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Core.LineByLine
{
    /// <summary>What Export-RepricingLineByLine asks for; paths are file-system paths.</summary>
    public sealed class LineByLineRequest
    {
        /// <summary>The repriced claims (.csv or .xlsx).</summary>
        public string ClaimsPath { get; set; } = "";
        /// <summary>The claims sheet of an .xlsx.</summary>
        public string? ClaimsSheet { get; set; }
        /// <summary>The format.</summary>
        public LineByLineFormat Format { get; set; }
        /// <summary>Where the workbook goes.</summary>
        public string OutputDirectory { get; set; } = "";
        /// <summary>The partner's workbook to fill, or null for a new one.</summary>
        public string? TemplatePath { get; set; }
        /// <summary>Replace an existing output.</summary>
        public bool Force { get; set; }
    }

    /// <summary>The columns, first cell and file name of each format (spec §8).</summary>
    internal static class LineByLineLayout
    {
        internal const string Sheet = "Line By Line";

        private static readonly string[] Sharx =
        {
            "MONY", "Rxs", "Rx Sense Ing Cost", "RxSense Dispense Fee", "RxSense Total Cost", "Total AWP (Historical)", "GrossCost", "Pharmacy Name",
            "INPUTFILECHANNEL", "DATEFILLED", "MemberID", "DAYSUPPLY", "QUANTITY", "NDC", "DST Drug Name",
        };

        private static readonly string[] Epls =
        {
            "MONY", "Rxs", "Rx Sense Ing Cost", "RxSense Dispense Fee", "RxSense Total Cost", "Total AWP (Historical)", "Pharmacy Name", "INPUTFILECHANNEL",
            "DATEFILLED", "MemberID", "DAYSUPPLY", "QUANTITY", "NDC", "DST Drug Name", "GrossCost", "Universal Rebates", "Exclusive Rebates", "Specialty Vlookup",
        };

        /// <summary>Columns written as numbers.</summary>
        internal static readonly HashSet<string> Numeric = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Rxs", "Rx Sense Ing Cost", "RxSense Dispense Fee", "RxSense Total Cost", "Total AWP (Historical)", "GrossCost", "DAYSUPPLY", "QUANTITY",
            "Universal Rebates", "Exclusive Rebates",
        };

        internal static string[] Columns(LineByLineFormat f) => f == LineByLineFormat.EPLS ? Epls : Sharx;
        internal static int FirstRow(LineByLineFormat f) => f == LineByLineFormat.Standard ? 6 : 2;

        /// <summary>Rows a sheet (1,048,576 rows) holds from the first cell down.</summary>
        internal static int RoomBelow(LineByLineFormat f) => 1048576 - FirstRow(f) + 1;
        internal static string FileName(LineByLineFormat f) => f switch
        {
            LineByLineFormat.SHARx => "_Rx Claims for SHARx.xlsx",
            LineByLineFormat.EPLS => "_Rx Claims for EPLS.xlsx",
            _ => "_Rx Claims for LBL.xlsx",
        };
    }

    /// <summary>Writes a line-by-line workbook with every step and failure in the audit log (spec §8, §9).</summary>
    public sealed class LineByLineService
    {
        private const string Script = "Export-RepricingLineByLine";
        private readonly AuditWriter _audit;
        private readonly IProgress<RepricingProgress>? _progress;

        /// <summary>Creates the service.</summary>
        public LineByLineService(AuditWriter audit, IProgress<RepricingProgress>? progress)
        {
            _audit = audit;
            _progress = progress;
        }

        /// <summary>Reads the claims, keeps numeric Logic 1-10, writes the workbook; all or nothing.</summary>
        public LineByLineResult Run(LineByLineRequest request, CancellationToken cancel)
        {
            var run = new AuditedRun(_audit, Script, "LineByLine", _progress);
            var outputs = new RunOutputs();
            string start = $"Line by line started: format {request.Format}, claims '{request.ClaimsPath}', output '{request.OutputDirectory}', " +
                $"template '{request.TemplatePath ?? "(none)"}', force {request.Force}";
            return run.Run(start, outputs, () => Export(run, outputs, request, cancel),
                r => $"Format: {r.Format} | Rows: {r.Rows:N0} | Claims: {Values.Plain(r.ClaimCount)} | AWP: {r.TotalAwp} | Total cost: {r.TotalCost} | Output: {r.OutputFile}", cancel);
        }

        private static LineByLineResult Export(AuditedRun run, RunOutputs outputs, LineByLineRequest request, CancellationToken cancel)
        {
            string output = Path.Combine(request.OutputDirectory, LineByLineLayout.FileName(request.Format));
            if (request.TemplatePath != null)
            {
                CheckTemplate(request.TemplatePath);
                if (string.Equals(Path.GetFullPath(request.TemplatePath), Path.GetFullPath(output), StringComparison.OrdinalIgnoreCase))
                {
                    throw Failures.TemplateIsOutput.With(
                        $"The template '{request.TemplatePath}' is where the output would go. Keep the template in another folder than -OutputDirectory.", request.TemplatePath);
                }
            }
            RunOutputs.Prepare(request.OutputDirectory, new[] { output }, request.Force);
            RepricingFile claims = run.Read(request.ClaimsPath, FileRole.Claims, "claims", request.ClaimsSheet, "Claims Table", cancel);
            string[] columns = LineByLineLayout.Columns(request.Format);
            int[] idx = DisruptionAnalysis.RequireColumns(claims, columns.Concat(new[] { "Logic" }).ToArray());
            bool xlsx = claims.Format == "xlsx";

            run.Stage = "filter";
            int logic = idx[columns.Length];
            var issues = new List<RowIssue>();
            var result = new LineByLineResult { Format = request.Format };
            var values = new List<object?[]>();
            List<string[]> rows = claims.Data.Rows;
            for (int i = 0; i < rows.Count; i++)
            {
                if ((i & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                string[] row = rows[i];
                if (!(Values.TryNumber(row[logic], xlsx, out decimal l) && l >= 1 && l <= 10)) continue;
                var cells = new object?[columns.Length];
                for (int c = 0; c < columns.Length; c++) cells[c] = Cell(columns[c], row[idx[c]], xlsx, i + 1, issues);
                values.Add(cells);
                Add(result, columns, cells);
            }
            result.Rows = values.Count;
            int first = LineByLineLayout.FirstRow(request.Format);
            int room = LineByLineLayout.RoomBelow(request.Format);
            if (values.Count > room)
            {
                throw Failures.TooManyRows.With(
                    $"{values.Count:N0} claims have Logic 1-10, but the {request.Format} sheet holds {room:N0} rows from row {first}. Split the claims (for example by date) and export each part.", claims.Path);
            }
            run.Info("Filter", $"Claims read: {claims.RowCount:N0} | Kept (Logic 1-10): {values.Count:N0} | Dropped: {claims.RowCount - values.Count:N0}");

            run.Stage = "write";
            run.Report("write", 40, $"Writing {values.Count:N0} rows");
            result.Issues = issues.ToArray();
            run.RowIssues("Read claims", claims.Path, issues);
            cancel.ThrowIfCancellationRequested();
            string temp = outputs.Temp(output);
            try
            {
                Write(temp, request, columns, values, cancel);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Failures.OutputNotWritable.With(
                    $"The workbook could not be written to '{request.OutputDirectory}': {ex.Message} Check the folder's permissions and free space; nothing was left behind.", request.OutputDirectory, ex);
            }
            cancel.ThrowIfCancellationRequested();
            outputs.Commit(request.Force);
            run.Created(output);
            result.OutputFile = output;
            result.Duration = run.Elapsed;
            result.SessionId = run.SessionId;
            run.Report("write", 100, "Done");
            return result;
        }

        private static void Add(LineByLineResult r, string[] columns, object?[] cells)
        {
            for (int c = 0; c < columns.Length; c++)
            {
                if (!(cells[c] is decimal d)) continue;
                switch (columns[c])
                {
                    case "Rxs": r.ClaimCount += d; break;
                    case "Total AWP (Historical)": r.TotalAwp += d; break;
                    case "Rx Sense Ing Cost": r.IngredientCost += d; break;
                    case "RxSense Total Cost": r.TotalCost += d; break;
                    case "GrossCost": r.GrossCost += d; break;
                }
            }
        }

        /// <summary>Dates as dates, numbers as numbers, NDC (11 digits) and IDs as text; a value that is not what the column holds is written as found and reported.</summary>
        private static object? Cell(string column, string raw, bool xlsx, int row, List<RowIssue> issues)
        {
            string text = raw.Trim();
            if (text.Length == 0 && column != "Specialty Vlookup") return null;
            if (column == "DATEFILLED")
            {
                if (Values.TryDate(text, xlsx, out DateTime d)) return d;
                issues.Add(new RowIssue { File = "Claims", Row = row, Column = column, Value = raw, Message = "not a date; written as found" });
                return raw;
            }
            if (column == "NDC") return Values.Ndc(text) ?? raw;
            if (column == "Specialty Vlookup")
            {
                switch (text.ToUpperInvariant())
                {
                    case "YES": case "Y": return "Y";
                    case "NO": case "N": return "N";
                }
                issues.Add(new RowIssue { File = "Claims", Row = row, Column = column, Value = raw, Message = "not Yes/Y or No/N; written as found" });
                return raw.Length == 0 ? null : raw;
            }
            if (LineByLineLayout.Numeric.Contains(column))
            {
                if (Values.TryNumber(text, xlsx, out decimal n)) return n;
                issues.Add(new RowIssue { File = "Claims", Row = row, Column = column, Value = raw, Message = "not a number; written as found" });
                return raw;
            }
            return raw;
        }

        private static void CheckTemplate(string path)
        {
            if (!string.Equals(Path.GetExtension(path), ".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                throw Failures.UnsupportedFileType.With($"The template must be an .xlsx workbook, not '{Path.GetExtension(path)}' ({path}).", path);
            }
            if (!File.Exists(path))
            {
                throw Failures.FileNotFound.With($"The template '{path}' does not exist. Check the path, or leave out -Template for a new workbook.", path);
            }
        }

        /// <summary>Fills the template's Line By Line sheet (or a new workbook's) from the first cell down, keeping everything else.</summary>
        private static void Write(string temp, LineByLineRequest request, string[] columns, List<object?[]> values, CancellationToken cancel)
        {
            int first = LineByLineLayout.FirstRow(request.Format);
            ExcelPackage package;
            if (request.TemplatePath == null) package = new ExcelPackage();
            else
            {
                try
                {
                    using FileStream fs = SharedFile.OpenRead(request.TemplatePath);
                    package = new ExcelPackage(fs);
                    _ = package.Workbook.Worksheets.Count;
                }
                catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is OutOfMemoryException))
                {
                    throw Failures.InvalidWorkbook.With(
                        $"The template '{request.TemplatePath}' is not a valid .xlsx workbook ({ex.Message}). Open it in Excel and save it again as .xlsx.", request.TemplatePath, ex);
                }
            }
            using (package)
            {
                ExcelWorksheet? ws;
                if (request.TemplatePath == null)
                {
                    ws = package.Workbook.Worksheets.Add(LineByLineLayout.Sheet);
                    for (int c = 0; c < columns.Length; c++) ws.Cells[first - 1, c + 1].Value = columns[c];
                }
                else
                {
                    ws = package.Workbook.Worksheets.FirstOrDefault(s => string.Equals(s.Name, LineByLineLayout.Sheet, StringComparison.OrdinalIgnoreCase));
                    if (ws == null)
                    {
                        throw Failures.TemplateSheetMissing.With(
                            $"The template '{request.TemplatePath}' has no sheet '{LineByLineLayout.Sheet}'. Its sheets: {string.Join(", ", package.Workbook.Worksheets.Select(s => s.Name))}. Give the partner's {request.Format} workbook.", request.TemplatePath);
                    }
                    int lastRow = ws.Dimension?.End.Row ?? 0;
                    for (int r = first; r <= lastRow; r++)
                    {
                        if ((r & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
                        for (int c = 1; c <= columns.Length; c++)
                        {
                            ExcelRange cell = ws.Cells[r, c];
                            if (!string.IsNullOrEmpty(cell.Formula)) cell.Formula = null;
                            cell.Value = null;
                        }
                    }
                }
                if (values.Count > 0)
                {
                    ws.Cells[first, 1].LoadFromArrays(values!);
                    int date = Array.IndexOf(columns, "DATEFILLED") + 1;
                    ExcelRange dates = ws.Cells[first, date, first + values.Count - 1, date];
                    string format = ws.Cells[first, date].Style.Numberformat.Format;
                    if (string.IsNullOrEmpty(format) || format == "General") dates.Style.Numberformat.Format = "yyyy-mm-dd";
                }
                cancel.ThrowIfCancellationRequested();
                using var outStream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                package.SaveAs(outStream);
            }
        }
    }
}
