namespace RepricingPS
{
    /// <summary>How O/R pairs are matched.</summary>
    public enum MatchRule
    {
        /// <summary>Same NDC, member and absolute quantity, within the window.</summary>
        Standard,
        /// <summary>Standard plus days supply, drug, pharmacy and AWP that cancels out.</summary>
        Strict,
    }
}
