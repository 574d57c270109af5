using System;
using System.Collections.Generic;
using System.Linq;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Core.Disruption
{
    /// <summary>What each reference table is called, where it is read from and which columns it needs.</summary>
    internal static class ReferenceInfo
    {
        internal static string DisplayName(ReferenceTable t) => t switch
        {
            ReferenceTable.MediSpan => "Medi-Span",
            ReferenceTable.OpenMdf => "Open MDF",
            _ => t.ToString(),
        };

        internal static string? PreferredSheet(ReferenceTable t) => t switch
        {
            ReferenceTable.Universal => "Universal NDC",
            ReferenceTable.Exclusive => "Alternatives NDC",
            ReferenceTable.OpenMdf => "Open MDF NDC",
            _ => null,
        };

        internal static string[] Columns(ReferenceTable t) => t switch
        {
            ReferenceTable.MediSpan => new[] { "NDC", "Maint Drug?", "Product Name" },
            ReferenceTable.Exclusive => new[] { "NDC", "Tier", "Alternative" },
            ReferenceTable.Network => new[] { "pharmacy_nabp", "pharmacy_npi", "pharmacy_is_excluded" },
            _ => new[] { "NDC", "Tier" },
        };

        /// <summary>The tables a kind needs (spec §1).</summary>
        internal static ReferenceTable[] Needed(DisruptionKind kind) => kind switch
        {
            DisruptionKind.Tier => new[] { ReferenceTable.MediSpan, ReferenceTable.Universal, ReferenceTable.Exclusive, ReferenceTable.Network },
            DisruptionKind.BrandGeneric => new[] { ReferenceTable.MediSpan, ReferenceTable.Universal, ReferenceTable.Exclusive, ReferenceTable.Network },
            DisruptionKind.OpenMdfTier => new[] { ReferenceTable.MediSpan, ReferenceTable.OpenMdf, ReferenceTable.Network },
            _ => new[] { ReferenceTable.MediSpan, ReferenceTable.Exclusive, ReferenceTable.OpenMdf, ReferenceTable.Network },
        };
    }

    /// <summary>A Medi-Span row after normalising.</summary>
    internal readonly struct MediSpanEntry : IEquatable<MediSpanEntry>
    {
        internal MediSpanEntry(string maint, string product) { Maint = maint; Product = product; }
        internal string Maint { get; }
        internal string Product { get; }
        public bool Equals(MediSpanEntry o) => Maint == o.Maint && Product == o.Product;
        public override bool Equals(object? obj) => obj is MediSpanEntry o && Equals(o);
        public override int GetHashCode() => (Maint, Product).GetHashCode();
    }

    /// <summary>An Exclusive row after normalising.</summary>
    internal readonly struct ExclusiveEntry : IEquatable<ExclusiveEntry>
    {
        internal ExclusiveEntry(int? tier, string alternative) { Tier = tier; Alternative = alternative; }
        internal int? Tier { get; }
        internal string Alternative { get; }
        public bool Equals(ExclusiveEntry o) => Tier == o.Tier && Alternative == o.Alternative;
        public override bool Equals(object? obj) => obj is ExclusiveEntry o && Equals(o);
        public override int GetHashCode() => (Tier, Alternative).GetHashCode();
    }

    /// <summary>The reference tables of a run, as lookups (spec §3).</summary>
    internal sealed class References
    {
        internal Dictionary<string, MediSpanEntry> MediSpan { get; private set; } = new Dictionary<string, MediSpanEntry>();
        internal Dictionary<string, int?>? Universal { get; private set; }
        internal Dictionary<string, ExclusiveEntry>? Exclusive { get; private set; }
        internal Dictionary<string, int?>? OpenMdf { get; private set; }
        internal Dictionary<string, string> NabpStatus { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        internal Dictionary<string, string> NpiStatus { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        internal List<string> Warnings { get; } = new List<string>();

        internal const string Excluded = "Excluded";
        internal const string InNetwork = "InNetwork";
        internal const string Review = "Review";

        /// <summary>Builds the lookups of the given tables; a missing column is a USER_ERROR, an NDC with two different values a DATA_ERROR.</summary>
        internal static References Build(IReadOnlyDictionary<ReferenceTable, RepricingFile> files)
        {
            var refs = new References();
            foreach (var pair in files)
            {
                RepricingFile f = pair.Value;
                int[] cols = ColumnsOf(pair.Key, f);
                bool xlsx = f.Format == "xlsx";
                switch (pair.Key)
                {
                    case ReferenceTable.MediSpan:
                        refs.MediSpan = ByNdc(pair.Key, f, cols[0], r => new MediSpanEntry(r[cols[1]].Trim().ToUpperInvariant(), r[cols[2]].Trim()));
                        break;
                    case ReferenceTable.Universal:
                        refs.Universal = ByNdc(pair.Key, f, cols[0], r => Values.ReferenceTier(r[cols[1]], xlsx));
                        break;
                    case ReferenceTable.OpenMdf:
                        refs.OpenMdf = ByNdc(pair.Key, f, cols[0], r => Values.ReferenceTier(r[cols[1]], xlsx));
                        break;
                    case ReferenceTable.Exclusive:
                        refs.Exclusive = ByNdc(pair.Key, f, cols[0], r => new ExclusiveEntry(Values.ReferenceTier(r[cols[1]], xlsx), r[cols[2]].Trim()));
                        break;
                    case ReferenceTable.Network:
                        refs.BuildNetwork(f, cols);
                        break;
                }
            }
            return refs;
        }

        private static int[] ColumnsOf(ReferenceTable table, RepricingFile f)
        {
            string[] wanted = ReferenceInfo.Columns(table);
            int[] idx = wanted.Select(w => Array.FindIndex(f.Data.Columns, c => string.Equals(c.Trim(), w, StringComparison.OrdinalIgnoreCase))).ToArray();
            var missing = wanted.Where((w, i) => idx[i] < 0).ToList();
            if (missing.Count > 0)
            {
                throw Failures.MissingReferenceColumns.With(
                    $"The {ReferenceInfo.DisplayName(table)} table '{f.Path}' lacks the column(s) {string.Join(", ", missing)}; it has: {string.Join(", ", f.Columns)}. " +
                    $"Give the {ReferenceInfo.DisplayName(table)} table (-{table}) with the columns {string.Join(", ", wanted)}.", f.Path);
            }
            return idx;
        }

        /// <summary>One value per NDC; the same NDC twice with equal values is one row, with different values a DATA_ERROR.</summary>
        private static Dictionary<string, T> ByNdc<T>(ReferenceTable table, RepricingFile f, int ndcColumn, Func<string[], T> value)
        {
            var map = new Dictionary<string, T>(f.RowCount, StringComparer.Ordinal);
            var conflicts = new List<string>();
            var conflicted = new HashSet<string>(StringComparer.Ordinal);
            var comparer = EqualityComparer<T>.Default;
            foreach (string[] row in f.Data.Rows)
            {
                string? ndc = Values.Ndc(row[ndcColumn]);
                if (ndc == null) continue;
                T v = value(row);
                if (map.TryGetValue(ndc, out T? old))
                {
                    if (!comparer.Equals(old, v) && conflicted.Add(ndc)) conflicts.Add(ndc);
                    continue;
                }
                map.Add(ndc, v);
            }
            if (conflicts.Count > 0)
            {
                throw Failures.DuplicateReferenceNdc.With(
                    $"The {ReferenceInfo.DisplayName(table)} table '{f.Path}' lists {conflicts.Count} NDC(s) twice with different values: {string.Join(", ", conflicts.Take(20))}" +
                    $"{(conflicts.Count > 20 ? ", ..." : "")}. Keep one row per NDC (or make the rows agree) and run again.", f.Path);
            }
            return map;
        }

        private void BuildNetwork(RepricingFile f, int[] cols)
        {
            var conflicts = new List<string>();
            var conflicted = new HashSet<string>(StringComparer.Ordinal);
            foreach (string[] row in f.Data.Rows)
            {
                string status = StatusOf(row[cols[2]]);
                Add(NabpStatus, Values.Id(row[cols[0]], 7), status, "NABP", conflicts, conflicted);
                Add(NpiStatus, Values.Id(row[cols[1]], 10), status, "NPI", conflicts, conflicted);
            }
            if (conflicts.Count > 0)
            {
                // One warning for all of them, so a messy network table does not flood the log.
                Warnings.Add($"The network table '{f.Path}' lists {conflicts.Count} ID(s) with values that disagree (excluded and not): " +
                    $"{string.Join(", ", conflicts.Take(50))}{(conflicts.Count > 50 ? ", ..." : "")}. Their pharmacies are marked Review.");
            }
        }

        private static void Add(Dictionary<string, string> map, string id, string status, string what, List<string> conflicts, HashSet<string> conflicted)
        {
            if (id.Length == 0) return;
            if (map.TryGetValue(id, out string? old))
            {
                if (old != status)
                {
                    map[id] = Review;
                    string c = what + " " + id;
                    if (conflicted.Add(c)) conflicts.Add(c);
                }
                return;
            }
            map.Add(id, status);
        }

        /// <summary>pharmacy_is_excluded: yes/y/true/1 Excluded, no/n/false/0 InNetwork, anything else Review.</summary>
        internal static string StatusOf(string raw)
        {
            switch (raw.Trim().ToLowerInvariant())
            {
                case "yes": case "y": case "true": case "1": return Excluded;
                case "no": case "n": case "false": case "0": return InNetwork;
                default: return Review;
            }
        }

        /// <summary>The claim's pharmacy: its NABP, else its NPI; an NABP hit ends the lookup; no hit is Review.</summary>
        internal string StatusOf(string nabp, string npi)
        {
            if (nabp.Length > 0 && NabpStatus.TryGetValue(nabp, out string? s)) return s;
            if (npi.Length > 0 && NpiStatus.TryGetValue(npi, out s)) return s;
            return Review;
        }
    }
}
