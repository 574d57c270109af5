namespace RepricingPS.Core.Repricing
{
    /// <summary>What Invoke-Repricing is asked to do.</summary>
    public sealed class RepricingRequest
    {
        /// <summary>The imported File1.</summary>
        public RepricingFile File1 { get; set; } = null!;
        /// <summary>The imported File2.</summary>
        public RepricingFile File2 { get; set; } = null!;
        /// <summary>
        /// File1 as a path, imported inside the run when <see cref="File1"/> is not given: its FILE_ACCESS and a failure to read it
        /// belong to the run, which then ends with PROCESS_END "Outcome: Failed at stage read" like any other failure.
        /// </summary>
        public string? File1Path { get; set; }
        /// <summary>File2 as a path, imported inside the run when <see cref="File2"/> is not given (see <see cref="File1Path"/>).</summary>
        public string? File2Path { get; set; }
        /// <summary>Where the outputs go (full path).</summary>
        public string OutputDirectory { get; set; } = "";
        /// <summary>The template workbook (full path), or null.</summary>
        public string? TemplatePath { get; set; }
        /// <summary>Days a reversal may follow its claim.</summary>
        public int MatchWindowDays { get; set; } = 30;
        /// <summary>Standard or Strict.</summary>
        public MatchRule MatchRule { get; set; } = MatchRule.Standard;
        /// <summary>Overrides the name found in File1.</summary>
        public string? OpportunityName { get; set; }
        /// <summary>Join duplicated keys instead of stopping.</summary>
        public bool AllowDuplicateKeys { get; set; }
        /// <summary>Any row issue stops the run.</summary>
        public bool Strict { get; set; }
        /// <summary>Also write the merged file as .xlsx.</summary>
        public bool Xlsx { get; set; }
        /// <summary>Overwrite existing outputs.</summary>
        public bool Force { get; set; }
    }

    /// <summary>A stage of a run, for Write-Progress.</summary>
    public sealed class RepricingProgress
    {
        /// <summary>read, merge, match, write or template.</summary>
        public string Stage { get; set; } = "";
        /// <summary>0-100.</summary>
        public int Percent { get; set; }
        /// <summary>What is happening, with row counts.</summary>
        public string Message { get; set; } = "";
    }
}
