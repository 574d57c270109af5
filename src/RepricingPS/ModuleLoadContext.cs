#if NET
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace RepricingPS
{
    /// <summary>
    /// PowerShell 7: the module's own load context. RepricingPS.Core and every third-party library it uses (EPPlus,
    /// CsvHelper, Npgsql, ...) load here from bin/Core/Dependencies, a folder PowerShell does not probe, so another module
    /// that loaded a different CsvHelper (or is loaded after this one) keeps its own copy and neither breaks the other.
    /// The cmdlets and RepricingPS.Types (what crosses into PowerShell) stay in the default context: anything this context
    /// does not find in its folder (the types assembly, the framework) falls back to the default context, so both sides
    /// see the same RepricingPS.AuditEntry. This is the pattern of PowerShell's "Resolving PowerShell module assembly
    /// dependency conflicts" document.
    /// </summary>
    internal sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;

        private ModuleLoadContext(string folder) : base("RepricingPS", isCollectible: false) => _folder = folder;

        /// <summary>The one context of this module in this process.</summary>
        internal static ModuleLoadContext Instance { get; } = new ModuleLoadContext(
            Path.Combine(Path.GetDirectoryName(typeof(ModuleLoadContext).Assembly.Location) ?? "", "Dependencies"));

        /// <summary>The assembly the cmdlets ask the default context for and this context hands out.</summary>
        internal const string CoreAssemblyName = "RepricingPS.Core";

        /// <inheritdoc/>
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }

        /// <summary>
        /// The default context's resolving handler: when the cmdlets need RepricingPS.Core, it is loaded into this context
        /// and handed out. Nothing else is resolved here, so no dependency leaks into the default context. It loads by path,
        /// never by name: a name this context cannot find falls back to the default context, whose resolving would come
        /// back here without end (a stack overflow when Dependencies/RepricingPS.Core.dll is missing).
        /// </summary>
        internal static Assembly? ResolveCore(AssemblyLoadContext defaultContext, AssemblyName assemblyName)
        {
            if (assemblyName.Name != CoreAssemblyName) return null;
            string path = Path.Combine(Instance._folder, CoreAssemblyName + ".dll");
            return File.Exists(path) ? Instance.LoadFromAssemblyPath(path) : null;
        }
    }
}
#endif
