namespace RepricingPS
{
    /// <summary>One flat line of an error summary (Get-RepricingErrorSummary -AsTable), for Export-Csv and pivot tables.</summary>
    public sealed class SummaryRow
    {
        /// <summary>Totals, ErrorsByStatus, UsersWithErrors or TopScripts.</summary>
        public string Section { get; set; } = "";
        /// <summary>What is counted: a total's name, a status, a user or a script.</summary>
        public string Name { get; set; } = "";
        /// <summary>How many.</summary>
        public long Count { get; set; }
        /// <inheritdoc/>
        public override string ToString() => $"{Section} {Name}: {Count}";
    }
}
