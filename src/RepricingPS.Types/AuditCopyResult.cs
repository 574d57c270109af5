namespace RepricingPS
{
    /// <summary>What Copy-RepricingAuditLog did (central-store.md §4).</summary>
    public sealed class AuditCopyResult
    {
        /// <summary>The folder root copied from.</summary>
        public string Path { get; set; } = "";
        /// <summary>The database copied to (never with a password).</summary>
        public string Destination { get; set; } = "";
        /// <summary>Files read.</summary>
        public int Files { get; set; }
        /// <summary>Entries read.</summary>
        public long Read { get; set; }
        /// <summary>Entries inserted now.</summary>
        public long Copied { get; set; }
        /// <summary>Entries whose EntryId was already in the database (a re-run, or another machine's copy).</summary>
        public long AlreadyPresent { get; set; }
        /// <summary>Rows that could not be read as entries (counted, each listed in Problems).</summary>
        public int MalformedRows { get; set; }
        /// <summary>The malformed rows: file and line.</summary>
        public ItemList<string> Problems { get; set; } = ItemList<string>.NoItems;
    }
}
