using System;
using System.Management.Automation;

namespace RepricingPS.Commands
{
    /// <summary>
    /// An IProgress that calls back on the calling (pipeline) thread, unlike Progress&lt;T&gt;. When the pipeline is being
    /// stopped (Ctrl+C, Stop-Job), WriteProgress throws PipelineStoppedException; Core sees that as the cancellation it is.
    /// </summary>
    internal sealed class DirectProgress<T> : IProgress<T>
    {
        private readonly Action<T> _report;
        internal DirectProgress(Action<T> report) => _report = report;

        public void Report(T value)
        {
            try
            {
                _report(value);
            }
            catch (PipelineStoppedException ex)
            {
                throw new OperationCanceledException("The pipeline was stopped.", ex);
            }
        }
    }
}
