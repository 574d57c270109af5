using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RepricingPS.Core.Viewer
{
    /// <summary>Opens an address in the default browser: the shell on Windows, <c>open</c> on macOS, <c>xdg-open</c> elsewhere.</summary>
    public static class BrowserLauncher
    {
        /// <summary>Tries to open <paramref name="url"/>; returns null on success or why it could not (a warning, not an error).</summary>
        public static string? TryOpen(string url)
        {
            try
            {
                ProcessStartInfo psi;
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) psi = new ProcessStartInfo(url) { UseShellExecute = true };
                else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) psi = new ProcessStartInfo("open", Quote(url)) { UseShellExecute = false };
                else psi = new ProcessStartInfo("xdg-open", Quote(url)) { UseShellExecute = false };
                using Process? p = Process.Start(psi);
                if (p == null) return "no process was started to open it";
                // xdg-open and open hand over to the browser and exit; a quick non-zero exit means nothing could open it.
                if (!psi.UseShellExecute && p.WaitForExit(1500) && p.ExitCode != 0) return $"'{psi.FileName}' exited with code {p.ExitCode}";
                return null;
            }
            catch (Win32Exception ex)
            {
                return ex.Message;
            }
            catch (InvalidOperationException ex)
            {
                return ex.Message;
            }
        }

        // The address is ours (http://127.0.0.1:port/?token=base64url): no quotes or spaces to escape.
        private static string Quote(string url) => "\"" + url + "\"";
    }
}
