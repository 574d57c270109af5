namespace RepricingPS
{
    /// <summary>The five reference tables of spec §1: name, parameter, preferred sheet, columns used.</summary>
    public enum ReferenceTable
    {
        /// <summary>Medi-Span: NDC, Maint Drug?, Product Name.</summary>
        MediSpan,
        /// <summary>Universal formulary: NDC, Tier.</summary>
        Universal,
        /// <summary>Exclusive formulary: NDC, Tier, Alternative.</summary>
        Exclusive,
        /// <summary>Open MDF formulary: NDC, Tier.</summary>
        OpenMdf,
        /// <summary>Pharmacy network: pharmacy_nabp, pharmacy_npi, pharmacy_is_excluded.</summary>
        Network,
    }
}
