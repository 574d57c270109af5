using System;
using System.Collections.Generic;
using System.Globalization;

namespace RepricingPS.Core.Repricing
{
    /// <summary>The known columns (spec §2), their aliases and how each is typed.</summary>
    internal static class Schema
    {
        internal const string Key = "SOURCERECORDID";
        internal const string DateFilled = "DATEFILLED";
        internal const string Quantity = "QUANTITY";
        internal const string DaySupply = "DAYSUPPLY";
        internal const string Ndc = "NDC";
        internal const string MemberId = "MemberID";
        internal const string DrugName = "Drug Name";
        internal const string PharmacyName = "Pharmacy Name";
        internal const string Awp = "Total AWP (Historical)";
        internal const string IngCost = "Rx Sense Ing Cost";
        internal const string DispenseFee = "RxSense Dispense Fee";
        internal const string TotalCost = "RxSense Total Cost";
        internal const string GrossCost = "GrossCost";

        internal enum Kind { Text, Date, Decimal, Integer, Money2 }

        private static readonly Dictionary<string, (string Name, Kind Kind)> Known = new Dictionary<string, (string, Kind)>(StringComparer.OrdinalIgnoreCase)
        {
            [Key] = (Key, Kind.Text),
            ["Source Record ID"] = (Key, Kind.Text),
            [DateFilled] = (DateFilled, Kind.Date),
            [Quantity] = (Quantity, Kind.Decimal),
            [DaySupply] = (DaySupply, Kind.Integer),
            [Ndc] = (Ndc, Kind.Text),
            [MemberId] = (MemberId, Kind.Text),
            [DrugName] = (DrugName, Kind.Text),
            [PharmacyName] = (PharmacyName, Kind.Text),
            [Awp] = (Awp, Kind.Money2),
            [IngCost] = (IngCost, Kind.Decimal),
            [DispenseFee] = (DispenseFee, Kind.Decimal),
            [TotalCost] = (TotalCost, Kind.Decimal),
            [GrossCost] = (GrossCost, Kind.Decimal),
        };

        /// <summary>Required at import, per role.</summary>
        internal static readonly string[] File1Required = { Key, DateFilled };
        internal static readonly string[] File2Required = { Key };
        /// <summary>Required in the merged result (from either file).</summary>
        internal static readonly string[] MergedRequired = { Quantity, DaySupply, Ndc, MemberId, DrugName, PharmacyName, Awp };

        /// <summary>The canonical name of a known column (aliases folded), or the trimmed header.</summary>
        internal static string Canonical(string header)
        {
            string h = header.Trim();
            return Known.TryGetValue(h, out var k) ? k.Name : h;
        }

        internal static Kind KindOf(string header) => Known.TryGetValue(header.Trim(), out var k) ? k.Kind : Kind.Text;

        private static readonly string[] DateFormats =
        {
            "yyyy-MM-dd", "M/d/yyyy", "MM/dd/yyyy", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "M/d/yyyy H:mm", "M/d/yyyy h:mm:ss tt",
        };

        /// <summary>Parses a date the ways analysts' files hold them, including an Excel serial number.</summary>
        internal static bool TryDate(string text, out DateTime value)
        {
            if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value))
            {
                value = value.Date;
                return true;
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double serial) && serial >= 1 && serial < 2958466)
            {
                value = DateTime.FromOADate(serial).Date;
                return true;
            }
            return false;
        }

        internal static bool TryDecimal(string text, out decimal value) =>
            decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);

        internal static bool TryInteger(string text, out int value)
        {
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return true;
            if (TryDecimal(text, out decimal d) && d == decimal.Truncate(d) && d >= int.MinValue && d <= int.MaxValue)
            {
                value = (int)d;
                return true;
            }
            return false;
        }

        /// <summary>The text an output shows for a typed value (dates ISO, AWP rounded to cents away from zero).</summary>
        internal static string Format(object? typed, Kind kind) => typed switch
        {
            null => "",
            DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            decimal m when kind == Kind.Money2 => m.ToString("0.00", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            int i => i.ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(typed, CultureInfo.InvariantCulture) ?? "",
        };

        /// <summary>Characters not allowed in a file name become '_'.</summary>
        internal static string SafeFileName(string name)
        {
            var chars = name.Trim().ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                // Besides the characters Windows forbids: control characters and format characters (category Cf, such as
                // U+202E RIGHT-TO-LEFT OVERRIDE, which makes "x\u202Ecod.exe" display as "xexe.doc").
                if ("\\/*?:\"<>|".IndexOf(chars[i]) >= 0 || char.IsControl(chars[i]) || char.GetUnicodeCategory(chars[i]) == UnicodeCategory.Format) chars[i] = '_';
            }
            return new string(chars);
        }
    }
}
