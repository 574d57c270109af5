using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace RepricingPS.Core.Tests
{
    /// <summary>The shipped assemblies build with warnings as errors (issue 9): a new warning in src/ fails the build.</summary>
    public sealed class BuildTests
    {
        [Fact]
        public void ShippedSource_NewCompilerWarning_FailsTheBuild()
        {
            string repo = RepoRoot();
            string copy = Path.Combine(Path.GetTempPath(), "rps-build-" + Path.GetRandomFileName());
            try
            {
                // The build settings every src project inherits, and the smallest src project (compile-time packages only,
                // already in the machine's package folder, so the copy restores offline in seconds), plus one file with a
                // warning no rule set suppresses: CS0168.
                foreach (string f in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "global.json" })
                {
                    File.Copy(Path.Combine(repo, f), Path.Combine(Directory.CreateDirectory(copy).FullName, f));
                }
                string types = Directory.CreateDirectory(Path.Combine(copy, "src", "RepricingPS.Types")).FullName;
                foreach (string f in Directory.GetFiles(Path.Combine(repo, "src", "RepricingPS.Types")))
                {
                    File.Copy(f, Path.Combine(types, Path.GetFileName(f)));
                }
                File.WriteAllText(Path.Combine(types, "Injected.cs"),
                    "namespace RepricingPS\n{\n    internal static class Injected\n    {\n        internal static void Run()\n        {\n            int unused;\n        }\n    }\n}\n");

                var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = copy };
                foreach (string a in new[] { "build", Path.Combine(types, "RepricingPS.Types.csproj"), "-c", "Release", "--nologo" }) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                var stderr = p.StandardError.ReadToEndAsync();
                string output = p.StandardOutput.ReadToEnd() + stderr.Result;
                p.WaitForExit();

                Assert.NotEqual(0, p.ExitCode);
                Assert.Contains("Injected.cs(7,17): error CS0168", output);
            }
            finally
            {
                if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
            }
        }

        [Fact]
        public void BuildScript_PublishesWithoutLoweringWarnings()
        {
            // Build.ps1's publish is the only build of what ships; it must not turn warnings (or their errors) off.
            string publish = File.ReadAllLines(Path.Combine(RepoRoot(), "Build.ps1")).Single(l => l.TrimStart().StartsWith("dotnet publish", System.StringComparison.Ordinal));
            foreach (string lowering in new[] { "WarningLevel", "TreatWarningsAsErrors", "warnaserror", "NoWarn", "RunAnalyzers", "EnforceCodeStyleInBuild", "AnalysisLevel" })
            {
                Assert.DoesNotContain(lowering, publish, System.StringComparison.OrdinalIgnoreCase);
            }
        }

        [Fact]
        public void Readme_LayoutSection_NamesEveryTopLevelEntryAndProject()
        {
            // The README's layout section matches the tree (issue 9): every top-level entry git tracks, and every project
            // folder under src/ and tests/, is named there.
            string repo = RepoRoot();
            string readme = File.ReadAllText(Path.Combine(repo, "README.md"));
            int start = readme.IndexOf("\n## Layout\n", System.StringComparison.Ordinal);
            Assert.True(start >= 0, "README.md has no '## Layout' section.");
            int end = readme.IndexOf("\n## ", start + 1, System.StringComparison.Ordinal);
            string layout = end < 0 ? readme.Substring(start) : readme.Substring(start, end - start);

            var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, WorkingDirectory = repo };
            foreach (string a in new[] { "ls-files" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            string[] files = p.StandardOutput.ReadToEnd().Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);

            var names = files.Select(f => f.Split('/')).Select(parts =>
                parts.Length > 2 && (parts[0] == "src" || parts[0] == "tests") ? parts[0] + "/" + parts[1] : parts[0]);
            foreach (string name in names.Distinct().Where(n => n != "README.md" && n != ".gitignore"))
            {
                Assert.True(layout.Contains(name, System.StringComparison.Ordinal), $"README's layout section does not name '{name}'.");
            }
        }

        private static string RepoRoot()
        {
            var dir = new DirectoryInfo(System.AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RepricingPS.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException("RepricingPS.sln not found above " + System.AppContext.BaseDirectory);
        }
    }
}
