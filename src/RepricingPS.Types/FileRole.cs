namespace RepricingPS
{
    /// <summary>The role of an input file.</summary>
    public enum FileRole
    {
        /// <summary>The client's claims, uploaded to the pricing tool.</summary>
        File1,
        /// <summary>The pricing tool's priced rows.</summary>
        File2,
        /// <summary>The analysts' Excel template.</summary>
        Template,
        /// <summary>Repriced claims read by a disruption analysis or a line-by-line export (as text; they type their own columns).</summary>
        Claims,
        /// <summary>A reference table of a disruption analysis (as text).</summary>
        Reference,
    }
}
