using System;

namespace RepricingPS
{
    /// <summary>A file Remove-RepricingAuditLog removes.</summary>
    public sealed class RemovedLogFile
    {
        /// <summary>The file.</summary>
        public string File { get; set; } = "";
        /// <summary>Store (a day partition) or Legacy.</summary>
        public string Kind { get; set; } = "";
        /// <summary>The partition's day, or a legacy file's last write.</summary>
        public DateTime Day { get; set; }
        /// <summary>Its size in bytes.</summary>
        public long Bytes { get; set; }
        /// <summary>Entries removed with it (known for a database day; 0 for a file).</summary>
        public long Entries { get; set; }
    }
}
