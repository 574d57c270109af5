using System;

namespace RepricingPS
{
    /// <summary>What Invoke-Repricing did (spec §5).</summary>
    public sealed class RepricingResult
    {
        /// <summary>The opportunity name used in the output file names.</summary>
        public string OpportunityName { get; set; } = "";
        /// <summary>Rows after the merge.</summary>
        public int MergedRows { get; set; }
        /// <summary>Rows read from File1.</summary>
        public int File1Rows { get; set; }
        /// <summary>Rows read from File2.</summary>
        public int File2Rows { get; set; }
        /// <summary>Merged rows found in both files.</summary>
        public int BothRows { get; set; }
        /// <summary>Merged rows only in File1.</summary>
        public int File1OnlyRows { get; set; }
        /// <summary>Merged rows only in File2.</summary>
        public int File2OnlyRows { get; set; }
        /// <summary>Rows with QUANTITY &gt; 0.</summary>
        public int Claims { get; set; }
        /// <summary>Rows with QUANTITY &lt; 0.</summary>
        public int Reversals { get; set; }
        /// <summary>Claim/reversal pairs matched.</summary>
        public int MatchedPairs { get; set; }
        /// <summary>Reversals with no claim.</summary>
        public int UnmatchedReversals { get; set; }
        /// <summary>Rows flagged OR.</summary>
        public int ORRows { get; set; }
        /// <summary>Totals over the priced claims.</summary>
        public NetTotals NetTotals { get; set; } = new NetTotals();
        /// <summary>Values that did not parse.</summary>
        public ItemList<RowIssue> Issues { get; set; } = ItemList<RowIssue>.NoItems;
        /// <summary>The files written.</summary>
        public ItemList<string> OutputFiles { get; set; } = ItemList<string>.NoItems;
        /// <summary>How long the run took.</summary>
        public TimeSpan Duration { get; set; }
        /// <summary>The audit session of the run.</summary>
        public string SessionId { get; set; } = "";
        /// <summary>Warnings of the run (column collisions, duplicates allowed, unmatched reversals).</summary>
        public ItemList<string> Warnings { get; set; } = ItemList<string>.NoItems;

        // What the list view shows, computed here instead of in view script blocks (see ViewText): hidden from Export-Csv,
        // Format-List *, Get-Member and ConvertTo-Json.

        /// <summary>The view's Sides line: rows on both sides and on one side only.</summary>
        [Hidden, JsonIgnore]
        public string DisplaySides => ViewText.Format("{0:N0} both, {1:N0} File1 only, {2:N0} File2 only", BothRows, File1OnlyRows, File2OnlyRows);

        /// <summary>The view's NetTotals line.</summary>
        [Hidden, JsonIgnore]
        public string? DisplayNetTotals => NetTotals?.ToString();

        /// <summary>The view's Issues line: how many.</summary>
        [Hidden, JsonIgnore]
        public int DisplayIssues => ViewText.Count(Issues);

        /// <summary>The view's OutputFiles: one path a line.</summary>
        [Hidden, JsonIgnore]
        public string DisplayOutputFiles => string.Join(Environment.NewLine, (System.Collections.Generic.IEnumerable<string>?)OutputFiles ?? Array.Empty<string>());
    }
}
