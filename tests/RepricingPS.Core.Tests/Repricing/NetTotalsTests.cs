using System.Globalization;
using System.Threading;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    public sealed class NetTotalsTests
    {
        [Fact]
        public void NetTotals_ExportAsInvariantNumbers_InAnyCulture()
        {
            // The worked example's totals (repricing.md §8), shown on a German machine.
            var t = new NetTotals { ClaimCount = 3, TotalAwp = 87.35m, IngCost = 17.40m, DispenseFee = 5.25m, TotalCost = 22.65m, GrossCost = 1024.50m, UnpricedClaims = 1 };
            CultureInfo saved = Thread.CurrentThread.CurrentCulture;
            try
            {
                Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
                Assert.Equal("ClaimCount=3; TotalAwp=87.35; IngCost=17.40; DispenseFee=5.25; TotalCost=22.65; GrossCost=1024.50; UnpricedClaims=1", t.ToString());
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = saved;
            }
            Assert.Equal("ClaimCount=0; UnpricedClaims=0", new NetTotals().ToString());
        }
    }
}
