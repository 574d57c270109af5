using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using RepricingPS.Core;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Repricing;

namespace RepricingPS
{
    /// <summary>What every RepricingPS cmdlet shares: log location, the audit writer, error records, cancellation.</summary>
    public abstract class RepricingCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();

        /// <summary>Cancelled when the user presses Ctrl+C.</summary>
        protected CancellationToken Cancel => _cancel.Token;

        /// <inheritdoc/>
        protected override void StopProcessing() => _cancel.Cancel();

        /// <summary>
        /// A run's stages as Write-Progress on <paramref name="progress"/> (stage, message, percent; shown once the run has
        /// taken a while, see <see cref="ProgressDelay"/>) and -Verbose lines, on the pipeline thread.
        /// </summary>
        internal IProgress<RepricingProgress> StageProgress(Commands.DeferredProgress progress) => new Commands.DirectProgress<RepricingProgress>(p =>
        {
            progress.Record.CurrentOperation = p.Stage;
            progress.Record.StatusDescription = p.Message;
            progress.Record.PercentComplete = p.Percent;
            progress.Write();
            WriteVerbose($"[{p.Stage}] {p.Message}");
        });

        /// <summary>PowerShell disposes a cmdlet when its pipeline ends, however it ends: the cancellation source goes with it.</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases what the cmdlet holds; a cmdlet that must finish something whatever happened overrides this.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing) _cancel.Dispose();
        }

        /// <summary>The PowerShell version of this host, for the audit entries.</summary>
        protected string HostPSVersion
        {
            get
            {
                object? table = SessionState.PSVariable.GetValue("PSVersionTable");
                if (table is System.Collections.Hashtable h && h["PSVersion"] != null) return h["PSVersion"]!.ToString()!;
                return "unknown";
            }
        }

        /// <summary>Turns a PowerShell path (relative, TestDrive:) into a file-system path.</summary>
        protected string ToFileSystemPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>Resolves the log root for -LogPath (or the configured one), terminating on a CONFIG_ERROR.</summary>
        protected AuditLocation ResolveLocation(string? logPath)
        {
            try
            {
                // A database connection is not a PowerShell path: it goes through untouched (before the provider would make it $PWD/Host=...).
                string? root = string.IsNullOrEmpty(logPath) ? null
                    : Core.Audit.Postgres.PostgresTarget.IsConnection(logPath) ? logPath : ToFileSystemPath(logPath!);
                return new AuditPaths(AuditEnvironment.Current).Resolve(root);
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
                throw; // not reached
            }
        }

        /// <summary>The audit service for -LogPath (or the configured root): it picks the folder or database store.</summary>
        protected AuditService OpenAudit(string? logPath) => OpenAudit(ResolveLocation(logPath));

        /// <summary>The audit service for a resolved location, terminating on a CONFIG_ERROR.</summary>
        protected AuditService OpenAudit(AuditLocation location)
        {
            try
            {
                return AuditService.Open(location);
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
                throw; // not reached
            }
        }

        /// <summary>The audit writer for this invocation; warns once when entries go to the spool.</summary>
        protected AuditWriter CreateAuditWriter(AuditLocation location) => CreateAuditWriter(OpenAudit(location), Sessions.CurrentOrImplicit(CurrentRunspace));

        /// <summary>The audit writer of one session, through the service; warns once when entries go to the spool.</summary>
        protected AuditWriter CreateAuditWriter(AuditService audit, string sessionId) =>
            WarnWhenSpooled(audit.Writer(AuditIdentity.Current(HostPSVersion), sessionId), audit.Root);

        /// <summary>
        /// The audit writer for work cmdlets (import, repricing): inside a started session it joins it; otherwise it starts
        /// an implicit session of its own (START now, END from <see cref="EndImplicitSession"/>).
        /// </summary>
        protected AuditWriter CreateWorkAuditWriter(AuditLocation location, string script, out bool implicitSession)
        {
            implicitSession = !Sessions.IsStarted(CurrentRunspace);
            if (!implicitSession) return CreateAuditWriter(location);
            var log = CreateAuditWriter(OpenAudit(location), AuditWriter.NewSessionId());
            log.Start(script);
            return log;
        }

        private static readonly TimeSpan SpoolWarningInterval = TimeSpan.FromMinutes(10);
        private static readonly ConcurrentDictionary<string, DateTime> SpoolWarnedAt = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);

        /// <summary>One warning when entries go to the spool instead of the root (per root and session, every 10 minutes at most), and one when the spool could not be moved after a stored write.</summary>
        private AuditWriter WarnWhenSpooled(AuditWriter log, string root)
        {
            log.Spooled += r =>
            {
                // A script of several cmdlets against an offline root hears it once, not once per cmdlet: one warning per
                // root per console session every 10 minutes while it stays offline.
                string key = RunspaceId + "|" + root;
                DateTime now = DateTime.UtcNow;
                if (SpoolWarnedAt.TryGetValue(key, out DateTime last) && now - last < SpoolWarningInterval) return;
                SpoolWarnedAt[key] = now;
                // Keys of runspaces long gone would otherwise stay forever: a warning time older than the interval decides nothing.
                foreach (var old in SpoolWarnedAt) if (now - old.Value >= SpoolWarningInterval) SpoolWarnedAt.TryRemove(old.Key, out _);
                WriteWarning(
                    $"The audit log '{root}' cannot be written now ({r.Reason}). Entries are kept in the local spool " +
                    $"'{System.IO.Path.GetDirectoryName(r.File)}' and move to the log on the next successful write or with Sync-RepricingAuditLog.");
            };
            log.DrainFailed += r => WriteWarning(
                $"The audit entry was written to '{r.File}', but entries waiting in the local spool could not be moved to the log yet " +
                $"({r.DrainProblem}). They stay spooled and move on the next write or with Sync-RepricingAuditLog.");
            return log;
        }

        /// <summary>
        /// Reports a core failure: an unusable parameter combination or configuration stops the command (a terminating
        /// error); a failure of the work itself (a missing or bad input, an output in the way) is a non-terminating error
        /// that -ErrorAction governs, as with Import-Csv. The catalogue entry decides which.
        /// </summary>
        protected void WriteFailure(RepricingException ex)
        {
            if (ex.Failure.Terminating) ThrowTerminatingError(Errors.From(ex));
            else WriteError(Errors.From(ex));
        }

        /// <summary>Writes END for an implicit session.</summary>
        protected static void EndImplicitSession(AuditWriter log, string script, bool implicitSession)
        {
            if (implicitSession) log.End(script);
        }

        /// <summary>This runspace, which keys the current session.</summary>
        protected static Runspace? CurrentRunspace => Runspace.DefaultRunspace;

        /// <summary>The id of this runspace.</summary>
        private static Guid RunspaceId => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        /// <summary>Writes an object with a RepricingPS type name, so its default view applies.</summary>
        protected void WriteTyped(object value, string typeName)
        {
            var pso = PSObject.AsPSObject(value);
            pso.TypeNames.Insert(0, typeName);
            WriteObject(pso);
        }
    }
}
