using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace RepricingPS.Core.Audit
{
    /// <summary>Where the log root setting came from (spec §7 resolution order).</summary>
    public enum AuditPathSource
    {
        /// <summary>The cmdlet's -LogPath.</summary>
        Parameter,
        /// <summary>The REPRICING_AUDIT_PATH environment variable.</summary>
        Environment,
        /// <summary>The per-user setting saved by Set-RepricingAuditConfiguration.</summary>
        Configuration,
        /// <summary>The per-user local default.</summary>
        Default,
    }

    /// <summary>A resolved log root, where it came from, and the spool for it.</summary>
    public sealed class AuditLocation
    {
        internal AuditLocation(string root, AuditPathSource source, string configured, string spoolRoot, string? indexRoot = null)
        {
            Root = root;
            Source = source;
            Configured = configured;
            SpoolRoot = spoolRoot;
            IndexRoot = indexRoot;
        }

        /// <summary>The log root folder, expanded and full.</summary>
        public string Root { get; }
        /// <summary>Where the setting came from.</summary>
        public AuditPathSource Source { get; }
        /// <summary>The value as configured, before expansion.</summary>
        public string Configured { get; }
        /// <summary>The local spool folder (all roots).</summary>
        public string SpoolRoot { get; }
        /// <summary>The local folder of legacy-file indexes (issue 15), or null for none (every legacy file is read in full).</summary>
        public string? IndexRoot { get; }
        /// <summary>True when the root names a PostgreSQL database (a postgresql:// URI or a Host=... connection string).</summary>
        public bool IsDatabase => Postgres.PostgresTarget.IsConnection(Root);
        /// <summary>The default root is ours to create; a configured root that is missing is an error.</summary>
        public bool CreateIfMissing => Source == AuditPathSource.Default;
    }

    /// <summary>The process environment, injectable so tests never touch the real per-user folders.</summary>
    public sealed class AuditEnvironment
    {
        private readonly Func<string, string?> _getVariable;

        /// <summary>Creates an environment over a variable lookup.</summary>
        public AuditEnvironment(Func<string, string?> getVariable, bool isWindows)
        {
            _getVariable = getVariable;
            IsWindows = isWindows;
        }

        /// <summary>The real process environment.</summary>
        public static AuditEnvironment Current { get; } =
            new AuditEnvironment(System.Environment.GetEnvironmentVariable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows));

        /// <summary>True on Windows.</summary>
        public bool IsWindows { get; }

        /// <summary>Reads a variable; empty counts as unset.</summary>
        public string? Get(string name)
        {
            string? v = _getVariable(name);
            return string.IsNullOrEmpty(v) ? null : v;
        }

        /// <summary>%LOCALAPPDATA% on Windows; $XDG_DATA_HOME or ~/.local/share elsewhere.</summary>
        public string LocalDataFolder
        {
            get
            {
                if (IsWindows)
                {
                    return Get("LOCALAPPDATA") ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData);
                }
                string? xdg = Get("XDG_DATA_HOME");
                if (xdg != null) return xdg;
                string home = Get("HOME") ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
                return Path.Combine(home, ".local", "share");
            }
        }

        /// <summary>The module's own per-user folder.</summary>
        public string ModuleFolder => Path.Combine(LocalDataFolder, "RepricingPS");
    }

    /// <summary>Resolves the log root and the spool, expands variables, and keeps the per-user setting.</summary>
    public sealed class AuditPaths
    {
        /// <summary>Environment variable that overrides the saved setting.</summary>
        public const string RootVariable = "REPRICING_AUDIT_PATH";
        /// <summary>Environment variable that overrides the spool folder.</summary>
        public const string SpoolVariable = "REPRICING_SPOOL_PATH";
        private const string ConfigKey = "AuditLogPath";

        private static readonly Regex Variable = new Regex(@"%(?<a>[A-Za-z_][A-Za-z0-9_()]*)%|\$\{env:(?<b>[A-Za-z_][A-Za-z0-9_]*)\}|\$env:(?<c>[A-Za-z_][A-Za-z0-9_]*)",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private readonly AuditEnvironment _env;

        /// <summary>Creates the resolver over an environment.</summary>
        public AuditPaths(AuditEnvironment env) => _env = env;

        /// <summary>The per-user settings file.</summary>
        public string ConfigFile => Path.Combine(_env.ModuleFolder, "settings.txt");

        /// <summary>The default root.</summary>
        public string DefaultRoot => Path.Combine(_env.ModuleFolder, "AuditLog");

        /// <summary>The spool folder: REPRICING_SPOOL_PATH or the per-user default.</summary>
        public string SpoolRoot => Expand(_env.Get(SpoolVariable) ?? Path.Combine(_env.ModuleFolder, "Spool"), SpoolVariable,
            "The spool path", $"set {SpoolVariable} to a full path", Failures.AuditPathVariableNotSet, Failures.AuditPathInvalid);

        /// <summary>
        /// The check before a folder root is saved (Set-RepricingAuditConfiguration): a file is never a root, and a folder
        /// that does not exist (yet) is saved only with <paramref name="force"/>. Throws a CONFIG_ERROR that says what to do.
        /// </summary>
        /// <param name="expanded">The root with its variables expanded, a file-system path.</param>
        /// <param name="given">The root as given (saved unexpanded), the target of the error.</param>
        /// <param name="force">Save even when the folder does not exist.</param>
        public static void CheckFolder(string expanded, string given, bool force)
        {
            if (File.Exists(expanded))
            {
                throw Failures.AuditPathIsFile.With($"'{expanded}' is a file. Give the folder that should hold the audit log.", given);
            }
            if (!Directory.Exists(expanded) && !force)
            {
                throw Failures.AuditPathNotFound.With($"The folder '{expanded}' does not exist. Create it (or wait for OneDrive to sync it), or use -Force to save the setting anyway.", given);
            }
        }

        /// <summary>
        /// The per-user folder of legacy-file indexes: local (never the shared log folder, which others read and sync),
        /// beside the spool and the settings.
        /// </summary>
        public string IndexRoot => Path.Combine(_env.ModuleFolder, "LegacyIndex");

        /// <summary>Resolves the root: -LogPath, then REPRICING_AUDIT_PATH, then the saved setting, then the default.</summary>
        /// <param name="parameter">The cmdlet's -LogPath, already a file-system path, or null.</param>
        public AuditLocation Resolve(string? parameter)
        {
            if (!string.IsNullOrWhiteSpace(parameter))
            {
                return Make(parameter!, AuditPathSource.Parameter, "-LogPath");
            }
            string? fromEnv = _env.Get(RootVariable);
            if (fromEnv != null) return Make(fromEnv, AuditPathSource.Environment, RootVariable);
            string? saved = ReadSaved();
            if (saved != null) return Make(saved, AuditPathSource.Configuration, ConfigFile);
            return new AuditLocation(DefaultRoot, AuditPathSource.Default, DefaultRoot, SpoolRoot, IndexRoot);
        }

        private AuditLocation Make(string configured, AuditPathSource source, string origin) =>
            new AuditLocation(Expand(configured, origin), source, configured, SpoolRoot, IndexRoot);

        /// <summary>
        /// Expands %NAME%, $env:NAME and ${env:NAME} on every platform, and a leading ~. An unset variable is a
        /// CONFIG_ERROR naming it (the legacy tools silently created a folder literally called %OneDrive%).
        /// </summary>
        public string Expand(string path, string origin) =>
            Expand(path, origin, "The audit log path", "save a full path with Set-RepricingAuditConfiguration -Path", Failures.AuditPathVariableNotSet, Failures.AuditPathInvalid);

        /// <summary>
        /// <see cref="Expand(string, string)"/> for any configured path: <paramref name="subject"/> names it in the error
        /// ("The saved Medi-Span path"), <paramref name="remedy"/> says what else to do besides setting the variable.
        /// </summary>
        public string Expand(string path, string origin, string subject, string remedy, Failure notSet, Failure invalid)
        {
            string expanded = Variable.Replace(path.Trim(), m =>
            {
                string name = m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Success ? m.Groups["b"].Value : m.Groups["c"].Value;
                string? value = _env.Get(name);
                if (value == null)
                {
                    throw notSet.With(
                        $"{subject} '{path}' (from {origin}) uses the environment variable '{name}', which is not set. Set {name}, or {remedy}.", path);
                }
                return value;
            });
            // A database connection is recognised before any path handling (it is not a folder; "Host=..." must not become $PWD/Host=...).
            if (Postgres.PostgresTarget.IsConnection(expanded)) return expanded.Trim();
            if (expanded == "~" || expanded.StartsWith("~/", StringComparison.Ordinal) || expanded.StartsWith("~\\", StringComparison.Ordinal))
            {
                string home = _env.Get(_env.IsWindows ? "USERPROFILE" : "HOME") ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
                expanded = home + expanded.Substring(1);
            }
            try
            {
                return Path.GetFullPath(expanded);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw invalid.With($"{subject} '{path}' (from {origin}) is not a valid path: {ex.Message}", path, ex);
            }
        }

        /// <summary>The saved per-user setting, or null.</summary>
        public string? ReadSaved()
        {
            string file = ConfigFile;
            if (!File.Exists(file)) return null;
            foreach (string line in File.ReadAllLines(file, Encoding.UTF8))
            {
                int eq = line.IndexOf('=');
                if (eq > 0 && line.Substring(0, eq).Trim() == ConfigKey)
                {
                    string v = line.Substring(eq + 1).Trim();
                    return v.Length == 0 ? null : v;
                }
            }
            return null;
        }

        /// <summary>Saves the per-user setting as given (unexpanded, so %OneDrive% keeps working on every machine).</summary>
        public void Save(string configured)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ConfigFile)!);
            string tmp = ConfigFile + ".tmp";
            File.WriteAllText(tmp, ConfigKey + "=" + configured + System.Environment.NewLine, new UTF8Encoding(false));
            if (File.Exists(ConfigFile)) File.Delete(ConfigFile);
            File.Move(tmp, ConfigFile);
        }
    }
}
