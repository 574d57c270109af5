using System;
using System.Collections.Generic;
using System.IO;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Audit
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

        /// <summary>Describes a location, probing the root by creating and deleting a small file.</summary>
        public static AuditConfiguration Describe(AuditLocation location, AuditPaths paths)
        {
            if (location.IsDatabase) return Postgres.PostgresConfiguration.Describe(location, paths);
            var store = new AuditStore(location);
            var c = new AuditConfiguration
            {
                Root = location.Root,
                Source = location.Source.ToString(),
                ConfiguredPath = location.Configured,
                SettingsFile = paths.ConfigFile,
                SpoolPath = AuditStore.SpoolFolderFor(location.SpoolRoot, location.Root),
                RootExists = Directory.Exists(location.Root),
            };
            try { c.SpooledEntries = store.SpooledCount(); }
            catch (IOException) { c.SpooledEntries = -1; }
            string? parent = Path.GetDirectoryName(location.Root.TrimEnd('/', '\\'));
            string? problem = c.RootExists ? null
                : File.Exists(location.Root) ? "the root is a file, not a folder"
                : parent != null && Directory.Exists(parent) ? "the root does not exist yet; the first entry written creates it (the folder above it exists)"
                : "the root does not exist or cannot be reached (nor does the folder above it)";
            if (problem == null)
            {
                string probe = Path.Combine(location.Root, ".repricingps-probe-" + Guid.NewGuid().ToString("N"));
                try
                {
                    File.WriteAllText(probe, "");
                    File.Delete(probe);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    problem = ex.Message;
                }
            }
            c.Writable = problem == null;
            c.Problem = problem ?? "";
            if (c.RootExists)
            {
                try
                {
                    var legacy = new List<string>();
                    foreach (AuditFile f in new AuditLogReader(location).FindFiles(null, null))
                    {
                        if (f.Kind == AuditFileKind.Legacy) legacy.Add(f.Path);
                    }
                    c.LegacyFiles = legacy.ToArray();
                }
                catch (RepricingException ex)
                {
                    c.Problem = ex.Message;
                }
            }
            return c;
        }
    }
}
