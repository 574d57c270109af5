using System;
using System.Diagnostics;

namespace RepricingPS.Core
{
    /// <summary>
    /// When a cmdlet starts showing progress: only once its work has run <see cref="ShowAfter"/>, and from then on every
    /// update (issue 15). A job that ends in a blink (a 7-day query, a 10,000-claim repricing) shows no bar: a bar that
    /// flashes up and away tells nobody anything, and in a fresh console its first rendering costs more than such a job.
    /// </summary>
    public sealed class ProgressDelay
    {
        /// <summary>How long work runs before its progress shows.</summary>
        public static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);

        private readonly Func<TimeSpan> _elapsed;

        /// <summary>A delay measured by <paramref name="elapsed"/>: the time since the work started.</summary>
        public ProgressDelay(Func<TimeSpan> elapsed) => _elapsed = elapsed;

        /// <summary>A delay whose work starts now.</summary>
        public static ProgressDelay StartNew()
        {
            var clock = Stopwatch.StartNew();
            return new ProgressDelay(() => clock.Elapsed);
        }

        /// <summary>Whether an update has been shown (so the end of the work must be shown too).</summary>
        public bool Shown { get; private set; }

        /// <summary>
        /// Input of at least this size takes longer than <see cref="ShowAfter"/> to read, and may report progress only once
        /// before it is read (a query of one large legacy file): its progress shows at once.
        /// </summary>
        public const long LargeInputBytes = 8L << 20;

        /// <summary>
        /// Whether to show this update: once the work has run <see cref="ShowAfter"/>, or at once when the step it
        /// announces is <paramref name="large"/>, and ever after.
        /// </summary>
        public bool ShouldShow(bool large = false)
        {
            if (!Shown && (large || _elapsed() >= ShowAfter)) Shown = true;
            return Shown;
        }

        /// <summary>Whether a file is large input (<see cref="LargeInputBytes"/>); false when it cannot be looked at.</summary>
        public static bool IsLargeFile(string? path)
        {
            try
            {
                return !string.IsNullOrEmpty(path) && System.IO.File.Exists(path) && new System.IO.FileInfo(path).Length >= LargeInputBytes;
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                return false;
            }
        }
    }
}
