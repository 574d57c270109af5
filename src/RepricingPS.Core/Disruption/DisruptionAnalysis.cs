using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Core.Disruption
{
    /// <summary>A claim row, its normalised values and what the references say about it.</summary>
    internal sealed class ClaimRow
    {
        internal string[] Raw = Array.Empty<string>();
        internal string? Ndc;
        internal string Member = "";
        internal DateTime? Date;
        internal decimal? Logic;
        internal decimal Rxs;
        internal string Npi = "";
        internal string Nabp = "";
        internal string Pharmacy = "";
        internal int? Tier;
        internal BrandGeneric BrandGeneric;
        internal bool InMediSpan;
        internal string Product = "";
        internal string Maint = "";
        internal int? Universal;
        internal int? Exclusive;
        internal int? OpenMdf;
        internal string Alternative = "";
        internal string Status = "";
    }

    /// <summary>The claims' columns a disruption analysis reads (spec §1).</summary>
    internal static class ClaimColumns
    {
        internal const string Ndc = "NDC", Member = "MemberID", Date = "DATEFILLED", Tier = "FormularyTier", Logic = "Logic", Rxs = "Rxs",
            Npi = "PHARMACYNPI", Nabp = "NABP", Pharmacy = "Pharmacy Name";
        internal static readonly string[] Required = { Ndc, Member, Date, Tier, Logic, Rxs, Npi, Nabp, Pharmacy };
    }

    /// <summary>Word matching of spec §4 and §6: a word is a maximal run of letters and digits.</summary>
    internal static class Words
    {
        private const string Edge = @"(?<![\p{L}\p{Nd}])";
        private const string End = @"(?![\p{L}\p{Nd}])";

        /// <summary>The products step 7 drops.</summary>
        internal static readonly Regex ExcludedProduct = Any("albuterol", "ventolin", "epinephrine");

        /// <summary>Chains kept out of the Network sheet (spec §6); Williams followed by a word starting Bro.</summary>
        internal static readonly Regex Chain = new Regex(
            string.Join("|", new[] { "CVS", "Walgreens", "Walgreen", "Kroger", "Walmart", "Wal-Mart", "Rite Aid", "Optum", "Express Scripts", "DMR", "Publix" }
                .Select(p => Edge + Phrase(p) + End).Concat(new[] { Edge + "Williams +Bro[\\p{L}\\p{Nd}]*" })),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static Regex Any(params string[] words) =>
            new Regex(string.Join("|", words.Select(w => Edge + Phrase(w) + End)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>The words of a phrase are separated by one or more spaces.</summary>
        private static string Phrase(string p) => string.Join(" +", p.Split(' ').Select(Regex.Escape));
    }

    /// <summary>One tab of a kind: its sheet name, its Summary label and which kept rows it holds.</summary>
    internal sealed class TabDefinition
    {
        internal TabDefinition(string name, string label, Func<ClaimRow, bool> holds) { Name = name; Label = label; Holds = holds; }
        internal string Name { get; }
        internal string Label { get; }
        internal Func<ClaimRow, bool> Holds { get; }
    }

    /// <summary>The analysis of spec §3-§6 on rows already read: normalise, join, filter, group.</summary>
    internal sealed class DisruptionAnalysis
    {
        internal const string ExclusionsTab = "Exclusions";

        internal DisruptionAnalysis(DisruptionKind kind) => Kind = kind;

        internal DisruptionKind Kind { get; }
        internal List<ClaimRow> Kept { get; } = new List<ClaimRow>();
        internal List<RowIssue> Issues { get; } = new List<RowIssue>();
        internal DisruptionDropped Dropped { get; } = new DisruptionDropped();
        internal DateTime? WindowStart { get; private set; }
        internal DateTime? WindowEnd { get; private set; }

        internal bool UsesUniversal => Kind == DisruptionKind.Tier || Kind == DisruptionKind.BrandGeneric;
        internal bool UsesExclusive => Kind != DisruptionKind.OpenMdfTier;
        internal bool UsesOpenMdf => Kind == DisruptionKind.OpenMdfTier || Kind == DisruptionKind.OpenMdfBrandGeneric;
        private bool TierKind => Kind == DisruptionKind.Tier || Kind == DisruptionKind.OpenMdfTier;

        /// <summary>Missing required claims columns: a USER_ERROR naming every one and the columns found.</summary>
        internal static int[] RequireColumns(RepricingFile claims, string[] required)
        {
            int[] idx = required.Select(r => Array.FindIndex(claims.Data.Columns, c => string.Equals(c, r, StringComparison.OrdinalIgnoreCase))).ToArray();
            var missing = required.Where((r, i) => idx[i] < 0).ToList();
            if (missing.Count > 0)
            {
                throw Failures.MissingColumns.With(
                    $"Missing required columns: {string.Join(", ", missing)}. The claims file '{claims.Path}' has: {string.Join(", ", claims.Columns)}. " +
                    "Give the repriced claims (the Claims Table of the filled template, or the Claim Detail .csv) with these columns.", claims.Path);
            }
            return idx;
        }

        /// <summary>Steps 1-8 of spec §4 over the claims, joined with the references (spec §3).</summary>
        #if NET
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call, one long loop: optimise it now, not after tiering up
        #endif
        internal void Filter(RepricingFile claims, References refs, int months, CancellationToken cancel)
        {
            int[] c = RequireColumns(claims, ClaimColumns.Required);
            bool xlsx = claims.Format == "xlsx";
            List<string[]> rows = claims.Data.Rows;
            var parsed = new List<ClaimRow>(rows.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                if ((i & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                string[] raw = rows[i];
                var row = new ClaimRow { Raw = raw };
                bool ok = true;
                row.Ndc = Values.Ndc(raw[c[0]]);
                if (row.Ndc == null) Issue(i, ClaimColumns.Ndc, raw[c[0]], "not an NDC (1-11 digits after removing '-' and spaces); the row joins no reference");
                row.Member = raw[c[1]].Trim();
                string date = raw[c[2]];
                if (date.Trim().Length > 0)
                {
                    if (Values.TryDate(date, xlsx, out DateTime d)) row.Date = d;
                    else { ok = false; Issue(i, ClaimColumns.Date, date, "not a date (yyyy-MM-dd, M/d/yyyy or an ISO date-time)"); }
                }
                if (TierKind) row.Tier = Values.ClaimTier(raw[c[3]], xlsx);
                else row.BrandGeneric = Values.ClaimBrandGeneric(raw[c[3]]);
                string logic = raw[c[4]];
                if (logic.Trim().Length > 0)
                {
                    if (Values.TryNumber(logic, xlsx, out decimal l)) row.Logic = l;
                    else { ok = false; Issue(i, ClaimColumns.Logic, logic, "not a number"); }
                }
                string rxs = raw[c[5]];
                if (rxs.Trim().Length > 0)
                {
                    if (Values.TryNumber(rxs, xlsx, out decimal r)) row.Rxs = r;
                    else { ok = false; Issue(i, ClaimColumns.Rxs, rxs, "not a number"); }
                }
                row.Npi = Values.Id(raw[c[6]], 10);
                row.Nabp = Values.Id(raw[c[7]], 7);
                row.Pharmacy = raw[c[8]].Trim();
                if (!ok) { Dropped.Invalid++; continue; }
                parsed.Add(row);
            }

            // Step 2: the first of rows equal in every column, as read.
            var seen = new HashSet<string[]>(RowComparer.Instance);
            var unique = new List<ClaimRow>(parsed.Count);
            foreach (ClaimRow row in parsed)
            {
                if (seen.Add(row.Raw)) unique.Add(row);
                else Dropped.Duplicate++;
            }
            cancel.ThrowIfCancellationRequested();

            // Step 3 and 4: the window ends on the latest date and starts N calendar months earlier plus one day.
            var dated = new List<ClaimRow>(unique.Count);
            DateTime latest = DateTime.MinValue;
            foreach (ClaimRow row in unique)
            {
                if (!row.Date.HasValue) { Dropped.NoDate++; continue; }
                dated.Add(row);
                if (row.Date.Value > latest) latest = row.Date.Value;
            }
            if (dated.Count == 0)
            {
                throw Failures.NoDatedClaims.With(
                    $"The claims file '{claims.Path}' has no dated claims: of {rows.Count:N0} rows, {Dropped.Invalid:N0} do not parse, {Dropped.Duplicate:N0} are duplicates " +
                    $"and {Dropped.NoDate:N0} have no DATEFILLED. Check the DATEFILLED column (yyyy-MM-dd or M/d/yyyy).", claims.Path);
            }
            DateTime start = WindowStartFor(latest, months);
            WindowStart = start;
            WindowEnd = latest;

            var excludedProducts = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (ClaimRow row in dated)
            {
                if (row.Date!.Value < start) { Dropped.OutsideWindow++; continue; }
                if (!(row.Logic >= 1 && row.Logic <= 10)) { Dropped.Logic++; continue; }
                Join(row, refs);
                if (!row.InMediSpan || row.Maint != "Y") { Dropped.NotMaintenance++; continue; }
                if (Matches(excludedProducts, Words.ExcludedProduct, row.Product)) { Dropped.ExcludedProduct++; continue; }
                if (UsesExclusive && (Contains(row.Alternative, "Covered") || Contains(row.Alternative, "Use different NDC"))) { Dropped.CoveredAlternative++; continue; }
                row.Status = refs.StatusOf(row.Nabp, row.Npi);
                Kept.Add(row);
            }
        }

        /// <summary>The window's first day: <paramref name="latest"/> minus N calendar months (month end clamped) plus one day.</summary>
        internal static DateTime WindowStartFor(DateTime latest, int months) => latest.AddMonths(-months).AddDays(1);

        /// <summary>A regex match remembered per distinct text: claims repeat a few thousand products and pharmacies.</summary>
        private static bool Matches(Dictionary<string, bool> seen, Regex regex, string text)
        {
            if (!seen.TryGetValue(text, out bool match)) seen[text] = match = regex.IsMatch(text);
            return match;
        }

        private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

        private void Join(ClaimRow row, References refs)
        {
            if (row.Ndc == null) return;
            if (refs.MediSpan.TryGetValue(row.Ndc, out MediSpanEntry m))
            {
                row.InMediSpan = true;
                row.Maint = m.Maint;
                row.Product = m.Product;
            }
            if (UsesUniversal && refs.Universal != null && refs.Universal.TryGetValue(row.Ndc, out int? u)) row.Universal = u;
            if (UsesExclusive && refs.Exclusive != null && refs.Exclusive.TryGetValue(row.Ndc, out ExclusiveEntry e))
            {
                row.Exclusive = e.Tier;
                row.Alternative = e.Alternative;
            }
            if (UsesOpenMdf && refs.OpenMdf != null && refs.OpenMdf.TryGetValue(row.Ndc, out int? o)) row.OpenMdf = o;
        }

        private void Issue(int index, string column, string value, string message) =>
            Issues.Add(new RowIssue { File = "Claims", Row = index + 1, Column = column, Value = value, Message = message });

        /// <summary>The tabs of the kind, in table order (spec §5), without Exclusions.</summary>
        internal List<TabDefinition> Tabs()
        {
            var tabs = new List<TabDefinition>();
            void TierTabs(string prefix, string label, Func<ClaimRow, int?> reference)
            {
                foreach (var (from, to) in new[] { (2, 1), (3, 1), (3, 2) })
                {
                    tabs.Add(new TabDefinition($"{prefix}_Positive {from}-{to}", label + " Positive", r => r.Tier == from && reference(r) == to));
                }
                foreach (var (from, to) in new[] { (1, 2), (1, 3), (2, 3) })
                {
                    tabs.Add(new TabDefinition($"{prefix}_Negative {from}-{to}", label + " Negative", r => r.Tier == from && reference(r) == to));
                }
            }
            void BrandGenericTabs(string prefix, string label, Func<ClaimRow, int?> reference)
            {
                tabs.Add(new TabDefinition(prefix + "_Positive", label + " Positive", r => r.BrandGeneric == BrandGeneric.Brand && reference(r) == 1));
                tabs.Add(new TabDefinition(prefix + "_Negative", label + " Negative", r => r.BrandGeneric == BrandGeneric.Generic && (reference(r) == 2 || reference(r) == 3)));
            }
            switch (Kind)
            {
                case DisruptionKind.Tier:
                    TierTabs("Universal", "Universal", r => r.Universal);
                    TierTabs("Exclusive", "Exclusive", r => r.Exclusive);
                    break;
                case DisruptionKind.BrandGeneric:
                    BrandGenericTabs("Universal", "Universal", r => r.Universal);
                    BrandGenericTabs("Exclusive", "Exclusive", r => r.Exclusive);
                    break;
                case DisruptionKind.OpenMdfTier:
                    TierTabs("OpenMDF", "Open MDF", r => r.OpenMdf);
                    break;
                default:
                    BrandGenericTabs("OpenMDF", "Open MDF", r => r.OpenMdf);
                    BrandGenericTabs("Exclusive", "Exclusive", r => r.Exclusive);
                    break;
            }
            return tabs;
        }

        /// <summary>The result's numbers: totals, summary, tabs, network (spec §4-§6).</summary>
        internal DisruptionResult Summarise(CancellationToken cancel)
        {
            var result = new DisruptionResult
            {
                Kind = Kind,
                ClaimsKept = Kept.Count,
                Dropped = Dropped,
                WindowStart = WindowStart,
                WindowEnd = WindowEnd,
                TotalMembers = Members(Kept),
                TotalClaims = Kept.Sum(r => r.Rxs),
                Issues = Issues.ToArray(),
            };
            var summary = new List<DisruptionSummaryRow>();
            var tabs = new List<DisruptionTab>();
            var labelRows = new Dictionary<string, List<ClaimRow>>();
            var labels = new List<string>();
            foreach (TabDefinition def in Tabs())
            {
                cancel.ThrowIfCancellationRequested();
                var rows = Kept.Where(def.Holds).ToList();
                tabs.Add(Tab(def.Name, rows, withAlternative: false));
                if (!labelRows.TryGetValue(def.Label, out var all))
                {
                    labelRows[def.Label] = all = new List<ClaimRow>();
                    labels.Add(def.Label);
                }
                all.AddRange(rows);
            }
            foreach (string label in labels) summary.Add(SummaryRow(label, labelRows[label], result.TotalClaims));
            if (UsesExclusive)
            {
                var rows = Kept.Where(r => r.Exclusive == Values.Nonformulary).ToList();
                tabs.Add(Tab(ExclusionsTab, rows, withAlternative: true));
                summary.Add(SummaryRow(ExclusionsTab, rows, result.TotalClaims));
            }
            result.Summary = summary.ToArray();
            result.Tabs = tabs.ToArray();
            result.Network = NetworkRows();
            return result;
        }

        private static int Members(IEnumerable<ClaimRow> rows)
        {
            var members = new HashSet<string>(StringComparer.Ordinal);
            foreach (ClaimRow r in rows)
            {
                if (r.Member.Length > 0) members.Add(r.Member);
            }
            return members.Count;
        }

        private static DisruptionSummaryRow SummaryRow(string label, List<ClaimRow> rows, decimal totalClaims)
        {
            decimal rxs = rows.Sum(r => r.Rxs);
            return new DisruptionSummaryRow
            {
                Formulary = label,
                Utilizers = Members(rows),
                Rxs = rxs,
                PercentOfClaims = totalClaims == 0 ? 0 : Values.Round4(rxs / totalClaims),
            };
        }

        private static DisruptionTab Tab(string name, List<ClaimRow> rows, bool withAlternative)
        {
            var groups = rows.GroupBy(r => (r.Product, withAlternative ? r.Alternative : ""))
                .Select(g => new DisruptionTabRow { ProductName = g.Key.Product, Alternative = g.Key.Item2, UniqueMembers = Members(g), TotalRxs = g.Sum(r => r.Rxs) })
                .ToList();
            groups.Sort((a, b) =>
            {
                int c = Values.CompareIgnoringCase(a.ProductName, b.ProductName);
                return c != 0 ? c : Values.CompareIgnoringCase(a.Alternative, b.Alternative);
            });
            return new DisruptionTab { Name = name, Utilizers = Members(rows), Rxs = rows.Sum(r => r.Rxs), Rows = groups.ToArray() };
        }

        private DisruptionNetworkRow[] NetworkRows()
        {
            var chains = new Dictionary<string, bool>(StringComparer.Ordinal);
            var rows = Kept.Where(r => (r.Status == References.Excluded || r.Status == References.Review) && !Matches(chains, Words.Chain, r.Pharmacy))
                .GroupBy(r => (r.Npi, r.Nabp, r.Pharmacy))
                .Select(g => new DisruptionNetworkRow
                {
                    PHARMACYNPI = g.Key.Npi, NABP = g.Key.Nabp, PharmacyName = g.Key.Pharmacy,
                    Status = g.First().Status, Members = Members(g), Rxs = g.Sum(r => r.Rxs),
                })
                .ToList();
            rows.Sort((a, b) =>
            {
                int c = b.Rxs.CompareTo(a.Rxs);
                if (c == 0) c = Values.CompareIgnoringCase(a.PharmacyName, b.PharmacyName);
                if (c == 0) c = string.CompareOrdinal(a.PHARMACYNPI, b.PHARMACYNPI);
                if (c == 0) c = string.CompareOrdinal(a.NABP, b.NABP);
                return c;
            });
            return rows.ToArray();
        }

        /// <summary>Rows equal in every column, as read.</summary>
        private sealed class RowComparer : IEqualityComparer<string[]>
        {
            internal static readonly RowComparer Instance = new RowComparer();

            public bool Equals(string[]? x, string[]? y)
            {
                if (ReferenceEquals(x, y)) return true;
                if (x == null || y == null || x.Length != y.Length) return false;
                for (int i = 0; i < x.Length; i++)
                {
                    if (!string.Equals(x[i], y[i], StringComparison.Ordinal)) return false;
                }
                return true;
            }

            public int GetHashCode(string[] row)
            {
                unchecked
                {
                    int h = 17;
                    foreach (string s in row) h = h * 31 + StringComparer.Ordinal.GetHashCode(s);
                    return h;
                }
            }
        }
    }
}
