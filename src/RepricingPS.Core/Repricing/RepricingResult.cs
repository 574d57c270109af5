using System;

namespace RepricingPS.Core.Repricing
{
    /// <summary>Totals over the priced claims: MergeSide Both, no O/R flag, QUANTITY &gt; 0 (spec §5).</summary>
    public sealed class NetTotals
    {
        /// <summary>Claims counted.</summary>
        public int ClaimCount { get; set; }
        /// <summary>Sum of Total AWP (Historical), when the column exists.</summary>
        public decimal? TotalAwp { get; set; }
        /// <summary>Sum of Rx Sense Ing Cost, when the column exists.</summary>
        public decimal? IngCost { get; set; }
        /// <summary>Sum of RxSense Dispense Fee, when the column exists.</summary>
        public decimal? DispenseFee { get; set; }
        /// <summary>Sum of RxSense Total Cost, when the column exists.</summary>
        public decimal? TotalCost { get; set; }
        /// <summary>Sum of GrossCost, when the column exists.</summary>
        public decimal? GrossCost { get; set; }
        /// <summary>File1-only claims (no priced row).</summary>
        public int UnpricedClaims { get; set; }

        /// <summary>
        /// The totals as invariant numbers (a point for decimals, no thousands separator) whatever the culture, so Export-Csv of a
        /// result reads the same on every machine: "ClaimCount=3; TotalAwp=87.35; ...". A column the files lack is left out.
        /// </summary>
        public override string ToString()
        {
            var parts = new System.Collections.Generic.List<string> { "ClaimCount=" + ClaimCount.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            void Add(string name, decimal? v) { if (v.HasValue) parts.Add(name + "=" + v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
            Add(nameof(TotalAwp), TotalAwp);
            Add(nameof(IngCost), IngCost);
            Add(nameof(DispenseFee), DispenseFee);
            Add(nameof(TotalCost), TotalCost);
            Add(nameof(GrossCost), GrossCost);
            parts.Add("UnpricedClaims=" + UnpricedClaims.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return string.Join("; ", parts);
        }
    }

    /// <summary>What Invoke-Repricing did (spec §5).</summary>
    public sealed class RepricingResult
    {
        /// <summary>The opportunity name used in the output file names.</summary>
        public string OpportunityName { get; set; } = "";
        /// <summary>Rows after the merge.</summary>
        public int MergedRows { get; set; }
        /// <summary>Rows read from File1.</summary>
        public int File1Rows { get; set; }
        /// <summary>Rows read from File2.</summary>
        public int File2Rows { get; set; }
        /// <summary>Merged rows found in both files.</summary>
        public int BothRows { get; set; }
        /// <summary>Merged rows only in File1.</summary>
        public int File1OnlyRows { get; set; }
        /// <summary>Merged rows only in File2.</summary>
        public int File2OnlyRows { get; set; }
        /// <summary>Rows with QUANTITY &gt; 0.</summary>
        public int Claims { get; set; }
        /// <summary>Rows with QUANTITY &lt; 0.</summary>
        public int Reversals { get; set; }
        /// <summary>Claim/reversal pairs matched.</summary>
        public int MatchedPairs { get; set; }
        /// <summary>Reversals with no claim.</summary>
        public int UnmatchedReversals { get; set; }
        /// <summary>Rows flagged OR.</summary>
        public int ORRows { get; set; }
        /// <summary>Totals over the priced claims.</summary>
        public NetTotals NetTotals { get; set; } = new NetTotals();
        /// <summary>Values that did not parse.</summary>
        public ItemList<RowIssue> Issues { get; set; } = ItemList<RowIssue>.NoItems;
        /// <summary>The files written.</summary>
        public ItemList<string> OutputFiles { get; set; } = ItemList<string>.NoItems;
        /// <summary>How long the run took.</summary>
        public TimeSpan Duration { get; set; }
        /// <summary>The audit session of the run.</summary>
        public string SessionId { get; set; } = "";
        /// <summary>Warnings of the run (column collisions, duplicates allowed, unmatched reversals).</summary>
        public ItemList<string> Warnings { get; set; } = ItemList<string>.NoItems;
    }

    /// <summary>What Invoke-Repricing is asked to do.</summary>
    public sealed class RepricingRequest
    {
        /// <summary>The imported File1.</summary>
        public RepricingFile File1 { get; set; } = null!;
        /// <summary>The imported File2.</summary>
        public RepricingFile File2 { get; set; } = null!;
        /// <summary>Where the outputs go (full path).</summary>
        public string OutputDirectory { get; set; } = "";
        /// <summary>The template workbook (full path), or null.</summary>
        public string? TemplatePath { get; set; }
        /// <summary>Days a reversal may follow its claim.</summary>
        public int MatchWindowDays { get; set; } = 30;
        /// <summary>Standard or Strict.</summary>
        public MatchRule MatchRule { get; set; } = MatchRule.Standard;
        /// <summary>Overrides the name found in File1.</summary>
        public string? OpportunityName { get; set; }
        /// <summary>Join duplicated keys instead of stopping.</summary>
        public bool AllowDuplicateKeys { get; set; }
        /// <summary>Any row issue stops the run.</summary>
        public bool Strict { get; set; }
        /// <summary>Also write the merged file as .xlsx.</summary>
        public bool Xlsx { get; set; }
        /// <summary>Overwrite existing outputs.</summary>
        public bool Force { get; set; }
    }

    /// <summary>A stage of a run, for Write-Progress.</summary>
    public sealed class RepricingProgress
    {
        /// <summary>read, merge, match, write or template.</summary>
        public string Stage { get; set; } = "";
        /// <summary>0-100.</summary>
        public int Percent { get; set; }
        /// <summary>What is happening, with row counts.</summary>
        public string Message { get; set; } = "";
    }
}
