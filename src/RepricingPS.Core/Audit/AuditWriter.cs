using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace RepricingPS.Core.Audit
{
    /// <summary>Who writes: the OS account and machine, never an environment variable anyone can set.</summary>
    public sealed class AuditIdentity
    {
        internal AuditIdentity(string user, string computer, string psVersion, string os)
        {
            User = user;
            Computer = computer;
            PSVersion = psVersion;
            OS = os;
        }

        /// <summary>The current process's identity.</summary>
        /// <param name="psVersion">The PowerShell version of the host, such as 7.6.9.</param>
        public static AuditIdentity Current(string psVersion) =>
            new AuditIdentity(UserName(), Environment.MachineName, psVersion, RuntimeInformation.OSDescription.Trim());

        /// <summary>The OS account; on Unix, a uid without a passwd entry (a container, an LDAP outage) is its number.</summary>
        internal static string UserName()
        {
            string name = Environment.UserName;
            if (!string.IsNullOrEmpty(name)) return name;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return "unknown";
            return geteuid().ToString(CultureInfo.InvariantCulture);
        }

        [DllImport("libc", SetLastError = false)]
        private static extern uint geteuid();

        /// <summary>The OS account.</summary>
        public string User { get; }
        /// <summary>The machine.</summary>
        public string Computer { get; }
        /// <summary>The PowerShell version.</summary>
        public string PSVersion { get; }
        /// <summary>The operating system.</summary>
        public string OS { get; }
    }

    /// <summary>
    /// The one core audit writer every cmdlet goes through: fills in who, when, the session and a new EntryId,
    /// composes the legacy-shaped message when none is given, and appends through the store (<see cref="IAuditStore"/>).
    /// </summary>
    public sealed class AuditWriter
    {
        private readonly IAuditStore _store;
        private readonly AuditIdentity _identity;
        private readonly Func<DateTimeOffset> _clock;

        /// <summary>Creates the writer.</summary>
        public AuditWriter(IAuditStore store, AuditIdentity identity, string sessionId, Func<DateTimeOffset>? clock = null)
        {
            _store = store;
            _identity = identity;
            SessionId = sessionId;
            _clock = clock ?? (() => DateTimeOffset.Now);
        }

        /// <summary>The session every entry of this writer belongs to.</summary>
        public string SessionId { get; }

        /// <summary>The store behind this writer.</summary>
        public IAuditStore Store => _store;

        /// <summary>The identity this writer stamps on entries.</summary>
        public AuditIdentity Identity => _identity;

        /// <summary>Raised once per writer, the first time an entry is spooled instead of reaching the root.</summary>
        public event Action<AppendResult>? Spooled;

        /// <summary>Raised once per writer, the first time spooled entries could not be moved after a stored append.</summary>
        public event Action<AppendResult>? DrainFailed;

        private bool _warned;
        private bool _warnedDrain;

        /// <summary>The field cap of spec §2: no stored text field holds more characters than this.</summary>
        public const int FieldCap = 1_048_576;

        /// <summary>A new session id.</summary>
        public static string NewSessionId() => Guid.NewGuid().ToString("N");

        /// <summary>Writes an entry. Timestamp, User, Computer, SessionId, EntryId, PSVersion, OS are filled in here.</summary>
        /// <param name="entry">Script, Status and what is known of Message, Action, File, ErrorType, Error, Details.</param>
        /// <param name="operation">For FILE_ACCESS: IMPORTED, LOADING or CREATED (goes into the composed message).</param>
        public AppendResult Write(AuditEntry entry, string operation = "")
        {
            DateTimeOffset now = _clock();
            // Millisecond precision, as the store keeps it.
            entry.Timestamp = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, now.Offset);
            entry.User = _identity.User;
            entry.Computer = _identity.Computer;
            entry.PSVersion = _identity.PSVersion;
            entry.OS = _identity.OS;
            entry.SessionId = SessionId;
            entry.EntryId = Guid.NewGuid().ToString("N");
            if (string.IsNullOrEmpty(entry.Status)) entry.Status = AuditStatus.Info;
            // Cap the fields before the message is composed from them, so a huge value is never multiplied.
            CapFields(entry);
            if (string.IsNullOrEmpty(entry.Message)) entry.Message = Cap(LegacyMessage.Compose(entry, Cap(operation)));
            AppendResult result = _store.Append(entry);
            if (result.Spooled && !_warned)
            {
                _warned = true;
                Spooled?.Invoke(result);
            }
            if (result.DrainProblem != null && !_warnedDrain)
            {
                _warnedDrain = true;
                DrainFailed?.Invoke(result);
            }
            return result;
        }

        /// <summary>Applies <see cref="Cap"/> to every text field of an entry.</summary>
        internal static void CapFields(AuditEntry e)
        {
            e.User = Cap(e.User);
            e.Computer = Cap(e.Computer);
            e.Script = Cap(e.Script);
            e.Status = Cap(e.Status);
            e.Message = Cap(e.Message);
            e.Action = Cap(e.Action);
            e.File = Cap(e.File);
            e.ErrorType = Cap(e.ErrorType);
            e.Error = Cap(e.Error);
            e.Details = Cap(e.Details);
            e.SessionId = Cap(e.SessionId);
            e.PSVersion = Cap(e.PSVersion);
            e.OS = Cap(e.OS);
        }

        /// <summary>
        /// Spec §2: a stored field holds at most <see cref="FieldCap"/> characters. A longer value keeps as much as fits with
        /// the note "... [truncated: n characters]" (n = the characters cut off) so that the whole is exactly the cap (one
        /// fewer rather than split a surrogate pair).
        /// </summary>
        internal static string Cap(string? value)
        {
            if (value == null) return "";
            if (value.Length <= FieldCap) return value;
            const string head = "... [truncated: ", tail = " characters]";
            int keep = 0;
            string cut = "";
            for (int digits = 1; digits <= 10; digits++)
            {
                keep = FieldCap - head.Length - digits - tail.Length;
                cut = (value.Length - keep).ToString(CultureInfo.InvariantCulture);
                if (cut.Length == digits) break;
            }
            if (char.IsHighSurrogate(value[keep - 1]))
            {
                keep--;
                cut = (value.Length - keep).ToString(CultureInfo.InvariantCulture);
            }
            return value.Substring(0, keep) + head + cut + tail;
        }

        /// <summary>Writes START with the session-started message.</summary>
        public AppendResult Start(string script) => Write(new AuditEntry { Script = script, Status = AuditStatus.Start });

        /// <summary>Writes END.</summary>
        public AppendResult End(string script) => Write(new AuditEntry { Script = script, Status = AuditStatus.End });

        /// <summary>Writes the categorised error of a RepricingException, with system context for SYSTEM_ERROR.</summary>
        public AppendResult WriteError(string script, string action, Exception ex, string stage)
        {
            var entry = new AuditEntry { Script = script, Action = action, Error = ex.Message };
            if (ex is RepricingException rex)
            {
                entry.Status = rex.Category;
                entry.ErrorType = rex.ErrorType;
                entry.File = rex.Target as string ?? "";
            }
            else
            {
                entry.Status = ErrorCategories.System;
                entry.ErrorType = ex.GetType().Name;
            }
            entry.Details = ex.ToString();
            SystemContext.AddTo(entry, stage);
            return Write(entry);
        }
    }

    /// <summary>The system facts support asks for with a SYSTEM_ERROR: memory in use, memory available, the failing stage.</summary>
    public static class SystemContext
    {
        /// <summary>One line: process memory, machine memory available, stage.</summary>
        public static string Describe(string stage)
        {
            long working;
            using (var p = Process.GetCurrentProcess()) working = p.WorkingSet64;
            long? available = AvailableMemoryBytes();
            return string.Format(CultureInfo.InvariantCulture,
                "Stage: {0} | Process memory: {1:N0} MB | Machine memory available: {2} | Processors: {3}",
                string.IsNullOrEmpty(stage) ? "unknown" : stage, working / (1024 * 1024),
                available.HasValue ? (available.Value / (1024 * 1024)).ToString("N0", CultureInfo.InvariantCulture) + " MB" : "unknown",
                Environment.ProcessorCount);
        }

        /// <summary>
        /// The rule for every SYSTEM_ERROR entry: its Details begin with the system context of <paramref name="stage"/>, then
        /// whatever details it had. Entries of any other status stay as they are.
        /// </summary>
        public static void AddTo(AuditEntry entry, string stage)
        {
            if (entry.Status != ErrorCategories.System) return;
            entry.Details = Describe(stage) + (entry.Details.Length > 0 ? Environment.NewLine + entry.Details : "");
        }

        /// <summary>The machine's available physical memory, or null where it cannot be read.</summary>
        public static long? AvailableMemoryBytes()
        {
            try
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    var status = new MemoryStatusEx { Length = (uint)Marshal.SizeOf<MemoryStatusEx>() };
                    return GlobalMemoryStatusEx(ref status) ? (long)status.AvailPhys : (long?)null;
                }
                if (File.Exists("/proc/meminfo"))
                {
                    foreach (string line in File.ReadLines("/proc/meminfo"))
                    {
                        if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                        {
                            string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                            return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is FormatException || ex is EntryPointNotFoundException)
            {
                return null;
            }
            return null;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct MemoryStatusEx
        {
            public uint Length;
            public uint MemoryLoad;
            public ulong TotalPhys;
            public ulong AvailPhys;
            public ulong TotalPageFile;
            public ulong AvailPageFile;
            public ulong TotalVirtual;
            public ulong AvailVirtual;
            public ulong AvailExtendedVirtual;
        }

        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool GlobalMemoryStatusEx(ref MemoryStatusEx buffer);
    }
}
