namespace RepricingPS
{
    /// <summary>The files New-RepricingSampleData wrote.</summary>
    public sealed class SampleDataSet
    {
        /// <summary>The claims file.</summary>
        public string File1 { get; set; } = "";
        /// <summary>The priced file.</summary>
        public string File2 { get; set; } = "";
        /// <summary>The template workbook.</summary>
        public string Template { get; set; } = "";
        /// <summary>Claims and reversals in File1.</summary>
        public int File1Rows { get; set; }
        /// <summary>Rows in File2.</summary>
        public int File2Rows { get; set; }
        /// <summary>The Medi-Span reference table (NDC, Maint Drug?, Product Name).</summary>
        public string MediSpan { get; set; } = "";
        /// <summary>The Universal formulary (NDC, Tier).</summary>
        public string Universal { get; set; } = "";
        /// <summary>The Exclusive formulary (NDC, Tier, Alternative).</summary>
        public string Exclusive { get; set; } = "";
        /// <summary>The Open MDF formulary (NDC, Tier).</summary>
        public string OpenMdf { get; set; } = "";
        /// <summary>The pharmacy network (pharmacy_nabp, pharmacy_npi, pharmacy_is_excluded).</summary>
        public string Network { get; set; } = "";
    }
}
