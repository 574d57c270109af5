using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using RepricingPS.Core.Audit;
using Xunit;

namespace RepricingPS.Core.Tests.Audit
{
    public class SupportReportTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

        private static AuditEntry E(int minutes, string user, string status, string script = "s", string session = "", string file = "", string id = "") => new AuditEntry
        {
            Timestamp = T0.AddMinutes(minutes), User = user, Status = status, Script = script, SessionId = session, File = file,
            EntryId = id.Length > 0 ? id : Guid.NewGuid().ToString("N"), Computer = "PC-" + user.ToUpperInvariant(), Message = status + " at " + minutes,
        };

        [Fact]
        public void Summary_CountsErrorSetUsersByCaseTopScriptsAndNewestFirst()
        {
            var entries = new List<AuditEntry>
            {
                E(0, "jdoe", "START"), E(1, "jdoe", "ERROR", "merge.py"), E(2, "JDOE", "CONFIG_ERROR", "merge.py"),
                E(3, "asmith", "FILE_ERROR", "import"), E(4, "asmith", "WARNING"), E(5, "asmith", "INFO"), E(6, "bob", "USER_ERROR", "import"),
                E(7, "bob", "DATA_ERROR", "zeta"),
            };
            var stats = new ReadStats();
            stats.Problems.Add(new ReadProblem());
            var s = SupportReports.Summarize(entries, stats, new AuditQuery(), 7, 2, T0);
            Assert.Equal(8, s.TotalEntries);
            Assert.Equal(1, s.MalformedRows);
            Assert.Equal(5, s.ErrorCount);
            Assert.Equal(2, s.SuccessCount); // START and INFO; WARNING is neither
            Assert.Equal("INFO", s.LatestSuccess!.Status);
            Assert.Equal(new[] { ("jdoe", 2), ("bob", 2), ("asmith", 1) }.OrderByDescending(x => x.Item2).ThenBy(x => x.Item1, StringComparer.OrdinalIgnoreCase),
                s.UsersWithErrors.Select(u => (u.User, u.Count)));
            Assert.Equal(new[] { ("import", 2), ("merge.py", 2) }, s.TopScripts.Select(x => (x.Script, x.Count)));
            Assert.Equal(new[] { "DATA_ERROR", "USER_ERROR" }, s.MostRecentErrors.Select(e => e.Status));
            Assert.Contains(s.ErrorsByStatus, x => x.Status == "ERROR" && x.Count == 1);
            Assert.Contains(s.ErrorsByStatus, x => x.Status == "CONFIG_ERROR" && x.Count == 1);
        }

        [Fact]
        public void Summary_EmptyWindow_IsZeroesNotAnError()
        {
            var s = SupportReports.Summarize(new List<AuditEntry>(), new ReadStats(), new AuditQuery(), 7, 5, T0);
            Assert.Equal((0L, 0, 0), (s.TotalEntries, s.ErrorCount, s.SuccessCount));
            Assert.Null(s.LatestSuccess);
            Assert.Contains("Errors:         0", s.ToString());
        }

        [Fact]
        public void NewestFirst_TiesKeepLaterReadFirst()
        {
            var a = E(1, "u", "ERROR", id: "a");
            var b = E(1, "u", "ERROR", id: "b");
            var c = E(0, "u", "ERROR", id: "c");
            Assert.Equal(new[] { "b", "a", "c" }, SupportReports.NewestFirst(new[] { a, b, c }).Select(e => e.EntryId));
        }

        [Fact]
        public void UserReport_SessionsFromIdsAndLegacyStartEnd_ErrorsAndRecommendations()
        {
            var legacyStart = E(0, "dan", "START"); legacyStart.IsLegacy = true;
            var legacyErr = E(1, "dan", "FILE_ERROR", "merge.py", file: "a.xlsx"); legacyErr.IsLegacy = true;
            var legacyEnd = E(2, "dan", "END"); legacyEnd.IsLegacy = true;
            var entries = new List<AuditEntry>
            {
                legacyStart, legacyErr, legacyEnd,
                E(10, "dan", "START", session: "s1"), E(11, "dan", "DATA_ERROR", "Invoke-Repricing", "s1", "a.xlsx"), E(12, "dan", "CONFIG_ERROR", "Invoke-Repricing", "s1"),
            };
            var r = SupportReports.ForUser("dan", entries, new ReadStats(), new AuditQuery(), 30, T0);
            Assert.Equal(2, r.SessionCount);
            Assert.Equal("s1", r.RecentSessions[0].SessionId);
            Assert.Equal("Failed", r.RecentSessions[0].Outcome);
            Assert.Equal("Ended", r.RecentSessions[1].Outcome);
            Assert.Equal(3, r.ErrorCount);
            Assert.Equal(new[] { "CONFIG_ERROR", "DATA_ERROR", "FILE_ERROR" }, r.RecentErrors.Select(e => e.Status));
            Assert.Equal(("a.xlsx", 2), (r.TopFiles[0].File, r.TopFiles[0].Count));
            Assert.Equal(("Invoke-Repricing", 2), (r.TopErrorScripts[0].Script, r.TopErrorScripts[0].Count));
            Assert.Equal(3, r.Recommendations.Length);
            Assert.Contains(r.Recommendations, x => x.StartsWith("File errors", StringComparison.Ordinal));
            Assert.Contains(r.Recommendations, x => x.StartsWith("Configuration errors", StringComparison.Ordinal));
            Assert.Equal(6, r.Timeline.Length);
            Assert.Equal(new[] { "PC-DAN" }, r.Computers);
        }

        [Fact]
        public void UserReportHtml_IsWellFormedXmlWithSvgAndNoScriptsOrExternalResources()
        {
            var entries = new List<AuditEntry> { E(0, "dan", "FILE_ERROR", file: "<b>&evil.xlsx"), E(1500, "dan", "USER_ERROR") };
            var r = SupportReports.ForUser("dan", entries, new ReadStats(), new AuditQuery(), 30, T0);
            string html = ReportText.UserReportHtml(r);
            var doc = XDocument.Parse(html.Replace("<!DOCTYPE html>", ""));
            XNamespace svg = "http://www.w3.org/2000/svg";
            Assert.NotNull(doc.Descendants(svg + "svg").SingleOrDefault());
            Assert.Equal(2, doc.Descendants(svg + "rect").Count(x => x.Element(svg + "title") != null));
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>&evil", html);
        }

        [Fact]
        public void Summary_OnSharedLegacyRoot_MatchesReferenceErrorCounts()
        {
            var stats = new ReadStats();
            var entries = Fixtures.ReadAll(Fixtures.Location(Fixtures.LegacyRoot), stats);
            var s = SupportReports.Summarize(entries, stats, new AuditQuery(), 0, 5, T0);
            Assert.Equal(212, s.ErrorCount);
            Assert.Equal(78, s.ErrorsByStatus.Single(x => x.Status == "ERROR").Count);
            Assert.Equal(6, s.ErrorsByStatus.Single(x => x.Status == "CONFIG_ERROR").Count);
            Assert.Equal(26, s.MalformedRows);
            Assert.Equal(31, s.LogFiles.Length);
            // Users differing only in case are one user (the legacy data has e.g. BENDILLON and BenDillon in messages, Dan/dan).
            Assert.Equal(s.UsersWithErrors.Length, s.UsersWithErrors.Select(u => u.User.ToUpperInvariant()).Distinct().Count());
            Assert.True(s.MostRecentErrors.Zip(s.MostRecentErrors.Skip(1)).All(p => p.First.Timestamp >= p.Second.Timestamp));
        }
    }
}
