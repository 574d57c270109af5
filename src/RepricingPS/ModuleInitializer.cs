using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace RepricingPS
{
    /// <summary>
    /// On PowerShell 7 (net8.0) RepricingPS.Core and its libraries load into the module's own load context
    /// (<c>ModuleLoadContext</c>): importing the module registers the default context's handler that hands out
    /// RepricingPS.Core from there. On Windows PowerShell 5.1 (.NET Framework) there are no binding redirects for a module's dependencies, so a
    /// dependency built against another version of, say, System.Memory fails to load. When the module is imported this
    /// resolves such requests to the copy shipped beside the module's own assembly, as PowerShell's own C# modules do.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string Folder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "";

        private static bool IsNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        /// <inheritdoc/>
        public void OnImport()
        {
#if NET
            System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += ModuleLoadContext.ResolveCore;
#endif
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        /// <inheritdoc/>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
#if NET
            System.Runtime.Loader.AssemblyLoadContext.Default.Resolving -= ModuleLoadContext.ResolveCore;
#endif
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            string candidate = Path.Combine(Folder, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
