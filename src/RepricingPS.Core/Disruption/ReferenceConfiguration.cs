using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RepricingPS.Core.Audit;

namespace RepricingPS.Core.Disruption
{
    /// <summary>Reads and saves <see cref="ReferenceConfiguration"/> in the module's per-user folder, beside the audit setting.</summary>
    public sealed class ReferenceSettings
    {
        private readonly AuditEnvironment _env;

        /// <summary>Creates the settings over an environment.</summary>
        public ReferenceSettings(AuditEnvironment env) => _env = env;

        private static readonly ReferenceTable[] All =
            { ReferenceTable.MediSpan, ReferenceTable.Universal, ReferenceTable.Exclusive, ReferenceTable.OpenMdf, ReferenceTable.Network };

        /// <summary>The per-user file: one Name=path line per table.</summary>
        public string File => Path.Combine(_env.ModuleFolder, "references.txt");

        /// <summary>The saved paths (blank where none is saved).</summary>
        public ReferenceConfiguration Read()
        {
            var c = new ReferenceConfiguration { SettingsFile = File };
            if (!System.IO.File.Exists(File)) return c;
            foreach (string line in System.IO.File.ReadAllLines(File, Encoding.UTF8))
            {
                int eq = line.IndexOf('=');
                if (eq > 0 && Enum.TryParse(line.Substring(0, eq).Trim(), ignoreCase: false, out ReferenceTable t)) c.Set(t, line.Substring(eq + 1).Trim());
            }
            return c;
        }

        /// <summary>Saves the paths as given (unexpanded, so %OneDrive% keeps working on every machine).</summary>
        public void Save(ReferenceConfiguration c)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(File)!);
            var lines = All.Where(t => c.Get(t).Length > 0).Select(t => t + "=" + c.Get(t));
            string tmp = File + ".tmp";
            System.IO.File.WriteAllLines(tmp, lines, new UTF8Encoding(false));
            if (System.IO.File.Exists(File)) System.IO.File.Delete(File);
            System.IO.File.Move(tmp, File);
        }

        /// <summary>
        /// The path of a table for this run: the parameter when given, else the saved one expanded (%VAR%, $env:VAR, ~);
        /// null when neither.
        /// </summary>
        public string? Resolve(ReferenceTable t, string? parameter)
        {
            if (!string.IsNullOrWhiteSpace(parameter)) return parameter;
            string saved = Read().Get(t);
            if (saved.Length == 0) return null;
            return new AuditPaths(_env).Expand(saved, File, $"The saved {ReferenceInfo.DisplayName(t)} path",
                $"save it again with Set-RepricingReferenceConfiguration -{t}, or give -{t}", Failures.ReferencePathInvalid, Failures.ReferencePathInvalid);
        }

        /// <summary>Every table the kind needs, from the parameters or the saved paths; one missing is a USER_ERROR naming its parameter.</summary>
        internal Dictionary<ReferenceTable, string> ResolveAll(DisruptionKind kind, IReadOnlyDictionary<ReferenceTable, string?> given)
        {
            var paths = new Dictionary<ReferenceTable, string>();
            var missing = new List<ReferenceTable>();
            foreach (ReferenceTable t in ReferenceInfo.Needed(kind))
            {
                given.TryGetValue(t, out string? p);
                string? path = Resolve(t, p);
                if (path == null) missing.Add(t);
                else paths[t] = path;
            }
            if (missing.Count > 0)
            {
                throw Failures.MissingReference.With(
                    $"The {kind} analysis needs the {string.Join(", ", missing.Select(ReferenceInfo.DisplayName))} table(s): give {string.Join(", ", missing.Select(m => "-" + m))} " +
                    "or save the path once with Set-RepricingReferenceConfiguration.", string.Join(",", missing));
            }
            return paths;
        }
    }
}
