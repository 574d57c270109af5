namespace RepricingPS
{
    /// <summary>What Initialize-RepricingAuditStore did (or, with -WhatIf, would do).</summary>
    public sealed class AuditStoreInitialization
    {
        /// <summary>The database, as postgresql://user@host:port/database (never with a password).</summary>
        public string Database { get; set; } = "";
        /// <summary>The schema version found before (0: none).</summary>
        public int PreviousVersion { get; set; }
        /// <summary>The schema version now (or after the upgrade, with -WhatIf).</summary>
        public int SchemaVersion { get; set; }
        /// <summary>Whether the statements ran (false with -WhatIf).</summary>
        public bool Applied { get; set; }
        /// <summary>The group roles created and granted.</summary>
        public ItemList<string> Roles { get; set; } = ItemList<string>.NoItems;
        /// <summary>The grant a login needs, per kind of user.</summary>
        public ItemList<string> GrantExamples { get; set; } = ItemList<string>.NoItems;
    }
}
