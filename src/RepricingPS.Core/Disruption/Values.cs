using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RepricingPS.Core.Disruption
{
    /// <summary>A brand or generic FormularyTier of the BrandGeneric kinds.</summary>
    internal enum BrandGeneric { None, Brand, Generic }

    /// <summary>The normalising rules of spec §2, one function per value kind.</summary>
    internal static class Values
    {
        /// <summary>The reference tier "Nonformulary", kept as 0 beside tiers 1-3.</summary>
        internal const int Nonformulary = 0;

        private static readonly Regex UsDate = new Regex(@"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex IsoDateTime = new Regex(
            @"^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(:([0-9]{2})(\.[0-9]+)?)?(Z|[+-]([0-9]{2}):([0-9]{2}))?$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex XlsxSerial = new Regex(@"^[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
        private static readonly Regex IdNumber = new Regex(@"^[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?$|^[0-9]+\.[0-9]*$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>NDC: '-' and spaces removed, 1-11 ASCII digits, left-padded to 11; null when it is not one.</summary>
        internal static string? Ndc(string raw)
        {
            int length = 0;
            var digits = new char[11];
            foreach (char ch in raw)
            {
                if (ch == '-' || ch == ' ') continue;
                if (ch < '0' || ch > '9' || length == 11) return null;
                digits[length++] = ch;
            }
            if (length == 0) return null;
            return new string('0', 11 - length) + new string(digits, 0, length);
        }

        /// <summary>
        /// PHARMACYNPI / NABP and the network's IDs: trimmed, a number such as 1234567.0 or 1.234567E+06 taken as its integer
        /// digits, then digits only, left-padded to <paramref name="width"/>. Blank, all zeros or non-digits: "" (never matches).
        /// </summary>
        internal static string Id(string raw, int width)
        {
            string s = raw.Trim();
            if (s.Length == 0) return "";
            if (!IsDigits(s))
            {
                if (!IdNumber.IsMatch(s) || !decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out decimal d)
                    || d != decimal.Truncate(d))
                {
                    return "";
                }
                s = d.ToString("0", CultureInfo.InvariantCulture);
            }
            if (s.TrimStart('0').Length == 0) return "";
            return s.Length >= width ? s : new string('0', width - s.Length) + s;
        }

        private static bool IsDigits(string s)
        {
            foreach (char ch in s)
            {
                if (ch < '0' || ch > '9') return false;
            }
            return true;
        }

        /// <summary>A decimal written as [+-]digits[.digits] or [+-].digits (surrounding spaces allowed); an .xlsx number cell as it is.</summary>
        internal static bool TryNumber(string raw, bool xlsx, out decimal value)
        {
            string s = raw.Trim();
            if (IsPlainDecimal(s))
            {
                return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
            }
            // An .xlsx number cell reaches us as its round-trip text, which may use an exponent (1E-05).
            if (xlsx && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && !double.IsNaN(x) && !double.IsInfinity(x)
                && Math.Abs(x) < 7.9e28)
            {
                value = (decimal)x;
                return true;
            }
            value = 0;
            return false;
        }

        /// <summary>[+-]digits[.digits] or [+-].digits, ASCII digits only (a hand-written check: it runs for every claim).</summary>
        private static bool IsPlainDecimal(string s)
        {
            int i = 0, n = s.Length;
            if (i < n && (s[i] == '+' || s[i] == '-')) i++;
            int before = 0;
            while (i < n && s[i] >= '0' && s[i] <= '9') { i++; before++; }
            if (i == n) return before > 0;
            if (s[i] != '.') return false;
            i++;
            int after = 0;
            while (i < n && s[i] >= '0' && s[i] <= '9') { i++; after++; }
            return i == n && after > 0;
        }

        /// <summary>
        /// DATEFILLED: yyyy-MM-dd, M/d/yyyy, or an ISO date-time whose date is taken as written; in an .xlsx also an Excel serial
        /// (date cells reach us as yyyy-MM-dd). A bare number in a .csv is not a date.
        /// </summary>
        internal static bool TryDate(string raw, bool xlsx, out DateTime value)
        {
            string s = raw.Trim();
            value = default;
            if (s.Length == 10 && s[4] == '-' && s[7] == '-')
            {
                // yyyy-MM-dd, the common form, without a regex (it runs for every claim).
                int y = Digits(s, 0, 4), mo = Digits(s, 5, 2), d = Digits(s, 8, 2);
                return y >= 0 && mo >= 0 && d >= 0 && TryMake(y, mo, d, out value);
            }
            Match m = UsDate.Match(s);
            if (m.Success) return TryMake(m.Groups[3].Value, m.Groups[1].Value, m.Groups[2].Value, out value);
            m = IsoDateTime.Match(s);
            if (m.Success)
            {
                int hour = Int(m.Groups[4].Value), minute = Int(m.Groups[5].Value);
                int second = m.Groups[7].Success ? Int(m.Groups[7].Value) : 0;
                bool offsetOk = !m.Groups[10].Success || (Int(m.Groups[10].Value) <= 23 && Int(m.Groups[11].Value) <= 59);
                if (hour > 23 || minute > 59 || second > 59 || !offsetOk) return false;
                return TryMake(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, out value);
            }
            if (xlsx && XlsxSerial.IsMatch(s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double serial) && serial >= 1 && serial < 2958466)
            {
                value = DateTime.FromOADate(serial).Date;
                return true;
            }
            return false;
        }

        private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

        /// <summary>The value of <paramref name="count"/> ASCII digits at <paramref name="start"/>, or -1.</summary>
        private static int Digits(string s, int start, int count)
        {
            int v = 0;
            for (int i = start; i < start + count; i++)
            {
                char ch = s[i];
                if (ch < '0' || ch > '9') return -1;
                v = v * 10 + (ch - '0');
            }
            return v;
        }

        private static bool TryMake(string year, string month, string day, out DateTime value) => TryMake(Int(year), Int(month), Int(day), out value);

        private static bool TryMake(int y, int mo, int d, out DateTime value)
        {
            value = default;
            if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) return false;
            value = new DateTime(y, mo, d);
            return true;
        }

        /// <summary>FormularyTier of the Tier kinds: an integer 1-3 (2, 2.0, " 2 "), else null.</summary>
        internal static int? ClaimTier(string raw, bool xlsx) =>
            TryNumber(raw, xlsx, out decimal d) && d == decimal.Truncate(d) && d >= 1 && d <= 3 ? (int)d : (int?)null;

        /// <summary>Reference Tier: 1-3, or <see cref="Nonformulary"/>; null for anything else.</summary>
        internal static int? ReferenceTier(string raw, bool xlsx)
        {
            if (string.Equals(raw.Trim(), "Nonformulary", StringComparison.OrdinalIgnoreCase)) return Nonformulary;
            return ClaimTier(raw, xlsx);
        }

        /// <summary>FormularyTier of the BrandGeneric kinds: B/BRAND or G/GENERIC (trimmed, upper-cased).</summary>
        internal static BrandGeneric ClaimBrandGeneric(string raw)
        {
            string s = raw.Trim().ToUpperInvariant();
            return s == "B" || s == "BRAND" ? BrandGeneric.Brand : s == "G" || s == "GENERIC" ? BrandGeneric.Generic : BrandGeneric.None;
        }

        /// <summary>Rounds half away from zero to 4 places, as Excel's ROUND.</summary>
        internal static decimal Round4(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

        /// <summary>A decimal as plain invariant text without trailing zeros (6, 6.5).</summary>
        internal static string Plain(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

        /// <summary>
        /// Ignoring case (spec §4): the upper-case invariant forms compared ordinally (.NET OrdinalIgnoreCase), then ordinal as the tie-break.
        /// </summary>
        internal static int CompareIgnoringCase(string a, string b)
        {
            int c = string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
            return c != 0 ? c : string.CompareOrdinal(a, b);
        }
    }
}
