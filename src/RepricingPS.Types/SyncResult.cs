namespace RepricingPS
{
    /// <summary>What Sync-RepricingAuditLog did.</summary>
    public sealed class SyncResult
    {
        /// <summary>The log root.</summary>
        public string Root { get; set; } = "";
        /// <summary>Entries waiting in the spool before the sync.</summary>
        public int Spooled { get; set; }
        /// <summary>Entries moved to the root (entries already there are not counted or written again).</summary>
        public int Moved { get; set; }
        /// <summary>Entries still waiting.</summary>
        public int Remaining { get; set; }
    }
}
