using System;
using System.Linq;
using System.Management.Automation;

namespace RepricingPS.Commands
{
    /// <summary>
    /// The console's current folder, for completers that resolve a relative path the user typed. Not the process's
    /// current directory (PowerShell's location is its own), and not through Runspace.SessionStateProxy, which refuses while
    /// the completion itself runs as a pipeline of that runspace: a nested command on the current runspace asks it.
    /// </summary>
    internal static class CompletionLocation
    {
        internal static string? Current()
        {
            try
            {
                using PowerShell ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
                ps.AddCommand("Microsoft.PowerShell.Management\\Get-Location").AddParameter("PSProvider", "FileSystem");
                return ps.Invoke<PathInfo>().FirstOrDefault()?.ProviderPath;
            }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is RuntimeException || ex is InvalidOperationException)
            {
                return null;
            }
        }
    }
}
