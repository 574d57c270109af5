namespace RepricingPS
{
    /// <summary>The partners' line-by-line formats (spec §8).</summary>
    public enum LineByLineFormat
    {
        /// <summary>SHARx: 15 columns from A2 of Line By Line.</summary>
        SHARx,
        /// <summary>EPLS: 18 columns (with rebates and Specialty Vlookup) from A2.</summary>
        EPLS,
        /// <summary>Standard: the SHARx columns from A6.</summary>
        Standard,
    }
}
