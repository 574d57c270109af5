namespace RepricingPS.Core
{
    /// <summary>Whether <see cref="FormulaGuard.Escape"/> leaves plain numbers such as a reversal's -30 alone.</summary>
    internal enum FormulaGuardNumbers
    {
        /// <summary>Every value that starts like a formula is escaped (the audit log, audit-log.md §7).</summary>
        Escape,
        /// <summary>A value matching ^-?[0-9]+(\.[0-9]+)?$ is never changed (repricing outputs, repricing.md §5).</summary>
        Keep,
    }

    /// <summary>
    /// The one guard against Excel formula injection in the CSV files the module writes, and its exact inverse for readers.
    /// A value that starts with = + - @ TAB or CR gets a leading ' so a spreadsheet shows it as text; a value that itself
    /// starts with ' gets one more, so <see cref="Unescape"/> can remove exactly the added one and every value reads back
    /// identical. Apply it to the text before hashing or writing, so what is hashed is what is stored.
    /// </summary>
    internal static class FormulaGuard
    {
        /// <summary>The value as stored: with the added ' when it starts like a formula (or with a ').</summary>
        internal static string Escape(string? value, FormulaGuardNumbers numbers)
        {
            if (string.IsNullOrEmpty(value)) return "";
            char c = value![0];
            if (c == '\'') return "'" + value;
            if (!StartsLikeFormula(c)) return value;
            if (numbers == FormulaGuardNumbers.Keep && IsPlainNumber(value)) return value;
            return "'" + value;
        }

        /// <summary>The value as it was before <see cref="Escape"/>: removes the one ' that it added, nothing else.</summary>
        internal static string Unescape(string value)
        {
            if (value.Length >= 2 && value[0] == '\'' && (value[1] == '\'' || StartsLikeFormula(value[1]))) return value.Substring(1);
            return value;
        }

        /// <summary>Whether a stored field carries the guard (writers quote such fields too, as OWASP advises).</summary>
        internal static bool IsEscaped(string stored) => stored.Length > 0 && stored[0] == '\'';

        private static bool StartsLikeFormula(char c) => c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';

        /// <summary>^-?[0-9]+(\.[0-9]+)?$ (ASCII digits only).</summary>
        internal static bool IsPlainNumber(string value)
        {
            int i = value.Length > 0 && value[0] == '-' ? 1 : 0;
            int digits = 0;
            while (i < value.Length && value[i] >= '0' && value[i] <= '9') { i++; digits++; }
            if (digits == 0) return false;
            if (i == value.Length) return true;
            if (value[i] != '.') return false;
            i++;
            int fraction = 0;
            while (i < value.Length && value[i] >= '0' && value[i] <= '9') { i++; fraction++; }
            return fraction > 0 && i == value.Length;
        }
    }
}
