using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CsvHelper;
using OfficeOpenXml;

namespace RepricingPS.Core.Repricing
{
    /// <summary>
    /// Generates realistic File1/File2 pairs and a small template: about 12% reversals (most within the match window, some
    /// later, some with no claim), identical refills, File1-only and File2-only rows. Deterministic for a seed.
    /// </summary>
    public static class SampleData
    {
        private static readonly (string Ndc, string Drug, decimal UnitAwp)[] Drugs =
        {
            ("00093505601", "ATORVASTATIN 20 MG TAB", 1.50m), ("00378395477", "LISINOPRIL 10 MG TAB", 0.34m), ("00002143380", "TRULICITY 1.5 MG/0.5 ML", 945.20m),
            ("00172208380", "METFORMIN 500 MG TAB", 0.20m), ("00071015523", "LIPITOR 10 MG TAB", 12.10m), ("00006027731", "JANUVIA 100 MG TAB", 17.80m),
            ("00185072010", "AMLODIPINE 10 MG TAB", 0.41m), ("00904629161", "OMEPRAZOLE 20 MG CAP", 0.55m), ("68180051301", "LEVOTHYROXINE 50 MCG TAB", 0.62m),
            ("00169413013", "OZEMPIC 1 MG/DOSE PEN", 1024.50m), ("00054327099", "PREDNISONE 10 MG TAB", 0.18m), ("60505257909", "SERTRALINE 50 MG TAB", 0.44m),
        };
        private static readonly (string Name, string Npi, string Nabp)[] Pharmacies =
        {
            ("MAIN ST PHARMACY", "1234567890", "1234567"), ("CVS PHARMACY #123", "1111111111", "7654321"), ("WALGREENS #55", "2222222222", "5555555"),
            ("RITE AID #901", "3333333333", "3141592"), ("KROGER PHARMACY #12", "4444444444", "2718281"), ("COSTCO PHARMACY #7", "5555555555", "1618033"),
        };

        /// <summary>Writes File1.csv, File2.csv and _Rx Repricing_wf.xlsx (unless <paramref name="template"/> is false) into a folder.</summary>
        public static SampleDataSet Write(string directory, int claims, int seed, bool template = true, string client = "Acme Health")
        {
            Directory.CreateDirectory(directory);
            var rnd = new Random(seed);
            var set = new SampleDataSet
            {
                File1 = Path.Combine(directory, "File1.csv"),
                File2 = Path.Combine(directory, "File2.csv"),
                Template = template ? Path.Combine(directory, "template", Outputs.TemplateFileName) : "",
            };
            var start = new DateTime(2025, 1, 1);
            int members = Math.Max(5, claims / 6);
            var options = CsvWriterOptions.Default with { NewLine = "\r\n" };
            using (var f1 = CsvWriter.Create(new FileStream(set.File1, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), options))
            using (var f2 = CsvWriter.Create(new FileStream(set.File2, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), options))
            {
                f1.WriteHeader(new[]
                {
                    "SOURCERECORDID", "ClientName", "DATEFILLED", "MemberID", "NDC", "Drug Name", "QUANTITY", "DAYSUPPLY", "Pharmacy Name", "PHARMACYNPI", "NABP", "GrossCost",
                    "FormularyTier", "Rxs", "MONY", "INPUTFILECHANNEL", "DST Drug Name", "Universal Rebates", "Exclusive Rebates", "Specialty Vlookup",
                });
                f2.WriteHeader(new[] { "Source Record ID", "Total AWP (Historical)", "Rx Sense Ing Cost", "RxSense Dispense Fee", "RxSense Total Cost" });
                var recent = new List<(DateTime Date, string Member, int Drug, int Pharmacy, int Qty, int Days)>();
                int id = 1_000_000;
                for (int i = 0; i < claims; i++)
                {
                    (DateTime Date, string Member, int Drug, int Pharmacy, int Qty, int Days) c;
                    int roll = rnd.Next(100);
                    bool reversal = roll < 12 && recent.Count > 0;
                    if (reversal)
                    {
                        var o = recent[rnd.Next(recent.Count)];
                        // Most reversals come within days; some later than the 30-day window; a few reverse a claim that was never sent.
                        int after = rnd.Next(100) < 85 ? rnd.Next(0, 21) : rnd.Next(31, 60);
                        c = (o.Date.AddDays(after), rnd.Next(100) < 5 ? "M" + rnd.Next(members, members * 2).ToString("D6", CultureInfo.InvariantCulture) : o.Member, o.Drug, o.Pharmacy, -o.Qty, -o.Days);
                    }
                    else if (roll < 15 && recent.Count > 0)
                    {
                        c = recent[rnd.Next(recent.Count)]; // an identical refill, same day
                    }
                    else
                    {
                        int drugIndex = rnd.Next(Drugs.Length);
                        bool pen = Drugs[drugIndex].UnitAwp > 100; // injectables are dispensed by the pen, 28 days at a time
                        int days = pen ? 28 : rnd.Next(100) < 70 ? 30 : 90;
                        int qty = pen ? rnd.Next(1, 3) : days;
                        c = (start.AddDays(rnd.Next(365)), "M" + rnd.Next(members).ToString("D6", CultureInfo.InvariantCulture), drugIndex, rnd.Next(Pharmacies.Length), qty, days);
                        recent.Add(c);
                        if (recent.Count > 2000) recent.RemoveAt(rnd.Next(recent.Count));
                    }
                    string key = "RX" + (id++).ToString(CultureInfo.InvariantCulture);
                    var drug = Drugs[c.Drug];
                    var ph = Pharmacies[c.Pharmacy];
                    decimal awp = Math.Round(drug.UnitAwp * c.Qty, 2);
                    decimal gross = Math.Round(awp * 0.3m, 2);
                    f1.WriteRecord(new[]
                    {
                        key, client, c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Member, drug.Ndc, drug.Drug,
                        c.Qty.ToString(CultureInfo.InvariantCulture), c.Days.ToString(CultureInfo.InvariantCulture), ph.Name, ph.Npi, ph.Nabp, gross.ToString("0.00", CultureInfo.InvariantCulture),
                        // The disruption and line-by-line columns, derived from the drug and the fill (no extra random draws, so a seed gives the files it gave before).
                        Plan[c.Drug].Tier, c.Qty < 0 ? "-1" : "1", Plan[c.Drug].Mony, Math.Abs(c.Days) >= 90 ? "MAIL" : "RETAIL", drug.Drug,
                        (Plan[c.Drug].Mony == "N" ? Math.Round(awp * 0.12m, 2) : 0m).ToString("0.00", CultureInfo.InvariantCulture),
                        (Plan[c.Drug].Mony == "N" ? Math.Round(awp * 0.2m, 2) : 0m).ToString("0.00", CultureInfo.InvariantCulture),
                        drug.UnitAwp > 100 ? "Yes" : "No",
                    });
                    set.File1Rows++;
                    if (rnd.Next(100) < 97) // about 3% never came back from the pricing tool
                    {
                        WritePriced(f2, key, awp, rnd);
                        set.File2Rows++;
                    }
                    if (rnd.Next(100) == 0) // about 1% priced rows the claims file does not have
                    {
                        WritePriced(f2, "RX9" + (id++).ToString(CultureInfo.InvariantCulture), Math.Round(drug.UnitAwp * 30, 2), rnd);
                        set.File2Rows++;
                    }
                }
            }
            if (template) WriteTemplate(set.Template);
            WriteReferences(directory, set);
            return set;
        }

        /// <summary>
        /// Per drug (same order as <see cref="Drugs"/>): the client's current tier, MONY, maintenance, and the tiers of the
        /// Universal, Exclusive and Open MDF formularies, so every disruption tab has something in it.
        /// </summary>
        private static readonly (string Tier, string Mony, string Maint, string Universal, string Exclusive, string Alternative, string OpenMdf)[] Plan =
        {
            ("2", "Y", "Y", "1", "1", "", "1"), ("1", "Y", "Y", "1", "2", "", "1"), ("3", "N", "Y", "2", "Nonformulary", "Ozempic", "3"),
            ("1", "Y", "Y", "2", "1", "", "1"), ("3", "N", "Y", "2", "3", "", "2"), ("2", "N", "Y", "3", "Nonformulary", "Jardiance", "3"),
            ("2", "Y", "Y", "1", "1", "", "2"), ("1", "Y", "Y", "1", "1", "Covered under medical", "1"), ("3", "Y", "Y", "1", "2", "", "1"),
            ("2", "N", "Y", "1", "1", "", "2"), ("1", "Y", "N", "1", "1", "", "1"), ("2", "Y", "Y", "3", "3", "", "1"),
        };

        /// <summary>The five reference tables of a disruption analysis, for the sample's drugs and pharmacies.</summary>
        private static void WriteReferences(string directory, SampleDataSet set)
        {
            string refs = Path.Combine(directory, "reference");
            Directory.CreateDirectory(refs);
            set.MediSpan = Path.Combine(refs, "MediSpan.csv");
            set.Universal = Path.Combine(refs, "Universal.csv");
            set.Exclusive = Path.Combine(refs, "Exclusive.csv");
            set.OpenMdf = Path.Combine(refs, "OpenMDF.csv");
            set.Network = Path.Combine(refs, "Network.csv");
            var options = CsvWriterOptions.Default with { NewLine = "\r\n" };
            void Table(string path, string[] header, IEnumerable<string[]> rows)
            {
                using var w = CsvWriter.Create(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None), options);
                w.WriteHeader(header);
                foreach (string[] r in rows) w.WriteRecord(r);
            }
            var drugs = new List<int>();
            for (int i = 0; i < Drugs.Length; i++) drugs.Add(i);
            Table(set.MediSpan, new[] { "NDC", "Maint Drug?", "Product Name" }, drugs.ConvertAll(i => new[] { Drugs[i].Ndc, Plan[i].Maint, ProductName(Drugs[i].Drug) }));
            Table(set.Universal, new[] { "NDC", "Tier" }, drugs.ConvertAll(i => new[] { Drugs[i].Ndc, Plan[i].Universal }));
            Table(set.Exclusive, new[] { "NDC", "Tier", "Alternative" }, drugs.ConvertAll(i => new[] { Drugs[i].Ndc, Plan[i].Exclusive, Plan[i].Alternative }));
            Table(set.OpenMdf, new[] { "NDC", "Tier" }, drugs.ConvertAll(i => new[] { Drugs[i].Ndc, Plan[i].OpenMdf }));
            string[] excluded = { "no", "yes", "yes", "no", "", "yes" }; // Kroger's status is unknown: Review
            var pharmacies = new List<string[]>();
            for (int i = 0; i < Pharmacies.Length; i++) pharmacies.Add(new[] { Pharmacies[i].Nabp, Pharmacies[i].Npi, excluded[i] });
            Table(set.Network, new[] { "pharmacy_nabp", "pharmacy_npi", "pharmacy_is_excluded" }, pharmacies);
        }

        /// <summary>"ATORVASTATIN 20 MG TAB" becomes "Atorvastatin": Medi-Span names the product, not the strength.</summary>
        private static string ProductName(string drug)
        {
            string first = drug.Split(' ')[0];
            return first.Substring(0, 1) + first.Substring(1).ToLowerInvariant();
        }

        private static void WritePriced(CsvWriter w, string key, decimal awp, Random rnd)
        {
            decimal sign = awp < 0 ? -1 : 1;
            decimal ing = Math.Round(awp * (0.18m + (decimal)rnd.NextDouble() * 0.1m), 2);
            decimal fee = 1.75m * sign;
            w.WriteRecord(new[]
            {
                key, awp.ToString("0.00", CultureInfo.InvariantCulture), ing.ToString("0.00", CultureInfo.InvariantCulture),
                fee.ToString("0.00", CultureInfo.InvariantCulture), (ing + fee).ToString("0.00", CultureInfo.InvariantCulture),
            });
        }

        /// <summary>A small template: sheet Claims Table with headers, a Logic formula column, stale rows to clear, styles, and another sheet.</summary>
        public static void WriteTemplate(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var p = new ExcelPackage();
            var ws = p.Workbook.Worksheets.Add(FileImporter.TemplateSheet);
            // The first ten columns are the repricing ones; the rest feed the disruption analyses and line-by-line files.
            string[] headers =
            {
                "SOURCERECORDID", "DATEFILLED", "MemberID", "NDC", "Drug Name", "QUANTITY", "Total AWP (Historical)", "RxSense Total Cost", "O's & R's Check", "Logic",
                "FormularyTier", "Rxs", "PHARMACYNPI", "NABP", "Pharmacy Name", "MONY", "Rx Sense Ing Cost", "RxSense Dispense Fee", "GrossCost",
                "INPUTFILECHANNEL", "DAYSUPPLY", "DST Drug Name", "Universal Rebates", "Exclusive Rebates", "Specialty Vlookup",
            };
            for (int c = 0; c < headers.Length; c++)
            {
                ws.Cells[1, c + 1].Value = headers[c];
                ws.Cells[1, c + 1].Style.Font.Bold = true;
            }
            // Stale rows from the last run, which the fill must clear.
            for (int r = 2; r <= 6; r++)
            {
                ws.Cells[r, 1].Value = "OLD" + r;
                ws.Cells[r, 4].Value = "99999999999";
                ws.Cells[r, 6].Value = 1;
                ws.Cells[r, 7].Value = 1.0;
                ws.Cells[r, 8].Value = 1.0;
            }
            ws.Cells[2, 2].Style.Numberformat.Format = "yyyy-mm-dd";
            ws.Cells[2, 7].Style.Numberformat.Format = "#,##0.00";
            ws.Cells[2, 8].Style.Numberformat.Format = "#,##0.00";
            // Logic: the savings of a priced claim; 0 for O/R rows. Its references are relative, so it fills down.
            ws.Cells[2, 10].Formula = "IF(I2=\"OR\",0,ROUND(G2-H2,2))";
            for (int r = 3; r <= 6; r++) ws.Cells[r, 10].Formula = $"IF(I{r}=\"OR\",0,ROUND(G{r}-H{r},2))";
            ws.Cells[2, 10].Style.Numberformat.Format = "#,##0.00";
            var summary = p.Workbook.Worksheets.Add("Summary");
            summary.Cells[1, 1].Value = "Repricing summary";
            summary.Cells[1, 1].Style.Font.Bold = true;
            summary.Cells[2, 1].Value = "Total savings";
            summary.Cells[2, 2].Formula = "SUM('Claims Table'!J:J)";
            p.SaveAs(new FileInfo(path));
        }
    }
}
