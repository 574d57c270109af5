using System;
using RepricingPS.Core.Disruption;
using Xunit;

namespace RepricingPS.Core.Tests.Disruption
{
    /// <summary>disruption.md §2 (normalising), §4 (words, window, ordering) and §5 (rounding), value by value.</summary>
    public sealed class ValuesTests
    {
        [Theory]
        [InlineData("93505601", "00093505601")]
        [InlineData("00093-5056-01", "00093505601")]
        [InlineData("00093 5056 01", "00093505601")]
        [InlineData("1", "00000000001")]
        [InlineData("12345678901", "12345678901")]
        [InlineData("123456789012", null)]
        [InlineData("", null)]
        [InlineData("--", null)]
        [InlineData("0009350560A", null)]
        [InlineData("٣٣", null)]
        public void Ndc_NormalisesOrRejects(string raw, string? expected) => Assert.Equal(expected, Values.Ndc(raw));

        [Theory]
        [InlineData("1234567", 7, "1234567")]
        [InlineData(" 123 ", 7, "0000123")]
        [InlineData("1234567.0", 7, "1234567")]
        [InlineData("1.234567E+06", 7, "1234567")]
        [InlineData("1.23456789E+09", 10, "1234567890")]
        [InlineData("0000000", 7, "")]
        [InlineData("0", 10, "")]
        [InlineData("", 7, "")]
        [InlineData("12A4567", 7, "")]
        [InlineData("1234567.5", 7, "")]
        [InlineData("-1234567", 7, "")]
        public void Id_TrimsTakesIntegerDigitsPadsAndBlanksTheRest(string raw, int width, string expected) => Assert.Equal(expected, Values.Id(raw, width));

        [Theory]
        [InlineData("1", 1.0)]
        [InlineData(" 2.50 ", 2.5)]
        [InlineData("+3", 3.0)]
        [InlineData("-4", -4.0)]
        [InlineData(".5", 0.5)]
        [InlineData("-.5", -0.5)]
        public void Number_AcceptsPlainDecimals(string raw, double expected)
        {
            Assert.True(Values.TryNumber(raw, false, out decimal d));
            Assert.Equal((decimal)expected, d);
        }

        [Theory]
        [InlineData("1e3")]
        [InlineData("1,000")]
        [InlineData("1_000")]
        [InlineData("1.")]
        [InlineData("١")]
        [InlineData("abc")]
        [InlineData("1 2")]
        public void Number_RejectsOtherForms(string raw) => Assert.False(Values.TryNumber(raw, false, out _));

        [Theory]
        [InlineData("2025-06-01", 2025, 6, 1)]
        [InlineData("6/1/2025", 2025, 6, 1)]
        [InlineData("06/01/2025", 2025, 6, 1)]
        [InlineData("12/31/2024", 2024, 12, 31)]
        [InlineData("2025-06-01T23:30", 2025, 6, 1)]
        [InlineData("2025-06-01T23:30:15.123Z", 2025, 6, 1)]
        [InlineData("2025-06-01T00:30:00+05:00", 2025, 6, 1)]
        [InlineData("2025-06-01T23:59:59-08:00", 2025, 6, 1)]
        public void Date_AcceptsTheSpecForms_DateAsWritten(string raw, int y, int m, int d)
        {
            Assert.True(Values.TryDate(raw, false, out DateTime v));
            Assert.Equal(new DateTime(y, m, d), v);
        }

        [Theory]
        [InlineData("2025-6-1")]
        [InlineData("2025-13-40")]
        [InlineData("2025-02-29")]
        [InlineData("2025/06/01")]
        [InlineData("1/2/25")]
        [InlineData("45000")]
        [InlineData("2025-06-01T25:00")]
        [InlineData("2025-06-01 10:00")]
        public void Date_RejectsOtherFormsAndBareNumbersInCsv(string raw) => Assert.False(Values.TryDate(raw, false, out _));

        [Fact]
        public void Date_XlsxNumberCell_IsAnExcelSerial()
        {
            Assert.True(Values.TryDate("45000", true, out DateTime v));
            Assert.Equal(new DateTime(2023, 3, 15), v);
        }

        [Theory]
        [InlineData("2", 2)]
        [InlineData("2.0", 2)]
        [InlineData(" 2 ", 2)]
        [InlineData("3", 3)]
        [InlineData("4", null)]
        [InlineData("2.5", null)]
        [InlineData("", null)]
        [InlineData("B", null)]
        public void ClaimTier_IsAnInteger1To3(string raw, int? expected) => Assert.Equal(expected, Values.ClaimTier(raw, false));

        [Theory]
        [InlineData(" nonformulary ", 0)]
        [InlineData("NONFORMULARY", 0)]
        [InlineData("1", 1)]
        [InlineData("Non-formulary", null)]
        public void ReferenceTier_IsATierOrNonformulary(string raw, int? expected) => Assert.Equal(expected, Values.ReferenceTier(raw, false));

        [Theory]
        [InlineData("B", "Brand")]
        [InlineData(" brand ", "Brand")]
        [InlineData("g", "Generic")]
        [InlineData("Generic", "Generic")]
        [InlineData("BG", "None")]
        [InlineData("", "None")]
        public void ClaimBrandGeneric_BOrBrandGOrGeneric(string raw, string expected) => Assert.Equal(expected, Values.ClaimBrandGeneric(raw).ToString());

        [Theory]
        [InlineData("CVSX DRUGS", false)]
        [InlineData("Optumist Rx", false)]
        [InlineData("Williams Bros", true)]
        [InlineData("WILLIAMS BROTHERS PHARMACY", true)]
        [InlineData("Williams  Bro", true)]
        [InlineData("Williams Pharmacy", false)]
        [InlineData("WALGREEN CO", true)]
        [InlineData("Walgreens #55", true)]
        [InlineData("OPTUM_RX", true)]
        [InlineData("CVS PHARMACY #123", true)]
        [InlineData("cvs/pharmacy", true)]
        [InlineData("RITE  AID #1", true)]
        [InlineData("RITEAID", false)]
        [InlineData("Wal-Mart #5", true)]
        [InlineData("EXPRESS SCRIPTS", true)]
        [InlineData("DMRX", false)]
        [InlineData("MAIN ST PHARMACY", false)]
        public void Chain_IsAWordOrPhraseMatchIgnoringCase(string name, bool chain) => Assert.Equal(chain, Words.Chain.IsMatch(name));

        [Theory]
        [InlineData("Albuterol Sulfate HFA", true)]
        [InlineData("VENTOLIN-HFA", true)]
        [InlineData("EPINEPHRINE_AUTO", true)]
        [InlineData("Albuterolx", false)]
        [InlineData("Levalbuterol", false)]
        public void ExcludedProduct_IsAWholeWord(string product, bool excluded) => Assert.Equal(excluded, Words.ExcludedProduct.IsMatch(product));

        [Theory]
        [InlineData("2025-08-31", 6, "2025-03-01")]
        [InlineData("2025-06-21", 6, "2024-12-22")]
        [InlineData("2024-08-31", 6, "2024-03-01")]
        [InlineData("2025-05-31", 3, "2025-03-01")]
        [InlineData("2025-03-31", 1, "2025-03-01")]
        public void WindowStart_ClampsTheMonthEndThenAddsADay(string latest, int months, string start) =>
            Assert.Equal(DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
                DisruptionAnalysis.WindowStartFor(DateTime.Parse(latest, System.Globalization.CultureInfo.InvariantCulture), months));

        [Theory]
        [InlineData(2, 3, 0.6667)]
        [InlineData(1, 6, 0.1667)]
        [InlineData(1, 20000, 0.0001)]
        [InlineData(-1, 20000, -0.0001)]
        [InlineData(1, 8, 0.125)]
        public void Round4_IsHalfAwayFromZero(int a, int b, double expected) => Assert.Equal((decimal)expected, Values.Round4((decimal)a / b));

        [Fact]
        public void CompareIgnoringCase_UpperInvariantThenOrdinal()
        {
            var names = new[] { "b", "_x", "B", "a", "A" };
            Array.Sort(names, Values.CompareIgnoringCase);
            // OrdinalIgnoreCase compares upper-case forms: '_' (0x5F) sorts after 'A'-'Z' (0x41-0x5A).
            Assert.Equal(new[] { "A", "a", "B", "b", "_x" }, names);
        }
    }
}
