namespace RepricingPS
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
}
