namespace RepricingPS
{
    /// <summary>A value that did not parse: returned with the result and summarised in the audit log.</summary>
    public sealed class RowIssue
    {
        /// <summary>File1 or File2.</summary>
        public string File { get; set; } = "";
        /// <summary>The 1-based data row.</summary>
        public int Row { get; set; }
        /// <summary>The column.</summary>
        public string Column { get; set; } = "";
        /// <summary>The value as found.</summary>
        public string Value { get; set; } = "";
        /// <summary>What is wrong.</summary>
        public string Message { get; set; } = "";
        /// <inheritdoc/>
        public override string ToString() => $"{File} row {Row}, {Column} = '{Value}': {Message}";
    }
}
