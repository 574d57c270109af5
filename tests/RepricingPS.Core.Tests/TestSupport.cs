using System;
using System.Collections.Generic;
using System.IO;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Tests
{
    /// <summary>A temporary folder on disk, removed after the test.</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rps-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    internal static class Fixtures
    {
        /// <summary>Starts tests/RepricingPS.TestHost as a real process and waits for its "started".</summary>
        public static System.Diagnostics.Process StartHost(params string[] args)
        {
            var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "RepricingPS.TestHost.dll"));
            foreach (string a in args) psi.ArgumentList.Add(a);
            var p = System.Diagnostics.Process.Start(psi)!;
            Xunit.Assert.Equal("started", p.StandardOutput.ReadLine());
            return p;
        }

        /// <summary>../shared beside the repository (CI lays a copy there too).</summary>
        public static string SharedDir
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null)
                {
                    string candidate = System.IO.Path.Combine(dir.FullName, "shared", "data", "legacy-audit");
                    if (Directory.Exists(candidate)) return System.IO.Path.Combine(dir.FullName, "shared");
                    dir = dir.Parent;
                }
                throw new DirectoryNotFoundException("shared/data/legacy-audit not found above " + AppContext.BaseDirectory);
            }
        }

        public static string LegacyRoot => System.IO.Path.Combine(SharedDir, "data", "legacy-audit");

        public static AuditLocation Location(string root, string? spool = null) =>
            TestAccess.Location(root, spool ?? System.IO.Path.Combine(root + "-spool"));

        public static AuditWriter Log(AuditLocation location, string user = "jdoe", string computer = "L01403-DATA", Func<DateTimeOffset>? clock = null) =>
            new AuditWriter(new FolderAuditStore(location), TestAccess.Identity(user, computer), AuditWriter.NewSessionId(), clock);

        public static List<AuditEntry> ReadAll(AuditLocation location, ReadStats? stats = null, AuditQuery? query = null) =>
            new AuditLogReader(location).Read(query ?? new AuditQuery(), stats ?? new ReadStats());

        public static void WriteLegacy(string path, string text, bool bom = false)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var bytes = new List<byte>();
            if (bom) bytes.AddRange(new byte[] { 0xEF, 0xBB, 0xBF });
            bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text));
            File.WriteAllBytes(path, bytes.ToArray());
        }
    }
}
