using System;
using System.Collections.Generic;
using System.IO;
using RepricingPS.Core.Audit;
using Xunit;

namespace RepricingPS.Core.Tests.Audit
{
    /// <summary>The rules that used to sit in cmdlets (issue 9): SYSTEM_ERROR context, the folder check, the retention question, the support report's file, user and entry. Expected values worked out by hand.</summary>
    public class CmdletRulesTests
    {
        [Fact]
        public void SystemContext_SystemError_PutsTheContextLineBeforeTheDetails()
        {
            var entry = new AuditEntry { Status = ErrorCategories.System, Details = "boom" };
            SystemContext.AddTo(entry, "Import File");
            Assert.StartsWith("Stage: Import File | Process memory: ", entry.Details);
            Assert.EndsWith(Environment.NewLine + "boom", entry.Details);
            Assert.Equal(2, entry.Details.Split(new[] { Environment.NewLine }, StringSplitOptions.None).Length);
        }

        [Fact]
        public void SystemContext_SystemErrorWithoutDetails_IsTheContextLineAlone()
        {
            var entry = new AuditEntry { Status = ErrorCategories.System };
            SystemContext.AddTo(entry, "");
            Assert.StartsWith("Stage: unknown | Process memory: ", entry.Details);
            Assert.DoesNotContain(Environment.NewLine, entry.Details);
        }

        [Fact]
        public void SystemContext_OtherStatuses_StayAsTheyAre()
        {
            var entry = new AuditEntry { Status = ErrorCategories.File, Details = "boom" };
            SystemContext.AddTo(entry, "Import File");
            Assert.Equal("boom", entry.Details);
        }

        [Fact]
        public void CheckFolder_AFile_IsAConfigErrorNamingIt()
        {
            using var dir = new TempDir();
            string file = dir.Combine("root.txt");
            File.WriteAllText(file, "x");
            var ex = Assert.Throws<RepricingException>(() => AuditPaths.CheckFolder(file, "%X%/root.txt", force: true));
            Assert.Equal(ErrorCategories.Config, ex.Category);
            Assert.Equal("LOG_ROOT_NOT_FOLDER", ex.ErrorType);
            Assert.Equal("AuditPathIsFile", ex.ErrorId);
            Assert.Equal("%X%/root.txt", ex.Target);
            Assert.Equal($"'{file}' is a file. Give the folder that should hold the audit log.", ex.Message);
        }

        [Fact]
        public void CheckFolder_MissingFolder_NeedsForce()
        {
            using var dir = new TempDir();
            string missing = dir.Combine("not-yet");
            var ex = Assert.Throws<RepricingException>(() => AuditPaths.CheckFolder(missing, missing, force: false));
            Assert.Equal("AuditPathNotFound", ex.ErrorId);
            Assert.Equal("LOG_ROOT_NOT_FOUND", ex.ErrorType);
            Assert.Contains("-Force", ex.Message);
            AuditPaths.CheckFolder(missing, missing, force: true);
            AuditPaths.CheckFolder(dir.Path, dir.Path, force: false);
            Assert.False(Directory.Exists(missing));
        }

        [Fact]
        public void RetentionPlan_Files_AsksOnceWithTheirCountAndBytes()
        {
            var files = new[]
            {
                new RemovedLogFile { File = "a.csv", Kind = "Store", Day = new DateTime(2026, 1, 2), Bytes = 100 },
                new RemovedLogFile { File = "b.csv", Kind = "Legacy", Day = new DateTime(2026, 1, 3), Bytes = 200 },
            };
            Assert.Equal("Remove 2 audit log file(s), 300 bytes, older than 30 days", RetentionPlan.Question(files, 30));
        }

        [Fact]
        public void RetentionPlan_DatabaseDays_AsksWithTheirEntries()
        {
            var days = new[]
            {
                new RemovedLogFile { File = "2026-01-02", Kind = "Store", Day = new DateTime(2026, 1, 2), Entries = 5 },
                new RemovedLogFile { File = "2026-01-03", Kind = "Store", Day = new DateTime(2026, 1, 3), Entries = 7 },
            };
            Assert.Equal("Remove the audit entries of 2 day(s) (12 entries) older than 365 days", RetentionPlan.Question(days, 365));
        }

        [Fact]
        public void RetentionPlan_Describe_NamesFileKindDayAndSize()
        {
            var file = new RemovedLogFile { File = "r/2026/01/2026-01-02_a_PC.csv", Kind = "Store", Day = new DateTime(2026, 1, 2), Bytes = 512 };
            Assert.Equal("Expired: r/2026/01/2026-01-02_a_PC.csv (Store, 2026-01-02, 512 bytes)", RetentionPlan.Describe(file));
            file.Entries = 12;
            Assert.Equal("Expired: r/2026/01/2026-01-02_a_PC.csv (Store, 2026-01-02, 12 entries)", RetentionPlan.Describe(file));
        }

        [Theory]
        [InlineData("report.txt")]
        [InlineData("report.HTML")]
        [InlineData("report.htm")]
        public void CheckOutFile_TextOrPage_IsAccepted(string name) => UserReportRules.CheckOutFile(name, name);

        [Theory]
        [InlineData("report.csv")]
        [InlineData("report")]
        [InlineData("report.html.bak")]
        public void CheckOutFile_AnyOtherName_IsAUserError(string name)
        {
            var ex = Assert.Throws<RepricingException>(() => UserReportRules.CheckOutFile(name, name));
            Assert.Equal(ErrorCategories.User, ex.Category);
            Assert.Equal("InvalidOutFileType", ex.ErrorId);
            Assert.Equal($"-OutFile '{name}': use a .txt or .html file name.", ex.Message);
        }

        private static UserSupportReport Report() => SupportReports.ForUser("dan",
            new List<AuditEntry> { new AuditEntry { Timestamp = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), User = "dan", Script = "merge.py", Status = "FILE_ERROR", Error = "missing" } },
            new ReadStats(), new AuditQuery(), 30, new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));

        [Fact]
        public void WriteReport_TxtIsTheTextReport_HtmlIsThePage_NoBomEither()
        {
            using var dir = new TempDir();
            UserReportRules.Write(Report(), dir.Combine("dan.txt"));
            UserReportRules.Write(Report(), dir.Combine("dan.HTML"));
            Assert.StartsWith("RepricingPS support report: dan", File.ReadAllText(dir.Combine("dan.txt")));
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(dir.Combine("dan.HTML")));
            Assert.NotEqual(0xEF, File.ReadAllBytes(dir.Combine("dan.txt"))[0]);
        }

        [Fact]
        public void WriteReport_MissingFolder_IsAFileErrorThatSaysWhatToCreate()
        {
            using var dir = new TempDir();
            string path = dir.Combine("no-such", "dan.html");
            var ex = Assert.Throws<RepricingException>(() => UserReportRules.Write(Report(), path));
            Assert.Equal(ErrorCategories.File, ex.Category);
            Assert.Equal("OutFileFolderNotFound", ex.ErrorId);
            Assert.Equal($"The folder of -OutFile '{path}' does not exist. Create '{dir.Combine("no-such")}' first or choose an existing folder.", ex.Message);
            Assert.False(Directory.Exists(dir.Combine("no-such")));
        }

        [Fact]
        public void UserNotFound_NamesTheNearestUserSeen()
        {
            var ex = UserReportRules.UserNotFound("jdoe", 30, "/logs", new[] { "jdoe1", "mary", "MARY" });
            Assert.Equal("USER_NOT_FOUND", ex.ErrorType);
            Assert.Equal("UserNotFound", ex.ErrorId);
            Assert.Equal("jdoe", ex.Target);
            Assert.Equal("No entries for user 'jdoe' in the last 30 days of '/logs'. Did you mean 'jdoe1'? " +
                         "Try -Days with a longer window or a wildcard with Get-RepricingAuditLog -User.", ex.Message);
        }

        [Fact]
        public void UserNotFound_NoNearName_SaysSo()
        {
            var ex = UserReportRules.UserNotFound("jdoe", 7, "/logs", new[] { "mary" });
            Assert.Contains("'/logs'. No similar user name was seen in the window either. Try -Days", ex.Message);
        }

        [Fact]
        public void SupportReportEntry_SaysForWhomAndByWhom()
        {
            AuditEntry e = UserReportRules.SupportReportEntry("jdoe", 30, 4, "/tmp/jdoe.html", "admin");
            Assert.Equal("Get-UserSupportReport", e.Script);
            Assert.Equal("SUPPORT_REPORT", e.Status);
            Assert.Equal("Support Report", e.Action);
            Assert.Equal("/tmp/jdoe.html", e.File);
            Assert.Equal("Support report for jdoe (30 days, 4 errors) generated by admin", e.Message);
            Assert.Equal("", UserReportRules.SupportReportEntry("jdoe", 30, 0, null, "admin").File);
        }
    }
}
