using System.Collections.Generic;

namespace RepricingPS.Core.Audit
{
    /// <summary>Flattens an <see cref="ErrorSummary"/> into <see cref="SummaryRow"/>s.</summary>
    public static class SummaryRows
    {
        /// <summary>The totals first, then each section's counts in the summary's order.</summary>
        public static IEnumerable<SummaryRow> From(ErrorSummary s)
        {
            SummaryRow Row(string section, string name, long count) => new SummaryRow { Section = section, Name = name, Count = count };
            yield return Row("Totals", "Entries", s.TotalEntries);
            yield return Row("Totals", "Errors", s.ErrorCount);
            yield return Row("Totals", "Successes", s.SuccessCount);
            yield return Row("Totals", "Sessions", s.SessionCount);
            yield return Row("Totals", "FileOperations", s.FileOperations);
            yield return Row("Totals", "MalformedRows", s.MalformedRows);
            foreach (var x in s.ErrorsByStatus) yield return Row("ErrorsByStatus", x.Status, x.Count);
            foreach (var x in s.UsersWithErrors) yield return Row("UsersWithErrors", x.User, x.Count);
            foreach (var x in s.TopScripts) yield return Row("TopScripts", x.Script, x.Count);
        }
    }
}
