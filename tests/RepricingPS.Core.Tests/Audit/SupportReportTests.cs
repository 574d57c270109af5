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
            // Spec §3: START, a new-format INFO and a WARNING are not successes (only PROCESS_END "Outcome: Succeeded" and legacy INFO).
            Assert.Equal(0, s.SuccessCount);
            Assert.Null(s.LatestSuccess);
            Assert.Equal(1, s.SessionCount);
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
            Assert.Contains("Errors:           0", s.ToString());
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
            string html = UserReportHtml.UserReport(r);
            var doc = XDocument.Parse(html.Replace("<!DOCTYPE html>", ""));
            XNamespace svg = "http://www.w3.org/2000/svg";
            Assert.NotNull(doc.Descendants(svg + "svg").SingleOrDefault());
            Assert.Equal(2, doc.Descendants(svg + "rect").Count(x => x.Element(svg + "title") != null));
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>&evil", html);
        }

        [Fact]
        public void Successes_AreProcessEndSucceededAndLegacyInfo_SessionsAndFileOperationsAreActivity()
        {
            AuditEntry Ended(int minutes, string outcome) { var e = E(minutes, "jdoe", "PROCESS_END"); e.Message = $"Outcome: {outcome} | Merged rows: 9"; return e; }
            var legacyInfo = E(5, "jdoe", "INFO"); legacyInfo.IsLegacy = true;
            var entries = new List<AuditEntry>
            {
                E(0, "jdoe", "START", session: "s"), E(1, "jdoe", "FILE_ACCESS", session: "s"), E(2, "jdoe", "FILE_ACCESS", session: "s"),
                Ended(3, "Succeeded"), Ended(4, "Failed at stage Merge"), Ended(6, "Cancelled at stage Write"), legacyInfo,
                E(7, "jdoe", "INFO", session: "s"), E(8, "jdoe", "END", session: "s"), E(1440 * 2, "jdoe", "PROCESS_END"),
            };
            entries[^1].Message = "Outcome: Succeeded";
            var s = SupportReports.Summarize(entries, new ReadStats(), new AuditQuery(), 7, 5, T0.AddDays(2));
            Assert.Equal(3, s.SuccessCount);                       // minute 3, the legacy INFO, and two days later
            Assert.Equal(T0.AddDays(2), s.LatestSuccess!.Timestamp);
            Assert.Equal(1, s.SessionCount);
            Assert.Equal(2, s.FileOperations);
            var r = SupportReports.ForUser("jdoe", entries, new ReadStats(), new AuditQuery(), 7, T0.AddDays(2));
            Assert.Equal(3, r.SuccessCount);
            Assert.Equal(2, r.FileOperations);
            Assert.Equal(new[] { (T0.Date, 2), (T0.Date.AddDays(2), 1) }, r.SuccessesPerDay.Select(d => (d.Day, d.Count)));
            Assert.Contains("Successes:        3", r.ToString());
        }

        [Fact]
        public void UserReportHtml_ChartHasOneSlotPerDayOfTheWindow_TodayIncluded_EmptyDaysToo()
        {
            // -Days 30 from 2026-11-20 09:00: the window starts 2026-10-21, so 31 slots (10-21 .. 11-20); errors on 2 days only.
            var entries = new List<AuditEntry> { E(0, "dan", "FILE_ERROR"), E(-1440 * 3, "dan", "SYSTEM_ERROR"), E(-1440 * 3 + 5, "dan", "USER_ERROR") };
            var window = new AuditQuery { Since = T0.AddDays(-30) };
            var r = SupportReports.ForUser("dan", entries, new ReadStats(), window, 30, T0);
            var doc = XDocument.Parse(UserReportHtml.UserReport(r).Replace("<!DOCTYPE html>", ""));
            XNamespace svg = "http://www.w3.org/2000/svg";
            var slots = doc.Descendants(svg + "g").Where(g => (string?)g.Attribute("class") == "day").ToList();
            Assert.Equal(31, slots.Count);
            Assert.Equal("2026-10-21", (string?)slots[0].Attribute("data-day"));
            Assert.Equal("2026-11-20", (string?)slots[^1].Attribute("data-day"));
            // Counts on the bars: 2 on 11-17, 1 on 11-20; nothing on empty days.
            var counts = slots.Select(g => g.Elements(svg + "text").Where(t => (string?)t.Attribute("class") == "count").Select(t => t.Value).SingleOrDefault()).ToList();
            Assert.Equal("2", counts[27]);
            Assert.Equal("1", counts[30]);
            Assert.Equal(29, counts.Count(c => c == null));
            // SYSTEM_ERROR and USER_ERROR are no longer two similar oranges.
            var fills = slots[27].Elements(svg + "rect").Select(x => (string?)x.Attribute("fill")).ToList();
            Assert.Equal(new[] { "#E69F00", "#0072B2" }, fills);
        }

        [Fact]
        public void UserReportText_FitsHundredColumns_AndWrapsAtWordBoundaries()
        {
            var e = E(0, "dan", "DATA_ERROR", "Invoke-Repricing", file: "/data/in/" + new string('x', 120) + ".csv");
            e.Error = string.Join(" ", Enumerable.Range(1, 60).Select(i => "word" + i));
            var r = SupportReports.ForUser("dan", new List<AuditEntry> { e }, new ReadStats(), new AuditQuery(), 30, T0);
            string text = r.ToString();
            foreach (string line in text.Split(new[] { "\r\n", "\n" }, StringSplitOptions.None)) Assert.True(line.Length <= 100, $"{line.Length}: {line}");
            // Every word survives whole on some line.
            foreach (int i in Enumerable.Range(1, 60)) Assert.Matches($"(?m)(^| )word{i}( |$)", string.Join("\n", text.Split('\n').Select(l => l.TrimEnd('\r'))));
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
