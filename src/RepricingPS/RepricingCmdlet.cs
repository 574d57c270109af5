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

        /// <summary>A run's stages as Write-Progress on <paramref name="progress"/> (stage, message, percent) and -Verbose lines, on the pipeline thread.</summary>
        protected IProgress<RepricingProgress> StageProgress(ProgressRecord progress) => new Commands.DirectProgress<RepricingProgress>(p =>
        {
            progress.CurrentOperation = p.Stage;
            progress.StatusDescription = p.Message;
            progress.PercentComplete = p.Percent;
            WriteProgress(progress);
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
        protected AuditLog CreateAuditLog(AuditLocation location) => CreateAuditLog(OpenAudit(location), Sessions.CurrentOrImplicit(RunspaceId));

        /// <summary>The audit writer of one session, through the service; warns once when entries go to the spool.</summary>
        protected AuditLog CreateAuditLog(AuditService audit, string sessionId) =>
            WarnWhenSpooled(audit.Writer(AuditIdentity.Current(HostPSVersion), sessionId), audit.Root);

        /// <summary>
        /// The audit writer for work cmdlets (import, repricing): inside a started session it joins it; otherwise it starts
        /// an implicit session of its own (START now, END from <see cref="EndImplicitSession"/>).
        /// </summary>
        protected AuditLog CreateWorkAuditLog(AuditLocation location, string script, out bool implicitSession)
        {
            implicitSession = !Sessions.IsStarted(RunspaceId);
            if (!implicitSession) return CreateAuditLog(location);
            var log = CreateAuditLog(OpenAudit(location), AuditLog.NewSessionId());
            log.Start(script);
            return log;
        }

        private static readonly ConcurrentDictionary<string, DateTime> SpoolWarnedAt = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);

        /// <summary>One warning when entries go to the spool instead of the root (per root and session, every 10 minutes at most), and one when the spool could not be moved after a stored write.</summary>
        private AuditLog WarnWhenSpooled(AuditLog log, string root)
        {
            log.Spooled += r =>
            {
                // A script of several cmdlets against an offline root hears it once, not once per cmdlet: one warning per
                // root per console session every 10 minutes while it stays offline.
                string key = RunspaceId + "|" + root;
                DateTime now = DateTime.UtcNow;
                if (SpoolWarnedAt.TryGetValue(key, out DateTime last) && now - last < TimeSpan.FromMinutes(10)) return;
                SpoolWarnedAt[key] = now;
                WriteWarning(
                    $"The audit log '{root}' cannot be written now ({r.Reason}). Entries are kept in the local spool " +
                    $"'{System.IO.Path.GetDirectoryName(r.File)}' and move to the log on the next successful write or with Sync-RepricingAuditLog.");
            };
            log.DrainFailed += r => WriteWarning(
                $"The audit entry was written to '{r.File}', but entries waiting in the local spool could not be moved to the log yet " +
                $"({r.DrainProblem}). They stay spooled and move on the next write or with Sync-RepricingAuditLog.");
            return log;
        }

        /// <summary>Writes END for an implicit session.</summary>
        protected static void EndImplicitSession(AuditLog log, string script, bool implicitSession)
        {
            if (implicitSession) log.End(script);
        }

        /// <summary>The id of this runspace, which keys the current session.</summary>
        protected static Guid RunspaceId => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        /// <summary>Writes an object with a RepricingPS type name, so its default view applies.</summary>
        protected void WriteTyped(object value, string typeName)
        {
            var pso = PSObject.AsPSObject(value);
            pso.TypeNames.Insert(0, typeName);
            WriteObject(pso);
        }
    }

    /// <summary>The current session of each runspace (Start-RepricingSession / Stop-RepricingSession).</summary>
    internal static class Sessions
    {
        private sealed class State
        {
            public string Id = AuditLog.NewSessionId();
            public bool Started;
            public string Script = "";
        }

        private static readonly ConcurrentDictionary<Guid, State> Current = new ConcurrentDictionary<Guid, State>();

        /// <summary>The started session, or an implicit id that ties together the entries written outside one.</summary>
        internal static string CurrentOrImplicit(Guid runspace) => Current.GetOrAdd(runspace, _ => new State()).Id;

        internal static bool IsStarted(Guid runspace) => Current.TryGetValue(runspace, out var s) && s.Started;

        internal static string Begin(Guid runspace, string script)
        {
            var s = new State { Started = true, Script = script };
            Current[runspace] = s;
            return s.Id;
        }

        internal static string? End(Guid runspace, out string script)
        {
            script = "";
            if (!Current.TryRemove(runspace, out var s) || !s.Started) return null;
            script = s.Script;
            return s.Id;
        }
    }

    /// <summary>The one place core exceptions become ErrorRecords.</summary>
    internal static class Errors
    {
        internal static ErrorRecord From(RepricingException ex)
        {
            ErrorCategory category = ex.Category switch
            {
                ErrorCategories.User => ex.ErrorType == "USER_NOT_FOUND" ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument,
                ErrorCategories.Data => ErrorCategory.InvalidData,
                ErrorCategories.Config => ErrorCategory.InvalidArgument,
                ErrorCategories.File => ex.ErrorType.StartsWith("OUTPUT", StringComparison.Ordinal) ? ErrorCategory.WriteError
                    : ex.ErrorType.IndexOf("NOT_FOUND", StringComparison.Ordinal) >= 0 ? ErrorCategory.ObjectNotFound
                    : ex.ErrorType.IndexOf("ACCESS", StringComparison.Ordinal) >= 0 ? ErrorCategory.PermissionDenied
                    : ex.ErrorType.IndexOf("LOCKED", StringComparison.Ordinal) >= 0 ? ErrorCategory.ResourceBusy
                    : ErrorCategory.ReadError,
                _ => ErrorCategory.NotSpecified,
            };
            var record = new ErrorRecord(ex, ex.ErrorId, category, ex.Target);
            record.CategoryInfo.Reason = ex.Category;
            return record;
        }

        internal static ErrorRecord InvalidArgument(string id, string message, object? target) =>
            From(new RepricingException(ErrorCategories.User, "INVALID_PARAMETER", id, message, target));
    }
}
