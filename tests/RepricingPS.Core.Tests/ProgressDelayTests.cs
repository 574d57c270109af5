using System;
using RepricingPS.Core;
using Xunit;

namespace RepricingPS.Core.Tests
{
    /// <summary>Issue 15: progress shows only once work has run a second, then every update; a blink of work shows none.</summary>
    public class ProgressDelayTests
    {
        [Fact]
        public void ShouldShow_NotBeforeASecond_ThenAlways()
        {
            TimeSpan now = TimeSpan.Zero;
            var delay = new ProgressDelay(() => now);
            Assert.False(delay.ShouldShow());
            now = TimeSpan.FromMilliseconds(999);
            Assert.False(delay.ShouldShow());
            Assert.False(delay.Shown);
            now = TimeSpan.FromSeconds(1);
            Assert.True(delay.ShouldShow());
            Assert.True(delay.Shown);
            // Shown once, shown to the end, whatever the clock says.
            now = TimeSpan.Zero;
            Assert.True(delay.ShouldShow());
        }

        [Fact]
        public void ShouldShow_ALargeStep_AtOnce_ThenAlways()
        {
            TimeSpan now = TimeSpan.Zero;
            var delay = new ProgressDelay(() => now);
            Assert.False(delay.ShouldShow());
            Assert.True(delay.ShouldShow(large: true)); // a step over large input: shown before the second is up
            Assert.True(delay.ShouldShow());
        }

        [Fact]
        public void IsLargeFile_FromEightMegabytes_AndNeverThrows()
        {
            using var t = new TempDir();
            string small = t.Combine("small.csv"), large = t.Combine("large.csv");
            System.IO.File.WriteAllBytes(small, new byte[ProgressDelay.LargeInputBytes - 1]);
            System.IO.File.WriteAllBytes(large, new byte[ProgressDelay.LargeInputBytes]);
            Assert.False(ProgressDelay.IsLargeFile(small));
            Assert.True(ProgressDelay.IsLargeFile(large));
            Assert.False(ProgressDelay.IsLargeFile(t.Combine("missing.csv")));
            Assert.False(ProgressDelay.IsLargeFile(null));
            Assert.False(ProgressDelay.IsLargeFile("postgresql://u@h/db"));
            Assert.False(ProgressDelay.IsLargeFile(t.Path)); // a folder
        }

        [Fact]
        public void StartNew_AFreshDelay_ShowsNothingYet()
        {
            var delay = ProgressDelay.StartNew();
            Assert.False(delay.ShouldShow());
            Assert.False(delay.Shown);
        }
    }
}
