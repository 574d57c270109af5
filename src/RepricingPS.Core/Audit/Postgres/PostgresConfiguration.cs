using System.IO;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Audit.Postgres
{
    /// <summary>Get-RepricingAuditConfiguration for a database root: server, database, user, reachability, schema version, spool.</summary>
    internal static class PostgresConfiguration
    {
        internal static AuditConfiguration Describe(AuditLocation location, AuditPaths paths)
        {
            PostgresTarget target = PostgresTarget.Parse(location.Root);
            string spool = SpoolFolder(location.SpoolRoot, target);
            var c = new AuditConfiguration
            {
                StoreKind = "PostgreSQL",
                Root = target.Display,
                Server = target.Host + ":" + target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Database = target.Database,
                DatabaseUser = target.Username,
                Source = location.Source.ToString(),
                // The configured text may hold a password (from an environment variable): show the display form instead.
                ConfiguredPath = target.HasPassword ? target.Display : location.Configured,
                SettingsFile = paths.ConfigFile,
                SpoolPath = spool,
            };
            try
            {
                c.SpooledEntries = Directory.Exists(spool) ? new FolderAuditStore(TestAccessFreeLocation(location, target)).SpooledCount() : 0;
            }
            catch (IOException) { c.SpooledEntries = -1; }
            try
            {
                c.SchemaVersion = PostgresSchema.ReadVersion(target);
                c.RootExists = true;
                if (c.SchemaVersion == 0) c.Problem = PostgresErrors.SchemaMissingError(target, "write to").Message;
                else if (c.SchemaVersion > PostgresSchema.CurrentVersion) c.Problem = PostgresErrors.SchemaNewerError(target, c.SchemaVersion, PostgresSchema.CurrentVersion).Message;
                c.Writable = c.Problem.Length == 0 && PostgresSchema.CanInsert(target);
                if (c.Problem.Length == 0 && !c.Writable) c.Problem = $"the login '{target.Username}' has no right to insert: an administrator grants it repricing_writer";
            }
            catch (RepricingException ex)
            {
                c.SchemaVersion = -1;
                c.Problem = ex.Message;
            }
            return c;
        }

        /// <summary>The spool folder for a database: keyed by host, port, database and user (never the password).</summary>
        internal static string SpoolFolder(string spoolRoot, PostgresTarget target) => FolderAuditStore.SpoolFolderFor(spoolRoot, target.Display);

        private static AuditLocation TestAccessFreeLocation(AuditLocation location, PostgresTarget target) =>
            new AuditLocation(target.Display, location.Source, target.Display, location.SpoolRoot);
    }
}
