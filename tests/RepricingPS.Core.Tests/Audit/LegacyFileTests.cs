using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RepricingPS.Core.Audit;
using Xunit;

namespace RepricingPS.Core.Tests.Audit
{
    public class LegacyFileTests
    {
        [Fact]
        public void SharedLegacyRoot_ReadAllTime_MatchesReferenceAnswers()
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.SharedDir, "data", "legacy-audit.expected.json")));
            var expected = doc.RootElement;
            var stats = new ReadStats();
            var entries = Fixtures.ReadAll(Fixtures.Location(Fixtures.LegacyRoot), stats);

            Assert.Equal(expected.GetProperty("total_entries").GetInt32(), entries.Count);
            Assert.Equal(expected.GetProperty("malformed_rows").GetInt32(), stats.MalformedRows);
            Assert.Equal(expected.GetProperty("error_count").GetInt32(), entries.Count(e => e.IsError));
            foreach (var status in expected.GetProperty("errors_by_status").EnumerateObject())
            {
                Assert.Equal(status.Value.GetInt32(), entries.Count(e => e.Status == status.Name));
            }
            foreach (var repaired in expected.GetProperty("repaired_messages").EnumerateObject())
            {
                var hit = entries.Where(e => e.Message.Contains(repaired.Name + " ", StringComparison.Ordinal)).ToList();
                Assert.Single(hit);
                Assert.Equal(repaired.Value.GetString(), hit[0].Message);
            }
            Assert.All(stats.Problems, p => Assert.True(p.Line > 0 && File.Exists(p.File)));
            Assert.Equal(entries.Count, entries.Select(e => e.EntryId).Distinct().Count());
        }

        [Fact]
        public void SharedLegacyRoot_ReadTwice_GivesSameEntryIds()
        {
            var a = Fixtures.ReadAll(Fixtures.Location(Fixtures.LegacyRoot)).Select(e => e.EntryId).ToList();
            var b = Fixtures.ReadAll(Fixtures.Location(Fixtures.LegacyRoot)).Select(e => e.EntryId).ToList();
            Assert.Equal(a, b);
        }

        [Fact]
        public void Reader_RowWithExtraCommas_RejoinsMessageWithCommas()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("audit_log.csv"), "Timestamp,User,Script,Message,Status\r\n2026-10-13 02:00:24,ben,x.py,Saved a,b,c,INFO\r\n");
            var e = Assert.Single(Fixtures.ReadAll(Fixtures.Location(t.Path)));
            Assert.Equal("Saved a,b,c", e.Message);
            Assert.Equal("INFO", e.Status);
            Assert.Equal("x.py", e.Script);
        }

        [Fact]
        public void Reader_HeaderlessRotatedFileWithBom_FirstLineIsData()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("ann", "Audit_Log.csv"), "2026-11-17 15:31:37,ann,a.py,first,INFO\r\n2026-11-17 15:31:38,ann,a.py,second,END\r\n", bom: true);
            var entries = Fixtures.ReadAll(Fixtures.Location(t.Path));
            Assert.Equal(new[] { "first", "second" }, entries.Select(e => e.Message));
            Assert.Equal("ann", entries[0].User);
        }

        [Fact]
        public void Reader_QuotedMultiLineTraceback_IsOneEntry()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("audit_log.csv"),
                "Timestamp,User,Script,Message,Status\r\n2026-10-24 16:17:07,bren,T,\"KeyError: 'NDC': Traceback (most recent call last):\r\n  File \"\"merge.py\"\", line 120\r\nKeyError: 'NDC'\",ERROR\r\n2026-10-24 16:17:08,bren,T,after,INFO\r\n");
            var entries = Fixtures.ReadAll(Fixtures.Location(t.Path));
            Assert.Equal(2, entries.Count);
            Assert.Contains("File \"merge.py\", line 120", entries[0].Message);
            Assert.Equal("ERROR", entries[0].Status);
            Assert.True(entries[0].IsError);
        }

        [Fact]
        public void Reader_TruncatedLastRecordInOpenQuote_IsOneMalformedRowAndEarlierRowsKept()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("x", "Audit_Log.csv"),
                "Timestamp,User,Script,Message,Status\r\n2026-11-01 10:00:00,a,s,one,INFO\r\n2026-11-01 10:00:01,a,s,two,INFO\r\n2026-11-26 00:00:01,Truncated,merge.py,\"User: Truncated | Proc");
            var stats = new ReadStats();
            var entries = Fixtures.ReadAll(Fixtures.Location(t.Path), stats);
            Assert.Equal(2, entries.Count);
            var p = Assert.Single(stats.Problems);
            Assert.Equal(4, p.Line);
        }

        [Fact]
        public void Reader_FewFieldsBadTimestampBlankLinesAndRepeatedHeader_CountedNotFatal()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("audit_log.csv"),
                "Timestamp,User,Script,Message,Status\r\n\r\n2026-11-01 10:00:00,a,s\r\nnot-a-time,a,s,m,INFO\r\n10/07/2025 11:18,a,s,m,INFO\r\nTimestamp,User,Script,Message,Status\r\n2026-11-01 10:00:02,a,s,ok,INFO\r\n");
            var stats = new ReadStats();
            var entries = Fixtures.ReadAll(Fixtures.Location(t.Path), stats);
            Assert.Equal("ok", Assert.Single(entries).Message);
            Assert.Equal(new long[] { 3, 4, 5 }, stats.Problems.Select(p => p.Line));
        }

        [Fact]
        public void Reader_LfOnlyAndCapitalisedNames_AreRead()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("AUDIT_LOG.CSV"), "Timestamp,User,Script,Message,Status\n2026-11-01 10:00:00,a,s,m,INFO\n");
            Fixtures.WriteLegacy(t.Combine("u", "Audit_Log.csv.3"), "2026-11-01 09:00:00,u,s,rotated,INFO\n");
            var entries = Fixtures.ReadAll(Fixtures.Location(t.Path));
            Assert.Equal(new[] { "rotated", "m" }, entries.Select(e => e.Message));
        }

        [Fact]
        public void Reader_LegacyTimestamp_IsReadAsLocalTime()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("audit_log.csv"), "2026-07-01 12:30:45,a,s,m,INFO\r\n");
            var e = Assert.Single(Fixtures.ReadAll(Fixtures.Location(t.Path)));
            Assert.Equal(new DateTime(2026, 7, 1, 12, 30, 45), e.Timestamp.DateTime);
            Assert.Equal(TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 7, 1, 12, 30, 45)), e.Timestamp.Offset);
        }

        [Fact]
        public void Reader_LegacyMessage_FillsStructuredFields()
        {
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("audit_log.csv"),
                "2026-11-01 10:00:00,jdoe,merge.py,USER ERROR - FILE_NOT_FOUND | User: jdoe on L01403-DATA | Python: 3.12.10 | OS: Windows 11 | Action: Import File | File: missing_data.xlsx | Error: Could not find file,USER_ERROR\r\n");
            var e = Assert.Single(Fixtures.ReadAll(Fixtures.Location(t.Path)));
            Assert.Equal("L01403-DATA", e.Computer);
            Assert.Equal("FILE_NOT_FOUND", e.ErrorType);
            Assert.Equal("Import File", e.Action);
            Assert.Equal("missing_data.xlsx", e.File);
            Assert.Equal("Could not find file", e.Error);
            Assert.Equal("Python 3.12.10", e.PSVersion);
            Assert.Equal("Windows 11", e.OS);
            Assert.True(e.IsLegacy);
        }
    }
}
