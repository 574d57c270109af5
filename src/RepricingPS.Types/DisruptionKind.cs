namespace RepricingPS
{
    /// <summary>The four disruption analyses (spec §5).</summary>
    public enum DisruptionKind
    {
        /// <summary>Moves between formulary tiers 1-3 in the Universal and Exclusive formularies.</summary>
        Tier,
        /// <summary>Brands that become preferred and generics that do not, in the Universal and Exclusive formularies.</summary>
        BrandGeneric,
        /// <summary>Moves between formulary tiers in the Open MDF formulary.</summary>
        OpenMdfTier,
        /// <summary>Brand/generic moves in the Open MDF and Exclusive formularies.</summary>
        OpenMdfBrandGeneric,
    }
}
