using System;

namespace RepricingPS
{
    /// <summary>What Export-RepricingLineByLine wrote.</summary>
    public sealed class LineByLineResult
    {
        /// <summary>The format written.</summary>
        public LineByLineFormat Format { get; set; }
        /// <summary>Claim rows written (numeric Logic 1-10).</summary>
        public int Rows { get; set; }
        /// <summary>Sum of Rxs over the rows written.</summary>
        public decimal ClaimCount { get; set; }
        /// <summary>Sum of Total AWP (Historical).</summary>
        public decimal TotalAwp { get; set; }
        /// <summary>Sum of Rx Sense Ing Cost.</summary>
        public decimal IngredientCost { get; set; }
        /// <summary>Sum of RxSense Total Cost.</summary>
        public decimal TotalCost { get; set; }
        /// <summary>Sum of GrossCost.</summary>
        public decimal GrossCost { get; set; }
        /// <summary>Values written as found because they are not what the format expects.</summary>
        public ItemList<RowIssue> Issues { get; set; } = ItemList<RowIssue>.NoItems;
        /// <summary>The workbook written.</summary>
        public string OutputFile { get; set; } = "";
        /// <summary>How long the run took.</summary>
        public TimeSpan Duration { get; set; }
        /// <summary>The audit session of the run.</summary>
        public string SessionId { get; set; } = "";

        /// <summary>The view's Issues line: how many (see ViewText; hidden from Export-Csv, Get-Member and ConvertTo-Json).</summary>
        [Hidden, JsonIgnore]
        public int DisplayIssues => ViewText.Count(Issues);

        /// <inheritdoc/>
        public override string ToString() => $"{Format}: {Rows:N0} rows, {ClaimCount} claims -> {OutputFile}";
    }
}
