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

        /// <summary>Whether to show this update: once the work has run <see cref="ShowAfter"/>, and ever after.</summary>
        public bool ShouldShow()
        {
            if (!Shown && _elapsed() >= ShowAfter) Shown = true;
            return Shown;
        }
    }
}
