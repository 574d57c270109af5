using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Audit.Folder;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Bench
{
    /// <summary>.xlsx import: ExcelDataReader (what ships) beside EPPlus, on one generated workbook, each in a process of its own.</summary>
    internal static class XlsxImportBench
    {
        /// <summary>A File1-shaped workbook: rows x 16 columns (the 12 claim columns and 4 more).</summary>
        internal static int GenerateXlsx(string path, int rows)
        {
            var rnd = new Random(5);
            using var p = new OfficeOpenXml.ExcelPackage();
            var ws = p.Workbook.Worksheets.Add("Claims");
            string[] headers = { "SOURCERECORDID", "ClientName", "DATEFILLED", "MemberID", "NDC", "Drug Name", "QUANTITY", "DAYSUPPLY", "Pharmacy Name", "PHARMACYNPI", "NABP", "GrossCost", "PlanID", "GroupID", "PrescriberNPI", "Notes" };
            for (int c = 0; c < headers.Length; c++) ws.Cells[1, c + 1].Value = headers[c];
            for (int r = 2; r <= rows + 1; r++)
            {
                ws.Cells[r, 1].Value = "RX" + r.ToString(CultureInfo.InvariantCulture);
                ws.Cells[r, 2].Value = "Acme Health";
                ws.Cells[r, 3].Value = new DateTime(2025, 1, 1).AddDays(rnd.Next(365));
                ws.Cells[r, 3].Style.Numberformat.Format = "m/d/yyyy";
                ws.Cells[r, 4].Value = "M" + rnd.Next(100000).ToString("D6", CultureInfo.InvariantCulture);
                ws.Cells[r, 5].Value = "00093505601";
                ws.Cells[r, 6].Value = "ATORVASTATIN 20 MG TAB";
                ws.Cells[r, 7].Value = 30.0;
                ws.Cells[r, 8].Value = 30.0;
                ws.Cells[r, 9].Value = "MAIN ST PHARMACY";
                ws.Cells[r, 10].Value = "1234567890";
                ws.Cells[r, 11].Value = "1234567";
                ws.Cells[r, 12].Value = Math.Round(rnd.NextDouble() * 100, 2);
                ws.Cells[r, 13].Value = "PLAN" + rnd.Next(50).ToString(CultureInfo.InvariantCulture);
                ws.Cells[r, 14].Value = "GRP" + rnd.Next(500).ToString(CultureInfo.InvariantCulture);
                ws.Cells[r, 15].Value = "1" + rnd.Next(100000000, 999999999).ToString(CultureInfo.InvariantCulture);
                ws.Cells[r, 16].Value = "none";
            }
            p.SaveAs(new FileInfo(path));
            return 0;
        }

        internal static int ImportXlsx(string path, string resultFile)
        {
            var watch = Stopwatch.StartNew();
            RepricingFile f = FileImporter.Import(path, FileRole.File1, null, false, default);
            watch.Stop();
            using var me = Process.GetCurrentProcess();
            string line = string.Format(CultureInfo.InvariantCulture,
                "  .xlsx import (ExcelDataReader, streaming), {0:N0} rows x {1} columns ({2:N0} MB file): {3:F1} s, peak working set {4:N0} MB; {5}; {6}",
                f.RowCount, f.Columns.Length, new FileInfo(path).Length / 1e6, watch.Elapsed.TotalSeconds, me.PeakWorkingSet64 / (1 << 20),
                f.Warnings.Length > 0 ? "warning: " + f.Warnings[0] : "no size warning", Fingerprint(Enumerable.Range(0, f.RowCount).Select(f.Data.RowText).ToList()));
            File.AppendAllText(resultFile, line + Environment.NewLine);
            Console.WriteLine(line);
            return 0;
        }

        /// <summary>The reader the import used before issue 8 (EPPlus, whole workbook in memory), for comparison.</summary>
        internal static int ImportXlsxWithEpplus(string path, string resultFile)
        {
            var watch = Stopwatch.StartNew();
            var rows = new System.Collections.Generic.List<string[]>();
            using (var fs = File.OpenRead(path))
            using (var p = new OfficeOpenXml.ExcelPackage(fs))
            {
                var ws = System.Linq.Enumerable.First(p.Workbook.Worksheets);
                int lastCol = ws.Dimension.End.Column, lastRow = ws.Dimension.End.Row;
                for (int r = 2; r <= lastRow; r++)
                {
                    var values = new string[lastCol];
                    for (int c = 1; c <= lastCol; c++) values[c - 1] = FileImporter.CellText(ws.Cells[r, c].Value);
                    rows.Add(values);
                }
            }
            watch.Stop();
            using var me = Process.GetCurrentProcess();
            string line = string.Format(CultureInfo.InvariantCulture,
                "  .xlsx import (EPPlus 4.5.3.3, whole workbook), {0:N0} rows ({1:N0} MB file): {2:F1} s, peak working set {3:N0} MB; {4}",
                rows.Count, new FileInfo(path).Length / 1e6, watch.Elapsed.TotalSeconds, me.PeakWorkingSet64 / (1 << 20), Fingerprint(rows));
            File.AppendAllText(resultFile, line + Environment.NewLine);
            Console.WriteLine(line);
            return 0;
        }

        /// <summary>Row 1 (date and NDC as read) and a hash of every value, so two readers can be compared for correctness.</summary>
        private static string Fingerprint(System.Collections.Generic.List<string[]> rows)
        {
            var all = new System.Text.StringBuilder();
            // Compared as the import types them: a date cell is a date whether a reader gives it as a date or as its serial.
            static string Date(string text) => Schema.TryDate(text, out DateTime d) ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "not a date: " + text;
            foreach (string[] row in rows) all.Append(string.Join("\u001f", row.Select((v, i) => i == 2 ? Date(v) : v))).Append('\n');
            return $"row 1: DATEFILLED {rows[0][2]} = {Date(rows[0][2])}, NDC {rows[0][4]}, NPI {rows[0][9]}; all values SHA-256 {RepricingPS.Core.Hashing.Sha256Hex(all.ToString(), 8)}";
        }
    }
}
