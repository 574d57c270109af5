using System;

namespace RepricingPS.Core.Audit.Folder
{
    /// <summary>The kind of a file under a log root.</summary>
    public enum AuditFileKind
    {
        /// <summary>A day partition written by RepricingPS.</summary>
        Store,
        /// <summary>A file written by the earlier Python program.</summary>
        Legacy,
        /// <summary>Entries waiting in the local spool for this root.</summary>
        Spool,
    }

    /// <summary>A file a query will read.</summary>
    public sealed class AuditFile
    {
        internal AuditFile(string path, AuditFileKind kind, DateTime? day)
        {
            Path = path;
            Kind = kind;
            Day = day;
        }

        /// <summary>The full path.</summary>
        public string Path { get; }
        /// <summary>Store, legacy or spool.</summary>
        public AuditFileKind Kind { get; }
        /// <summary>The day of a store or spool partition.</summary>
        public DateTime? Day { get; }
    }
}
