using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RepricingPS.Core.Audit;
using Xunit;

namespace RepricingPS.Core.Tests.Audit
{
    /// <summary>Issue 8 ("Trust"), audit-log half: each test fails on the code before its fix.</summary>
    public class TrustTests
    {
        // ---- 9. Hash exactly what is stored ----

        [Fact]
        public void Integrity_UntouchedRecordsWithFormulaLeadingValues_HaveNoChainBreak()
        {
            using var t = new TempDir();
            var loc = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(loc.Root);
            var log = Fixtures.Log(loc, user: "@admin");
            log.Write(new AuditEntry { Script = "Invoke-Repricing", Status = "USER_ERROR", Message = "-File1 was given the File2 file (it has Source Record ID)." });
            log.Write(new AuditEntry { Script = "x", Error = "=HYPERLINK(\"http://evil.example\")", Details = "\tindented", Action = "+1" });
            log.Write(new AuditEntry { Script = "x", Message = "'quoted", File = "\rcr" });
            var file = new AuditLogReader(loc).FindFiles(null, null).Single();
            IntegrityReport report = AuditIntegrity.Check(file, loc.Root, default);
            Assert.Equal(3, report.Entries);
            Assert.Equal(0, report.ChainBreaks);
            Assert.True(report.IsValid, string.Join("; ", report.Problems));
            // Stored with the guard, read back without it.
            Assert.Contains("'-File1 was given", File.ReadAllText(file.Path));
            var back = Fixtures.ReadAll(loc);
            Assert.Equal("-File1 was given the File2 file (it has Source Record ID).", back[0].Message);
            Assert.Equal("@admin", back[0].User);
            Assert.Equal("\tindented", back[1].Details);
            Assert.Equal("'quoted", back[2].Message);
        }

        [Fact]
        public void Integrity_EditedFormulaValue_IsStillAChainBreak()
        {
            using var t = new TempDir();
            var loc = Fixtures.Location(t.Combine("root"));
            Directory.CreateDirectory(loc.Root);
            var log = Fixtures.Log(loc);
            log.Write(new AuditEntry { Script = "x", Message = "-5 rows" });
            log.Write(new AuditEntry { Script = "x", Message = "second" });
            var file = new AuditLogReader(loc).FindFiles(null, null).Single();
            File.WriteAllText(file.Path, File.ReadAllText(file.Path).Replace("'-5 rows", "'-6 rows"), new UTF8Encoding(true));
            IntegrityReport report = AuditIntegrity.Check(file, loc.Root, default);
            Assert.Equal(1, report.ChainBreaks);
        }
    }
}
