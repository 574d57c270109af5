using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using CsvHelper;
using OfficeOpenXml;
using SpreadCheetah;

namespace RepricingPS.Bench
{
    /// <summary>
    /// Data for the disruption and line-by-line benchmarks, and the Data-sheet writer comparison (EPPlus cell by cell,
    /// EPPlus LoadFromArrays, SpreadCheetah), each mode run in a fresh process by Build.ps1.
    /// </summary>
    internal static class DisruptionBench
    {
        internal static readonly string[] Header =
        {
            "SOURCERECORDID", "ClientName", "DATEFILLED", "MemberID", "NDC", "Drug Name", "QUANTITY", "DAYSUPPLY", "Pharmacy Name", "PHARMACYNPI", "NABP",
            "GrossCost", "Total AWP (Historical)", "Rx Sense Ing Cost", "RxSense Dispense Fee", "RxSense Total Cost", "FormularyTier", "Logic", "Rxs", "MONY",
            "INPUTFILECHANNEL", "DST Drug Name", "Universal Rebates", "Exclusive Rebates", "Specialty Vlookup", "RowID",
        };

        private const int Ndcs = 5000, Pharmacies = 2000;

        private static string Ndc(int i) => (10000000000L + i * 7919L).ToString(CultureInfo.InvariantCulture).Substring(0, 11);

        /// <summary>claims.csv (dates over 8 months, so most rows fall in the 6-month window), the five reference tables, and an LBL template.</summary>
        internal static int Generate(string dir, int claims)
        {
            Directory.CreateDirectory(dir);
            var rnd = new Random(7);
            var options = CsvWriterOptions.Default with { NewLine = "\r\n" };
            using (var w = CsvWriter.Create(new FileStream(Path.Combine(dir, "claims.csv"), FileMode.Create), options))
            {
                w.WriteHeader(Header);
                var start = new DateTime(2025, 1, 1);
                var row = new string[Header.Length];
                for (int i = 0; i < claims; i++)
                {
                    int ndc = rnd.Next(Ndcs), ph = rnd.Next(Pharmacies);
                    decimal awp = Math.Round((decimal)rnd.NextDouble() * 200, 2);
                    row[0] = "RX" + (1000000 + i).ToString(CultureInfo.InvariantCulture);
                    row[1] = "Bench Health";
                    row[2] = start.AddDays(rnd.Next(243)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    row[3] = "M" + rnd.Next(claims / 5 + 1).ToString("D7", CultureInfo.InvariantCulture);
                    row[4] = Ndc(ndc);
                    row[5] = "DRUG " + ndc.ToString(CultureInfo.InvariantCulture) + " 10 MG TAB";
                    row[6] = "30";
                    row[7] = "30";
                    row[8] = "PHARMACY #" + ph.ToString(CultureInfo.InvariantCulture);
                    row[9] = (1000000000L + ph).ToString(CultureInfo.InvariantCulture);
                    row[10] = (1000000 + ph).ToString(CultureInfo.InvariantCulture);
                    row[11] = Math.Round(awp * 0.3m, 2).ToString(CultureInfo.InvariantCulture);
                    row[12] = awp.ToString(CultureInfo.InvariantCulture);
                    row[13] = Math.Round(awp * 0.2m, 2).ToString(CultureInfo.InvariantCulture);
                    row[14] = "1.75";
                    row[15] = Math.Round(awp * 0.2m + 1.75m, 2).ToString(CultureInfo.InvariantCulture);
                    row[16] = (1 + rnd.Next(3)).ToString(CultureInfo.InvariantCulture);
                    row[17] = (rnd.Next(100) < 90 ? 1 + rnd.Next(10) : 11 + rnd.Next(20)).ToString(CultureInfo.InvariantCulture);
                    row[18] = "1";
                    row[19] = rnd.Next(2) == 0 ? "Y" : "N";
                    row[20] = rnd.Next(4) == 0 ? "MAIL" : "RETAIL";
                    row[21] = row[5];
                    row[22] = "0.50";
                    row[23] = "0.75";
                    row[24] = rnd.Next(10) == 0 ? "Yes" : "No";
                    row[25] = (i + 1).ToString(CultureInfo.InvariantCulture);
                    w.WriteRecord(row);
                }
            }
            void Table(string name, string[] header, Func<int, string[]> make, int count)
            {
                using var w = CsvWriter.Create(new FileStream(Path.Combine(dir, name), FileMode.Create), options);
                w.WriteHeader(header);
                for (int i = 0; i < count; i++) w.WriteRecord(make(i));
            }
            string Tier(int i, int salt) => ((i * 31 + salt) % 11) switch { 0 => "Nonformulary", var t => (1 + t % 3).ToString(CultureInfo.InvariantCulture) };
            Table("medispan.csv", new[] { "NDC", "Maint Drug?", "Product Name" }, i => new[] { Ndc(i), i % 7 == 0 ? "N" : "Y", "Product " + (i % 1500).ToString(CultureInfo.InvariantCulture) }, Ndcs);
            Table("universal.csv", new[] { "NDC", "Tier" }, i => new[] { Ndc(i), Tier(i, 1) }, Ndcs);
            Table("exclusive.csv", new[] { "NDC", "Tier", "Alternative" }, i => new[] { Ndc(i), Tier(i, 5), i % 50 == 0 ? "Covered" : i % 11 == 0 ? "Alt " + i : "" }, Ndcs);
            Table("openmdf.csv", new[] { "NDC", "Tier" }, i => new[] { Ndc(i), Tier(i, 9) }, Ndcs);
            Table("network.csv", new[] { "pharmacy_nabp", "pharmacy_npi", "pharmacy_is_excluded" },
                i => new[] { (1000000 + i).ToString(CultureInfo.InvariantCulture), (1000000000L + i).ToString(CultureInfo.InvariantCulture), i % 5 == 0 ? "yes" : i % 17 == 0 ? "" : "no" }, Pharmacies);
            using (var p = new ExcelPackage())
            {
                p.Workbook.Worksheets.Add("Cover").Cells["A1"].Value = "Partner workbook";
                var ws = p.Workbook.Worksheets.Add("Line By Line");
                ws.Cells["A1"].Value = "MONY";
                p.SaveAs(new FileInfo(Path.Combine(dir, "lbl-template.xlsx")));
            }
            return 0;
        }

        /// <summary>Writes a Data-like sheet of <paramref name="rows"/> x 26 cells with one writer, and appends time and peak memory.</summary>
        internal static int Writer(string mode, int rows, string dir, string resultFile)
        {
            string path = Path.Combine(dir, "writer-" + mode + ".xlsx");
            if (File.Exists(path)) File.Delete(path);
            var date = new DateTime(2025, 6, 1);
            object[] Row(int i)
            {
                var r = new object[Header.Length];
                for (int c = 0; c < r.Length; c++) r[c] = c == 2 ? date.AddDays(i % 200) : c is 6 or 7 or 12 or 13 or 17 or 18 ? (object)(decimal)(i % 97 + c) : "TEXT" + (i % 5000).ToString(CultureInfo.InvariantCulture);
                return r;
            }
            var watch = Stopwatch.StartNew();
            switch (mode)
            {
                case "epplus-cells":
                    using (var p = new ExcelPackage())
                    {
                        var ws = p.Workbook.Worksheets.Add("Data");
                        for (int i = 0; i < rows; i++)
                        {
                            object[] r = Row(i);
                            for (int c = 0; c < r.Length; c++) ws.Cells[i + 2, c + 1].Value = r[c];
                        }
                        ws.Cells[2, 3, rows + 1, 3].Style.Numberformat.Format = "yyyy-mm-dd";
                        p.SaveAs(new FileInfo(path));
                    }
                    break;
                case "epplus-arrays":
                    using (var p = new ExcelPackage())
                    {
                        var ws = p.Workbook.Worksheets.Add("Data");
                        ws.Cells[2, 1].LoadFromArrays(Enumerable.Range(0, rows).Select(Row));
                        ws.Cells[2, 3, rows + 1, 3].Style.Numberformat.Format = "yyyy-mm-dd";
                        p.SaveAs(new FileInfo(path));
                    }
                    break;
                case "spreadcheetah":
                    using (var fs = new FileStream(path, FileMode.CreateNew))
                    {
                        var book = Spreadsheet.CreateNewAsync(fs, new SpreadCheetahOptions { DefaultDateTimeFormat = SpreadCheetah.Styling.NumberFormat.Custom("yyyy-mm-dd") }).AsTask().GetAwaiter().GetResult();
                        book.StartWorksheetAsync("Data").AsTask().GetAwaiter().GetResult();
                        var cells = new Cell[Header.Length];
                        for (int i = 0; i < rows; i++)
                        {
                            object[] r = Row(i);
                            for (int c = 0; c < r.Length; c++) cells[c] = r[c] switch { DateTime d => new Cell(d), decimal m => new Cell(m), _ => new Cell((string)r[c]) };
                            book.AddRowAsync(cells).AsTask().GetAwaiter().GetResult();
                        }
                        book.FinishAsync().AsTask().GetAwaiter().GetResult();
                        book.Dispose();
                    }
                    break;
                default:
                    throw new ArgumentException("mode: epplus-cells | epplus-arrays | spreadcheetah");
            }
            watch.Stop();
            long peak = Process.GetCurrentProcess().PeakWorkingSet64;
            string line = string.Format(CultureInfo.InvariantCulture, "  {0,-15} {1,9:N0} rows x {2} cells: {3,6:F2} s, peak memory {4,6:N0} MB, file {5:N1} MB{6}",
                mode, rows, Header.Length, watch.Elapsed.TotalSeconds, peak / (1 << 20), new FileInfo(path).Length / (double)(1 << 20), Environment.NewLine);
            File.AppendAllText(resultFile, line);
            Console.Write(line);
            File.Delete(path);
            return 0;
        }
    }
}
