namespace RepricingPS.Core.Repricing
{
    /// <summary>Which input file(s) a merged row comes from (spec §3.5).</summary>
    internal enum MergeSide
    {
        /// <summary>The key is in File1 and File2.</summary>
        Both,
        /// <summary>The key is only in File1 (no priced row).</summary>
        File1Only,
        /// <summary>The key is only in File2.</summary>
        File2Only,
    }

    /// <summary>The O/R outcome of a row (spec §4); <see cref="None"/> for a row that is neither matched nor a reversal.</summary>
    internal enum MatchStatus
    {
        /// <summary>Written as an empty value, never as "None".</summary>
        None,
        /// <summary>A claim and its reversal.</summary>
        Matched,
        /// <summary>A reversal with no claim.</summary>
        UnmatchedReversal,
    }

    /// <summary>The "O's &amp; R's Check" flag (spec §4); <see cref="None"/> for a row without it.</summary>
    internal enum OrFlag
    {
        /// <summary>Written as an empty value, never as "None".</summary>
        None,
        /// <summary>A matched claim or reversal, or an unmatched reversal.</summary>
        OR,
    }

    /// <summary>
    /// The one place the outcome enums become output text, as analysts know it from the earlier program: the member name, and
    /// an empty value for None (an enum's ToString would write "None"). Literal strings, so writing a million rows allocates none.
    /// </summary>
    internal static class RowOutcomeText
    {
        internal static string Text(this MergeSide side) => side switch
        {
            MergeSide.Both => "Both",
            MergeSide.File1Only => "File1Only",
            _ => "File2Only",
        };

        internal static string Text(this MatchStatus status) => status switch
        {
            MatchStatus.Matched => "Matched",
            MatchStatus.UnmatchedReversal => "UnmatchedReversal",
            _ => "",
        };

        internal static string Text(this OrFlag flag) => flag == OrFlag.OR ? "OR" : "";
    }
}
