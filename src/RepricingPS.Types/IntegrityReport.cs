namespace RepricingPS
{
    /// <summary>What Test-RepricingAuditLog found in one file.</summary>
    public sealed class IntegrityReport
    {
        /// <summary>The file.</summary>
        public string File { get; set; } = "";
        /// <summary>Entries read.</summary>
        public int Entries { get; set; }
        /// <summary>Rows that could not be read as entries.</summary>
        public int MalformedRows { get; set; }
        /// <summary>Records whose hash does not follow from the record before: edited, inserted, or the next one after a deletion.</summary>
        public int ChainBreaks { get; set; }
        /// <summary>A legacy file (it carries no chain).</summary>
        public bool Legacy { get; set; }
        /// <summary>Each problem with its line.</summary>
        public ItemList<string> Problems { get; set; } = ItemList<string>.NoItems;
        /// <summary>No malformed rows and no chain breaks.</summary>
        public bool IsValid => MalformedRows == 0 && ChainBreaks == 0;
    }
}
