using System.Management.Automation;

namespace RepricingPS
{
    /// <summary>A cmdlet that works against an audit log root: -LogPath, declared (with its help text) in this one place.</summary>
    public abstract class LogRootCmdlet : RepricingCmdlet
    {
        /// <summary>The log root; defaults to REPRICING_AUDIT_PATH, the saved setting, then the per-user local folder.</summary>
        [Parameter]
        public virtual string? LogPath { get; set; }
    }
}
