using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Viewer;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows the audit log live in the browser: every user's activity as it happens, searchable, with counts, an errors-per-day chart and whole sessions.</para>
    /// <para type="description">Starts a small read-only web server on this machine's loopback interface only (127.0.0.1 and ::1), writes its address as one line, opens the default browser there (unless -NoBrowser) and serves until Ctrl+C. The address carries an unguessable token; requests without it, or addressed to another host name, are refused.</para>
    /// </summary>
    /// <example>
    /// <code>Show-RepricingAuditLog</code>
    /// <para>The last 7 days of the configured log, live, in the default browser.</para>
    /// </example>
    /// <example>
    /// <code>Show-RepricingAuditLog -LogPath \\server\share\RepricingAudit -Days 30 -Port 8765 -NoBrowser</code>
    /// <para>Serves the last 30 days of a shared log on port 8765; open the printed address yourself.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Show, "RepricingAuditLog")]
    // Its one output is the "Listening on ..." line, a plain string (no OutputType, so no RepricingPS view is expected for it).
    public sealed class ShowRepricingAuditLogCommand : LogRootCmdlet
    {
        /// <summary>Only these users (case-insensitive, exact unless they hold wildcards); the page can narrow further.</summary>
        [Parameter(Position = 0)]
        [Alias("UserName", "SamAccountName")]
        public string[]? User { get; set; }

        /// <summary>Only these status words (wildcards allowed); the page can narrow further.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(StatusCompleter))]
        public string[]? Status { get; set; }

        /// <summary>The window the viewer holds: entries from the last N days (default 7).</summary>
        [Parameter]
        [ValidateRange(1, 3650)]
        public int Days { get; set; } = 7;

        /// <summary>The local port to listen on; a free one when left out.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        /// <summary>Do not open the browser; only write the address.</summary>
        [Parameter]
        public SwitchParameter NoBrowser { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            AuditLocation location = ResolveLocation(LogPath);
            var options = new AuditViewerOptions { Users = User ?? System.Array.Empty<string>(), Statuses = Status ?? System.Array.Empty<string>(), Days = Days, Port = Port };
            using var server = new AuditViewerServer(location, options);
            try
            {
                server.Start();
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
            }
            WriteObject(server.ListeningLine);
            if (!NoBrowser)
            {
                string? problem = BrowserLauncher.TryOpen(server.Url);
                if (problem != null) WriteWarning($"The browser could not be opened ({problem}). Open the address above yourself.");
            }
            // Told on the information stream (shown in a console, not part of the output a script captures).
            WriteInformation(new InformationRecord("Only this machine can connect. Press Ctrl+C to stop the viewer.", "Show-RepricingAuditLog"), new[] { "PSHOST" });
            Cancel.WaitHandle.WaitOne();
        }
    }
}
