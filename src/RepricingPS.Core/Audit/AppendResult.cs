namespace RepricingPS.Core.Audit
{
    /// <summary>What happened to one append.</summary>
    public sealed class AppendResult
    {
        /// <summary>The file the entry went to.</summary>
        public string File { get; internal set; } = "";
        /// <summary>True when the root could not be written and the entry went to the local spool.</summary>
        public bool Spooled { get; internal set; }
        /// <summary>Why the root could not be written, when spooled.</summary>
        public string? Reason { get; internal set; }
        /// <summary>Spooled entries moved to the root after this append succeeded.</summary>
        public int Drained { get; internal set; }
        /// <summary>Why spooled entries could not be moved after this append (the append itself succeeded), or null.</summary>
        public string? DrainProblem { get; internal set; }
    }
}
