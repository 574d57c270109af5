using System;
using System.Collections.Generic;
using System.IO;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Audit
{
    /// <summary>Describes the audit store a location names, for Get-RepricingAuditConfiguration.</summary>
    public static class AuditConfigurations
    {
        /// <summary>Describes a location, probing the root by creating and deleting a small file.</summary>
        public static AuditConfiguration Describe(AuditLocation location, AuditPaths paths)
        {
            if (location.IsDatabase) return Postgres.PostgresConfiguration.Describe(location, paths);
            var store = new FolderAuditStore(location);
            var c = new AuditConfiguration
            {
                Root = location.Root,
                Source = location.Source.ToString(),
                ConfiguredPath = location.Configured,
                SettingsFile = paths.ConfigFile,
                SpoolPath = FolderAuditStore.SpoolFolderFor(location.SpoolRoot, location.Root),
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
