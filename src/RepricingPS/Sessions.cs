using System;
using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using RepricingPS.Core.Audit;

namespace RepricingPS
{
    /// <summary>
    /// The current session of each runspace (Start-RepricingSession / Stop-RepricingSession). A runspace's entry goes when
    /// the runspace closes, so a host that opens many runspaces (a thread job, a web host, a runspace pool) does not
    /// keep the sessions of every runspace it ever had.
    /// </summary>
    internal static class Sessions
    {
        private sealed class State
        {
            public string Id = AuditWriter.NewSessionId();
            public bool Started;
            public string Script = "";
        }

        private static readonly ConcurrentDictionary<Guid, State> Current = new ConcurrentDictionary<Guid, State>();
        // The runspaces whose StateChanged is subscribed (their ids only: the table must not keep a runspace alive).
        private static readonly ConcurrentDictionary<Guid, bool> Watched = new ConcurrentDictionary<Guid, bool>();

        /// <summary>How many runspaces have an entry (for the test that closed runspaces leave none behind).</summary>
        internal static int Count => Current.Count;

        /// <summary>The started session, or an implicit id that ties together the entries written outside one.</summary>
        internal static string CurrentOrImplicit(Runspace? runspace) => Current.GetOrAdd(Key(runspace), _ => new State()).Id;

        internal static bool IsStarted(Runspace? runspace) => Current.TryGetValue(Key(runspace), out var s) && s.Started;

        internal static string Begin(Runspace? runspace, string script)
        {
            var s = new State { Started = true, Script = script };
            Current[Key(runspace)] = s;
            return s.Id;
        }

        internal static string? End(Runspace? runspace, out string script)
        {
            script = "";
            if (!Current.TryRemove(Key(runspace), out var s) || !s.Started) return null;
            script = s.Script;
            return s.Id;
        }

        /// <summary>The runspace's id; the first time, its entry is tied to its life (removed when it closes or breaks).</summary>
        private static Guid Key(Runspace? runspace)
        {
            if (runspace == null) return Guid.Empty;
            if (Watched.TryAdd(runspace.InstanceId, true)) runspace.StateChanged += OnStateChanged;
            return runspace.InstanceId;
        }

        private static void OnStateChanged(object? sender, RunspaceStateEventArgs e)
        {
            RunspaceState state = e.RunspaceStateInfo.State;
            if (!(sender is Runspace runspace) || (state != RunspaceState.Closed && state != RunspaceState.Broken)) return;
            runspace.StateChanged -= OnStateChanged;
            Watched.TryRemove(runspace.InstanceId, out _);
            Current.TryRemove(runspace.InstanceId, out _);
        }
    }
}
