namespace RepricingPS
{
    /// <summary>The reference table paths saved for this user (Set-RepricingReferenceConfiguration), as the earlier program's file_paths.json.</summary>
    public sealed class ReferenceConfiguration
    {
        /// <summary>The Medi-Span table, as saved.</summary>
        public string MediSpan { get; set; } = "";
        /// <summary>The Universal formulary table, as saved.</summary>
        public string Universal { get; set; } = "";
        /// <summary>The Exclusive formulary table, as saved.</summary>
        public string Exclusive { get; set; } = "";
        /// <summary>The Open MDF formulary table, as saved.</summary>
        public string OpenMdf { get; set; } = "";
        /// <summary>The pharmacy network table, as saved.</summary>
        public string Network { get; set; } = "";
        /// <summary>The per-user settings file.</summary>
        public string SettingsFile { get; set; } = "";

        internal string Get(ReferenceTable t) => t switch
        {
            ReferenceTable.MediSpan => MediSpan,
            ReferenceTable.Universal => Universal,
            ReferenceTable.Exclusive => Exclusive,
            ReferenceTable.OpenMdf => OpenMdf,
            _ => Network,
        };

        internal void Set(ReferenceTable t, string value)
        {
            switch (t)
            {
                case ReferenceTable.MediSpan: MediSpan = value; break;
                case ReferenceTable.Universal: Universal = value; break;
                case ReferenceTable.Exclusive: Exclusive = value; break;
                case ReferenceTable.OpenMdf: OpenMdf = value; break;
                default: Network = value; break;
            }
        }

        /// <inheritdoc/>
        public override string ToString() => SettingsFile;
    }
}
