namespace RepricingPS
{
    /// <summary>What Get-RepricingAuditConfiguration reports: the resolved root, where it came from, and its health now.</summary>
    public sealed class AuditConfiguration
    {
        /// <summary>Folder or PostgreSQL.</summary>
        public string StoreKind { get; set; } = "Folder";
        /// <summary>For a database: the server (host:port).</summary>
        public string Server { get; set; } = "";
        /// <summary>For a database: its name.</summary>
        public string Database { get; set; } = "";
        /// <summary>For a database: the login (never a password).</summary>
        public string DatabaseUser { get; set; } = "";
        /// <summary>For a database: its schema version (0 when it has none, -1 when it cannot be reached).</summary>
        public int SchemaVersion { get; set; }
        /// <summary>The resolved log root (for a database, postgresql://user@host:port/database, never with a password).</summary>
        public string Root { get; set; } = "";
        /// <summary>Parameter, Environment, Configuration or Default.</summary>
        public string Source { get; set; } = "";
        /// <summary>The value as configured, before expansion.</summary>
        public string ConfiguredPath { get; set; } = "";
        /// <summary>The per-user settings file.</summary>
        public string SettingsFile { get; set; } = "";
        /// <summary>The spool folder for this root.</summary>
        public string SpoolPath { get; set; } = "";
        /// <summary>Entries waiting in the spool for this root.</summary>
        public int SpooledEntries { get; set; }
        /// <summary>Whether the root folder exists.</summary>
        public bool RootExists { get; set; }
        /// <summary>Whether a file could be created in the root just now.</summary>
        public bool Writable { get; set; }
        /// <summary>Why it is not writable.</summary>
        public string Problem { get; set; } = "";
        /// <summary>Legacy files found under the root and one level below.</summary>
        public ItemList<string> LegacyFiles { get; set; } = ItemList<string>.NoItems;

        /// <summary>The view's LegacyFiles line: how many (see ViewText; hidden from Export-Csv, Get-Member and ConvertTo-Json).</summary>
        [Hidden, JsonIgnore]
        public int DisplayLegacyFiles => ViewText.Count(LegacyFiles);
    }
}
