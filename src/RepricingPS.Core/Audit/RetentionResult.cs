using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using CsvHelper;

namespace RepricingPS.Core.Audit
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

    /// <summary>What a retention run did: the files removed and the ones it refused, each refusal with why.</summary>
    public sealed class RetentionResult
    {
        /// <summary>Files removed.</summary>
        public List<RemovedLogFile> Removed { get; } = new List<RemovedLogFile>();
        /// <summary>Files not removed because they could not be proven safe to remove, or removing failed.</summary>
        public List<RepricingException> Refused { get; } = new List<RepricingException>();
    }
}
