using System.Management.Automation;
using RepricingPS.Core;

namespace RepricingPS.Commands
{
    /// <summary>
    /// A cmdlet's progress record, written only once the work has run a while (<see cref="ProgressDelay"/>): every
    /// update goes through <see cref="Write"/>, the end through <see cref="Complete"/>, which writes nothing when no
    /// update was shown. Call both on the pipeline thread.
    /// </summary>
    internal sealed class DeferredProgress
    {
        private readonly Cmdlet _cmdlet;
        private readonly ProgressDelay _delay = ProgressDelay.StartNew();

        internal DeferredProgress(Cmdlet cmdlet, ProgressRecord record)
        {
            _cmdlet = cmdlet;
            Record = record;
        }

        /// <summary>The record to update before each <see cref="Write"/>.</summary>
        internal ProgressRecord Record { get; }

        /// <summary>Whether an update has been shown (from then on every one is).</summary>
        internal bool Shown => _delay.Shown;

        /// <summary>Large input: show every update at once, not only after the delay.</summary>
        internal bool Large { get; set; }

        /// <summary>Shows the record's current state once the work has run long enough, or at once for a <paramref name="largeStep"/>.</summary>
        internal void Write(bool largeStep = false)
        {
            if (_delay.ShouldShow(Large || largeStep)) _cmdlet.WriteProgress(Record);
        }

        /// <summary>Ends the bar, if one was shown.</summary>
        internal void Complete()
        {
            if (!_delay.Shown) return;
            Record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(Record);
        }
    }
}
