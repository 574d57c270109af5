using System.Collections.Generic;

namespace RepricingPS.Core.Audit
{
    /// <summary>What a retention run did: the files removed and the ones it refused, each refusal with why.</summary>
    public sealed class RetentionResult
    {
        /// <summary>Files removed.</summary>
        public List<RemovedLogFile> Removed { get; } = new List<RemovedLogFile>();
        /// <summary>Files not removed because they could not be proven safe to remove, or removing failed.</summary>
        public List<RepricingException> Refused { get; } = new List<RepricingException>();
    }
}
