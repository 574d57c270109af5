using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RepricingPS.Core.Audit;
using Xunit;

namespace RepricingPS.Core.Tests
{
    public sealed class FailuresTests
    {
        private static readonly string[] Statuses = { ErrorCategories.User, ErrorCategories.File, ErrorCategories.Data, ErrorCategories.System, ErrorCategories.Config };

        [Fact]
        public void Catalogue_EachIdOnce_WithOneStatusKindAndErrorType()
        {
            var all = Failures.All;
            Assert.True(all.Count >= 60, $"the catalogue has {all.Count} entries");
            var twice = all.GroupBy(f => f.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, "ids in the catalogue more than once: " + string.Join(", ", twice));
            foreach (Failure f in all)
            {
                Assert.Matches("^[A-Z][A-Za-z]+$", f.Id);
                Assert.Contains(f.Status, Statuses);
                Assert.Matches("^[A-Z][A-Z_]+$", f.ErrorType);
                Assert.True(Enum.IsDefined(f.Kind), f.Id);
                Assert.False(string.IsNullOrWhiteSpace(f.Shape), f.Id + " has no message shape");
                Assert.Same(f, Failures.ById(f.Id));
            }
        }

        // What the code threw before the catalogue (worked out from every site by hand): the log's ErrorType values and
        // statuses are a contract, so the catalogue keeps every one of them.
        [Theory]
        [InlineData("FileNotFound", "FILE_ERROR", "FILE_NOT_FOUND")]
        [InlineData("PathIsFolder", "FILE_ERROR", "PATH_IS_FOLDER")]
        [InlineData("FileAccessDenied", "FILE_ERROR", "ACCESS_DENIED")]
        [InlineData("FileLocked", "FILE_ERROR", "FILE_LOCKED")]
        [InlineData("InvalidCsv", "FILE_ERROR", "INVALID_CSV")]
        [InlineData("InvalidWorkbook", "FILE_ERROR", "INVALID_WORKBOOK")]
        [InlineData("UnsupportedFileType", "USER_ERROR", "UNSUPPORTED_FILE_TYPE")]
        [InlineData("WorkbookTooLarge", "USER_ERROR", "WORKBOOK_TOO_LARGE")]
        [InlineData("SheetNotFound", "USER_ERROR", "SHEET_NOT_FOUND")]
        [InlineData("BlankHeader", "USER_ERROR", "BLANK_HEADER")]
        [InlineData("DuplicateHeader", "USER_ERROR", "DUPLICATE_HEADER")]
        [InlineData("MissingColumns", "USER_ERROR", "MISSING_COLUMNS")]
        [InlineData("MissingReferenceColumns", "USER_ERROR", "MISSING_COLUMNS")]
        [InlineData("ExtraFields", "DATA_ERROR", "EXTRA_FIELDS")]
        [InlineData("UnbalancedQuote", "DATA_ERROR", "UNBALANCED_QUOTE")]
        [InlineData("NoDataRows", "DATA_ERROR", "EMPTY_FILE")]
        [InlineData("RowIssues", "DATA_ERROR", "ROW_ISSUES")]
        [InlineData("DuplicateKey", "DATA_ERROR", "DUPLICATE_KEY")]
        [InlineData("TemplateHeadersNotFound", "USER_ERROR", "TEMPLATE_NO_MATCHING_HEADERS")]
        [InlineData("TemplateSheetMissing", "USER_ERROR", "TEMPLATE_SHEET_MISSING")]
        [InlineData("TooManyRows", "USER_ERROR", "TOO_MANY_ROWS")]
        [InlineData("DuplicateReferenceNdc", "DATA_ERROR", "DUPLICATE_REFERENCE_NDC")]
        [InlineData("NoDatedClaims", "DATA_ERROR", "NO_DATED_CLAIMS")]
        [InlineData("NoClaimsKept", "DATA_ERROR", "NO_CLAIMS_KEPT")]
        [InlineData("OutputExists", "USER_ERROR", "OUTPUT_EXISTS")]
        [InlineData("OutputNotWritable", "FILE_ERROR", "OUTPUT_NOT_WRITABLE")]
        [InlineData("OutputNameTooLong", "USER_ERROR", "OUTPUT_NAME_TOO_LONG")]
        [InlineData("ExportFolderNotFound", "FILE_ERROR", "FOLDER_NOT_FOUND")]
        [InlineData("ExportWriteFailed", "FILE_ERROR", "WRITE_FAILED")]
        [InlineData("OutFileFolderNotFound", "FILE_ERROR", "OUTPUT_FOLDER_NOT_FOUND")]
        [InlineData("OutFileNotWritable", "FILE_ERROR", "OUTPUT_NOT_WRITABLE")]
        [InlineData("InvalidFileArgument", "USER_ERROR", "INVALID_PARAMETER")]
        [InlineData("InvalidClaimsArgument", "USER_ERROR", "INVALID_PARAMETER")]
        [InlineData("WrongFileRole", "USER_ERROR", "WRONG_ROLE")]
        [InlineData("TemplateIsOutput", "USER_ERROR", "TEMPLATE_IS_OUTPUT")]
        [InlineData("MissingReference", "USER_ERROR", "MISSING_REFERENCE")]
        [InlineData("InvalidOutFileType", "USER_ERROR", "INVALID_PARAMETER")]
        [InlineData("WaitWithUntil", "USER_ERROR", "INVALID_PARAMETER")]
        [InlineData("DaysAndSince", "USER_ERROR", "INVALID_PARAMETER")]
        [InlineData("EmptyWindow", "USER_ERROR", "INVALID_PARAMETER")]
        [InlineData("InvalidStatus", "USER_ERROR", "INVALID_PARAMETER")]
        [InlineData("ViewerPortUnavailable", "USER_ERROR", "PORT_IN_USE")]
        [InlineData("UserNotFound", "USER_ERROR", "USER_NOT_FOUND")]
        [InlineData("AuditPathInvalid", "CONFIG_ERROR", "INVALID_PATH")]
        [InlineData("AuditPathVariableNotSet", "CONFIG_ERROR", "UNSET_VARIABLE")]
        [InlineData("AuditPathIsFile", "CONFIG_ERROR", "LOG_ROOT_NOT_FOLDER")]
        [InlineData("AuditPathNotFound", "CONFIG_ERROR", "LOG_ROOT_NOT_FOUND")]
        [InlineData("AuditConnectionHasPassword", "CONFIG_ERROR", "PASSWORD_IN_SETTING")]
        [InlineData("AuditStoreConnectionInvalid", "CONFIG_ERROR", "INVALID_CONNECTION")]
        [InlineData("ReferencePathInvalid", "CONFIG_ERROR", "INVALID_REFERENCE_PATH")]
        [InlineData("ReferenceFileNotFound", "FILE_ERROR", "FILE_NOT_FOUND")]
        [InlineData("AuditLogNotFound", "FILE_ERROR", "LOG_ROOT_NOT_FOUND")]
        [InlineData("AuditLogRootIsFile", "FILE_ERROR", "LOG_ROOT_NOT_FOLDER")]
        [InlineData("AuditLogAccessDenied", "FILE_ERROR", "ACCESS_DENIED")]
        [InlineData("AuditLogUnavailable", "FILE_ERROR", "LOG_ROOT_UNAVAILABLE")]
        [InlineData("AuditSpoolUnavailable", "SYSTEM_ERROR", "AUDIT_LOG_UNAVAILABLE")]
        [InlineData("AuditLogRetentionRefused", "FILE_ERROR", "OUTSIDE_ROOT")]
        [InlineData("AuditLogLinkRefused", "FILE_ERROR", "LINK_REFUSED")]
        [InlineData("AuditLogRemoveFailed", "FILE_ERROR", "REMOVE_FAILED")]
        [InlineData("AuditLogIntegrity", "DATA_ERROR", "LOG_INTEGRITY")]
        [InlineData("AuditStoreUnreachable", "FILE_ERROR", "DB_UNREACHABLE")]
        [InlineData("AuditStoreAuthenticationFailed", "CONFIG_ERROR", "DB_AUTH_FAILED")]
        [InlineData("AuditStoreDatabaseNotFound", "CONFIG_ERROR", "DB_NOT_FOUND")]
        [InlineData("AuditStorePermissionDenied", "CONFIG_ERROR", "ACCESS_DENIED")]
        [InlineData("AuditStoreSchemaMissing", "CONFIG_ERROR", "DB_SCHEMA_MISSING")]
        [InlineData("AuditStoreSchemaNewer", "CONFIG_ERROR", "DB_SCHEMA_NEWER")]
        [InlineData("AuditStoreFailed", "SYSTEM_ERROR", "DB_ERROR")]
        public void Catalogue_KeepsTheStatusAndErrorTypeOfEachId(string id, string status, string errorType)
        {
            Failure f = Failures.ById(id);
            Assert.Equal((status, errorType), (f.Status, f.ErrorType));
        }

        // The categories PowerShell shows (CategoryInfo.Category) that tests and users rely on; the catalogue names them
        // instead of guessing from the ErrorType text.
        [Theory]
        [InlineData("FileNotFound", FailureKind.ObjectNotFound)]
        [InlineData("UserNotFound", FailureKind.ObjectNotFound)]
        [InlineData("OutputNotWritable", FailureKind.WriteError)]
        [InlineData("FileAccessDenied", FailureKind.PermissionDenied)]
        [InlineData("FileLocked", FailureKind.ResourceBusy)]
        [InlineData("DuplicateKey", FailureKind.InvalidData)]
        [InlineData("MissingColumns", FailureKind.InvalidArgument)]
        [InlineData("AuditPathInvalid", FailureKind.InvalidArgument)]
        [InlineData("OutputExists", FailureKind.ResourceExists)]
        [InlineData("AuditLogUnavailable", FailureKind.ResourceUnavailable)]
        public void Catalogue_NamesThePowerShellCategory(string id, FailureKind kind) => Assert.Equal(kind, Failures.ById(id).Kind);

        [Theory]
        [InlineData("FileNotFound", false)]
        [InlineData("NoDataRows", false)]
        [InlineData("DuplicateKey", false)]
        [InlineData("OutputExists", false)]
        [InlineData("OutputNotWritable", false)]
        [InlineData("WrongFileRole", true)]
        [InlineData("InvalidClaimsArgument", true)]
        [InlineData("TemplateIsOutput", true)]
        [InlineData("AuditPathInvalid", true)]
        [InlineData("ReferencePathInvalid", true)]
        public void Catalogue_OnlyParametersAndConfigurationTerminate(string id, bool terminating) =>
            Assert.Equal(terminating, Failures.ById(id).Terminating);

        [Fact]
        public void Catalogue_EveryConfigurationErrorTerminates()
        {
            Assert.All(Failures.All.Where(f => f.Status == ErrorCategories.Config), f => Assert.True(f.Terminating, f.Id));
        }

        [Fact]
        public void With_CarriesTheEntry_TheMessageTargetAndInner()
        {
            var inner = new IOException("disk");
            RepricingException ex = Failures.FileLocked.With("'a.csv' is open in Excel. Close it.", "a.csv", inner);
            Assert.Equal(("FileLocked", "FILE_ERROR", "FILE_LOCKED"), (ex.ErrorId, ex.Category, ex.ErrorType));
            Assert.Same(Failures.FileLocked, ex.Failure);
            Assert.Equal(("'a.csv' is open in Excel. Close it.", (object)"a.csv"), (ex.Message, ex.Target!));
            Assert.Same(inner, ex.InnerException);
        }

        [Fact]
        public void ById_AnIdNotInTheCatalogue_IsABug()
        {
            Assert.Throws<ArgumentException>(() => Failures.ById("NoSuchFailure"));
        }

        [Fact]
        public void Source_HasNoHandTypedRepricingException()
        {
            // A failure is a catalogue line; a `new RepricingException(` or a Failure made anywhere else would bring back hand-typed ids.
            string src = Path.Combine(RepoRoot(), "src");
            var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Replace('\\', '/').EndsWith("/RepricingPS.Core/Failures.cs", StringComparison.Ordinal) && !f.Contains("/obj/") && !f.Contains("/bin/"))
                .Where(f => Regex.IsMatch(File.ReadAllText(f), @"new RepricingException\(|Failure\.(Work|Stop)\("))
                .Select(f => Path.GetRelativePath(src, f)).ToList();
            Assert.True(offenders.Count == 0, "a failure defined outside the catalogue in: " + string.Join(", ", offenders));
            Assert.True(typeof(RepricingException).GetConstructors().Length == 0, "RepricingException has a public constructor");
        }

        [Fact]
        public void Source_EveryIdTheCmdletsNameIsInTheCatalogue()
        {
            string cmdlets = Path.Combine(RepoRoot(), "src", "RepricingPS");
            var ids = Directory.EnumerateFiles(cmdlets, "*.cs", SearchOption.AllDirectories)
                .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"Errors\.InvalidArgument\(""(\w+)""").Select(m => m.Groups[1].Value))
                .ToList();
            Assert.NotEmpty(ids);
            Assert.All(ids, id => Assert.Equal(id, Failures.ById(id).Id));
        }

        [Fact]
        public void Spool_LogAndSpoolBothUnwritable_IsAuditSpoolUnavailable_NotTheSyncId()
        {
            // Before the catalogue this shared AuditLogUnavailable with Sync's FILE_ERROR, as a SYSTEM_ERROR.
            using var t = new TempDir();
            string spool = t.Combine("spool");
            File.WriteAllText(spool, "a file where the spool folder should be");
            var loc = Fixtures.Location(t.Combine("missing-share", "root"), spool);
            var ex = Assert.Throws<RepricingException>(() => Fixtures.Log(loc).Write(new AuditEntry { Script = "s", Message = "lost" }));
            Assert.Equal(("AuditSpoolUnavailable", ErrorCategories.System, "AUDIT_LOG_UNAVAILABLE"), (ex.ErrorId, ex.Category, ex.ErrorType));
            Assert.Contains("nor to the local spool", ex.Message);
        }

        private static string RepoRoot()
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "RepricingPS.sln"))) return d.FullName;
            }
            throw new InvalidOperationException("RepricingPS.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
