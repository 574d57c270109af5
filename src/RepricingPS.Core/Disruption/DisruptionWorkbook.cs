using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CsvHelper;
using RepricingPS.Core.Repricing;
using SpreadCheetah;
using SpreadCheetah.Styling;

namespace RepricingPS.Core.Disruption
{
    /// <summary>
    /// Writes the disruption workbook of spec §7 with SpreadCheetah, a streaming writer: the Data sheet can hold a million rows,
    /// which EPPlus would keep in memory cell by cell (measured in the Bench task; see README).
    /// </summary>
    internal static class DisruptionWorkbook
    {
        /// <summary>Rows a sheet holds below its header.</summary>
        internal const int MaxDataRows = 1048575;

        /// <summary>The Data rows go to a .csv when asked, or when they do not fit one sheet.</summary>
        internal static bool DataGoesToCsv(int keptRows, bool dataAsCsv) => dataAsCsv || keptRows > MaxDataRows;

        internal static string WorkbookName(string opp, DisruptionKind kind) => $"{opp} {kind} Disruption.xlsx";
        internal static string DataCsvName(string opp, DisruptionKind kind) => $"{opp} {kind} Disruption Data.csv";

        /// <summary>The Data sheet's columns: the claims', then the joined ones (spec §7).</summary>
        internal static List<string> DataHeader(RepricingFile claims, DisruptionAnalysis a)
        {
            var h = new List<string>(claims.Columns) { "Product Name", "Maint Drug?" };
            if (a.UsesUniversal) h.Add("Universal Tier");
            if (a.UsesExclusive) h.Add("Exclusive Tier");
            if (a.UsesOpenMdf) h.Add("Open MDF Tier");
            if (a.UsesExclusive) h.Add("Alternative");
            h.Add("Exclusion Status");
            return h;
        }

        /// <summary>Writes the workbook; with <paramref name="dataCsv"/> the Data sheet only says where the rows are.</summary>
        #if NET
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call, one long loop: optimise it now, not after tiering up
        #endif
        internal static void Write(string path, DisruptionResult result, RepricingFile claims, DisruptionAnalysis a, string? dataCsv, Action<int>? rowsWritten, CancellationToken cancel)
        {
            using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            var options = new SpreadCheetahOptions { DefaultDateTimeFormat = NumberFormat.Custom("yyyy-mm-dd") };
            using Spreadsheet book = Wait(Spreadsheet.CreateNewAsync(fs, options, cancel));
            StyleId percent = book.AddStyle(new Style { Format = NumberFormat.Custom("0.00%") });
            StyleId bold = book.AddStyle(new Style { Font = { Bold = true } });

            Wait(book.StartWorksheetAsync("Summary", null, cancel));
            Row(book, new Cell("Formulary", bold), new Cell("Utilizers", bold), new Cell("Rxs", bold), new Cell("% of claims", bold), new Cell(), new Cell("Members: " + result.TotalMembers.ToString(CultureInfo.InvariantCulture)));
            var summaryRows = new List<Cell[]>();
            foreach (DisruptionSummaryRow s in result.Summary)
            {
                summaryRows.Add(new[] { new Cell(s.Formulary), new Cell(s.Utilizers), new Cell(s.Rxs), new Cell(s.PercentOfClaims, percent) });
            }
            string claimsLine = "Claims: " + Values.Plain(result.TotalClaims);
            if (summaryRows.Count == 0) summaryRows.Add(new Cell[4]);
            for (int i = 0; i < summaryRows.Count; i++)
            {
                if (i == 0) Row(book, summaryRows[i][0], summaryRows[i][1], summaryRows[i][2], summaryRows[i][3], new Cell(), new Cell(claimsLine));
                else Row(book, summaryRows[i]);
            }

            foreach (DisruptionTab tab in result.Tabs)
            {
                cancel.ThrowIfCancellationRequested();
                bool exclusions = tab.Name == DisruptionAnalysis.ExclusionsTab;
                Wait(book.StartWorksheetAsync(tab.Name, null, cancel));
                if (exclusions) Row(book, new Cell("Product Name", bold), new Cell("Alternative", bold), new Cell("Unique Members", bold), new Cell("Total Rxs", bold));
                else Row(book, new Cell("Product Name", bold), new Cell("Unique Members", bold), new Cell("Total Rxs", bold));
                foreach (DisruptionTabRow r in tab.Rows)
                {
                    if (exclusions) Row(book, new Cell(r.ProductName), new Cell(r.Alternative), new Cell(r.UniqueMembers), new Cell(r.TotalRxs));
                    else Row(book, new Cell(r.ProductName), new Cell(r.UniqueMembers), new Cell(r.TotalRxs));
                }
            }

            Wait(book.StartWorksheetAsync("Network", null, cancel));
            Row(book, new Cell("PHARMACYNPI", bold), new Cell("NABP", bold), new Cell("Pharmacy Name", bold), new Cell("Status", bold), new Cell("Members", bold), new Cell("Rxs", bold));
            foreach (DisruptionNetworkRow n in result.Network)
            {
                Row(book, new Cell(n.PHARMACYNPI), new Cell(n.NABP), new Cell(n.PharmacyName), new Cell(n.Status), new Cell(n.Members), new Cell(n.Rxs));
            }

            Wait(book.StartWorksheetAsync("Data", null, cancel));
            if (dataCsv != null)
            {
                Row(book, new Cell($"The {a.Kept.Count:N0} kept rows are in '{Path.GetFileName(dataCsv)}' beside this workbook" +
                    (a.Kept.Count > MaxDataRows ? $" (more than the {MaxDataRows:N0} rows a sheet holds)." : ".")));
            }
            else
            {
                List<string> header = DataHeader(claims, a);
                var headerCells = new Cell[header.Count];
                for (int i = 0; i < header.Count; i++) headerCells[i] = new Cell(header[i], bold);
                Wait(book.AddRowAsync(headerCells, cancel));
                var cells = new DataCell[header.Count]; // unstyled cells: the lightest SpreadCheetah writes
                var layout = new DataLayout(claims);
                int n = 0;
                foreach (ClaimRow row in a.Kept)
                {
                    if ((++n & 0x3FFF) == 0)
                    {
                        cancel.ThrowIfCancellationRequested();
                        rowsWritten?.Invoke(n);
                    }
                    layout.Fill(row, a, cells);
                    Wait(book.AddRowAsync(cells, cancel));
                }
            }
            Wait(book.FinishAsync(cancel));
        }

        /// <summary>Writes the Data rows as .csv (-DataAsCsv, or more rows than a sheet holds).</summary>
        internal static void WriteDataCsv(string path, RepricingFile claims, DisruptionAnalysis a, Action<int>? rowsWritten, CancellationToken cancel)
        {
            using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            using CsvWriter w = CsvWriter.Create(fs, CsvWriterOptions.Default with { NewLine = "\r\n", WriteByteOrderMark = true });
            w.WriteHeader(DataHeader(claims, a).ToArray());
            var layout = new DataLayout(claims);
            int n = 0;
            foreach (ClaimRow row in a.Kept)
            {
                if ((++n & 0x3FFF) == 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    rowsWritten?.Invoke(n);
                }
                foreach (string s in row.Raw) w.WriteField(s);
                foreach (string s in DataLayout.Joined(row, a)) w.WriteField(s);
                w.EndRecord();
            }
        }

        /// <summary>Where the typed claims columns are, and the joined columns of a row.</summary>
        private sealed class DataLayout
        {
            private readonly int _date, _logic, _rxs, _width;

            internal DataLayout(RepricingFile claims)
            {
                int Find(string name) => Array.FindIndex(claims.Data.Columns, c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
                _date = Find(ClaimColumns.Date);
                _logic = Find(ClaimColumns.Logic);
                _rxs = Find(ClaimColumns.Rxs);
                _width = claims.Columns.Length;
            }

            /// <summary>Dates as date cells, Logic and Rxs as numbers, everything else as the text read (NDCs keep their zeros).</summary>
            #if NET
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            #endif
            internal void Fill(ClaimRow row, DisruptionAnalysis a, DataCell[] cells)
            {
                for (int i = 0; i < _width; i++)
                {
                    if (i == _date && row.Date.HasValue) cells[i] = new DataCell(row.Date.Value);
                    else if (i == _logic && row.Logic.HasValue) cells[i] = new DataCell(row.Logic.Value);
                    else if (i == _rxs && row.Raw[i].Trim().Length > 0) cells[i] = new DataCell(row.Rxs);
                    else cells[i] = new DataCell(row.Raw[i]);
                }
                int c = _width;
                cells[c++] = new DataCell(row.Product);
                cells[c++] = new DataCell(row.Maint);
                if (a.UsesUniversal) cells[c++] = TierCell(row.Universal);
                if (a.UsesExclusive) cells[c++] = TierCell(row.Exclusive);
                if (a.UsesOpenMdf) cells[c++] = TierCell(row.OpenMdf);
                if (a.UsesExclusive) cells[c++] = new DataCell(row.Alternative);
                cells[c] = new DataCell(row.Status);
            }

            internal static IEnumerable<string> Joined(ClaimRow row, DisruptionAnalysis a)
            {
                yield return row.Product;
                yield return row.Maint;
                if (a.UsesUniversal) yield return TierText(row.Universal);
                if (a.UsesExclusive) yield return TierText(row.Exclusive);
                if (a.UsesOpenMdf) yield return TierText(row.OpenMdf);
                if (a.UsesExclusive) yield return row.Alternative;
                yield return row.Status;
            }

            private static DataCell TierCell(int? tier) => tier == null ? default : tier == Values.Nonformulary ? new DataCell("Nonformulary") : new DataCell(tier.Value);
        }

        internal static string TierText(int? tier) =>
            tier == null ? "" : tier == Values.Nonformulary ? "Nonformulary" : tier.Value.ToString(CultureInfo.InvariantCulture);

        private static void Row(Spreadsheet book, params Cell[] cells) => Wait(book.AddRowAsync(cells, CancellationToken.None));

        private static void Wait(ValueTask task)
        {
            if (!task.IsCompletedSuccessfully) task.AsTask().GetAwaiter().GetResult();
        }

        private static T Wait<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
    }
}
