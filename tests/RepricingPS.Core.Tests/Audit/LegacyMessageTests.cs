using RepricingPS.Core.Audit;
using Xunit;

namespace RepricingPS.Core.Tests.Audit
{
    public class LegacyMessageTests
    {
        [Fact]
        public void Parse_UserErrorHead_GivesErrorTypeUserComputerAndFields()
        {
            var m = LegacyMessage.Parse("USER ERROR - FILE_NOT_FOUND | User: jdoe on L01403-DATA | Python: 3.12.10 | OS: Windows 11 | Action: Import File | File: missing_data.xlsx | Error: Could not find file");
            Assert.Equal("USER ERROR", m.Head);
            Assert.Equal("FILE_NOT_FOUND", m.ErrorType);
            Assert.Equal("jdoe", m.User);
            Assert.Equal("L01403-DATA", m.Computer);
            Assert.Equal("Python 3.12.10", m.Runtime);
            Assert.Equal("Windows 11", m.OS);
            Assert.Equal("Import File", m.Action);
            Assert.Equal("missing_data.xlsx", m.File);
            Assert.Equal("Could not find file", m.Error);
        }

        [Fact]
        public void Parse_SystemErrorWithStack_ErrorStopsBeforeFinalStack()
        {
            var m = LegacyMessage.Parse("SYSTEM ERROR - merge.py | User: jdoe on L01403-DATA | Python: 3.12.10 | OS: Windows 11 | Context: merge | Error: MemoryError | Stack: Traceback ...");
            Assert.Equal("SYSTEM ERROR", m.Head);
            Assert.Equal("", m.ErrorType);
            Assert.Equal("merge", m.Action);
            Assert.Equal("MemoryError", m.Error);
            Assert.Equal("Traceback ...", m.Stack);
        }

        [Fact]
        public void Parse_FileErrorWithFileInfo_KeepsFileAndError()
        {
            var m = LegacyMessage.Parse(@"FILE ERROR - Read | User: jdoe | File: C:\data\f.xlsx | File Info: Size: 1234 bytes | Error: [Errno 13] Permission denied");
            Assert.Equal("Read", m.Action);
            Assert.Equal(@"C:\data\f.xlsx", m.File);
            Assert.Equal("[Errno 13] Permission denied", m.Error);
            Assert.Equal("jdoe", m.User);
        }

        [Fact]
        public void Parse_DataError_ErrorRunsToEndIncludingSeparators()
        {
            var m = LegacyMessage.Parse("DATA ERROR - Processing | User: jdoe | Data Context: merge claims | Rows Processed: 5000 | Error: KeyError: 'DATEFILLED' | while | merging");
            Assert.Equal("merge claims", m.Action);
            Assert.Equal("KeyError: 'DATEFILLED' | while | merging", m.Error);
        }

        [Fact]
        public void Parse_SessionStarted_GivesUserComputerRuntimeOs()
        {
            var m = LegacyMessage.Parse("Session started - User: jdoe | Computer: L01403-DATA | Python: 3.12.10 | OS: Windows 11");
            Assert.Equal("Session started", m.Head);
            Assert.Equal("jdoe", m.User);
            Assert.Equal("L01403-DATA", m.Computer);
            Assert.Equal("Windows 11", m.OS);
        }

        [Fact]
        public void Parse_SessionEnded_GivesUserAndHost()
        {
            var m = LegacyMessage.Parse("Session ended for user: jdoe on L01403-DATA");
            Assert.Equal("jdoe", m.User);
            Assert.Equal("L01403-DATA", m.Computer);
        }

        [Fact]
        public void Parse_UserPrefixThenFileAccess_StripsPrefix()
        {
            var m = LegacyMessage.Parse(@"User: jdoe | File: C:\data\claims.xlsx | Operation: IMPORTED");
            Assert.Equal("jdoe", m.User);
            Assert.Equal(@"C:\data\claims.xlsx", m.File);
            Assert.Equal("IMPORTED", m.Operation);
        }

        [Fact]
        public void Parse_PrefixBeforeAccessHeads_GivesUserAndHost()
        {
            var a = LegacyMessage.Parse("User: dan | Access attempt by dan on W10-ANALYST7");
            Assert.Equal("Access attempt", a.Head);
            Assert.Equal("W10-ANALYST7", a.Computer);
            var g = LegacyMessage.Parse("User: Dan | Access granted to Dan");
            Assert.Equal("Access granted", g.Head);
            Assert.Equal("Dan", g.User);
        }

        [Fact]
        public void Parse_ProcessHead_GivesActionUserAndDetails()
        {
            var m = LegacyMessage.Parse("Process MERGE by Dan - 1200 rows");
            Assert.Equal("Process", m.Head);
            Assert.Equal("MERGE", m.Action);
            Assert.Equal("Dan", m.User);
        }

        [Fact]
        public void Parse_FreeText_HasNoHead()
        {
            var m = LegacyMessage.Parse("Merged row count: 512085, sample checksum: 9f86d081");
            Assert.Null(m.Head);
            Assert.Equal("", m.Error);
        }

        [Fact]
        public void Compose_ThenParse_RoundTripsTheFields()
        {
            var e = new AuditEntry
            {
                Status = "FILE_ERROR", Script = "Import-RepricingFile", User = "jdoe", Computer = "L01", PSVersion = "7.6.9", OS = "Windows 11",
                Action = "Import File", File = @"C:\data\f.xlsx", ErrorType = "FILE_NOT_FOUND", Error = "Could not find file | really",
            };
            string message = LegacyMessage.Compose(e);
            Assert.StartsWith("FILE ERROR - FILE_NOT_FOUND | User: jdoe on L01 | PowerShell: 7.6.9", message);
            var m = LegacyMessage.Parse(message);
            Assert.Equal(("jdoe", "L01", "Import File", @"C:\data\f.xlsx", "FILE_NOT_FOUND", "Could not find file | really", "PowerShell 7.6.9"),
                (m.User, m.Computer, m.Action, m.File, m.ErrorType, m.Error, m.Runtime));
        }
    }
}
