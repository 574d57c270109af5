using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Viewer;
using Xunit;

namespace RepricingPS.Core.Tests.Viewer
{
    /// <summary>The viewer's server over raw HTTP: security rules, filters and counts, the memory bound.</summary>
    public class ViewerServerTests
    {
        private static string Q(AuditViewerServer s) => "?token=" + s.Token;

        [Fact]
        public void Start_WritesTheOneListeningLine_WithLoopbackAddressAndToken()
        {
            using var log = new ViewerLog(seed: false);
            using var server = log.Serve();
            Assert.Matches(@"^Listening on http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]{43}$", server.ListeningLine);
            using var other = log.Serve();
            Assert.NotEqual(server.Token, other.Token);
            Assert.NotEqual(server.Port, other.Port);
        }

        [Fact]
        public void Request_WithoutTokenOrWithAWrongOne_Gets403_OnEveryPath()
        {
            using var log = new ViewerLog();
            using var server = log.Serve();
            foreach (string path in new[] { "/", "/viewer.js", "/viewer.css", "/api/entries", "/api/stream", "/api/entry?id=x", "/favicon.ico" })
            {
                Assert.Equal(403, RawHttp.Get(server.Port, path).Status);
                string wrong = new string('A', server.Token.Length);
                Assert.Equal(403, RawHttp.Get(server.Port, path + (path.Contains('?') ? "&" : "?") + "token=" + wrong).Status);
            }
            Assert.Equal(403, RawHttp.Get(server.Port, "/api/entries", cookie: $"rpsv_{server.Port}=wrong").Status);
        }

        [Fact]
        public void Request_WithForeignHostOrOrigin_Gets403_EvenWithTheToken()
        {
            using var log = new ViewerLog();
            using var server = log.Serve();
            string p = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(403, RawHttp.Get(server.Port, "/api/entries" + Q(server), host: "evil.example:" + p).Status);
            Assert.Equal(403, RawHttp.Get(server.Port, "/api/entries" + Q(server), host: "127.0.0.1:1" + p).Status); // another port
            Assert.Equal(403, RawHttp.Get(server.Port, "/api/entries" + Q(server), host: "").Status);
            Assert.Equal(403, RawHttp.Get(server.Port, "/api/entries" + Q(server), origin: "http://evil.example:" + p).Status);
            Assert.Equal(403, RawHttp.Get(server.Port, "/api/entries" + Q(server), origin: "null").Status);
            Assert.Equal(200, RawHttp.Get(server.Port, "/api/entries" + Q(server), host: "localhost:" + p, origin: "http://localhost:" + p).Status);
            Assert.Equal(200, RawHttp.Get(server.Port, "/api/entries" + Q(server), host: "[::1]:" + p).Status);
        }

        [Fact]
        public void FirstPage_SetsTheTokenCookie_ThatLaterRequestsMayUseInstead()
        {
            using var log = new ViewerLog();
            using var server = log.Serve();
            var (status, head, body) = RawHttp.Get(server.Port, "/" + Q(server));
            Assert.Equal(200, status);
            Assert.Contains($"Set-Cookie: rpsv_{server.Port}={server.Token}; Path=/; HttpOnly; SameSite=Strict", head);
            Assert.Contains("Content-Security-Policy: default-src 'none'; script-src 'self'", head);
            Assert.Contains("<link rel=\"icon\" href=\"data:,\">", body); // no tokenless favicon request
            Assert.Equal(200, RawHttp.Get(server.Port, "/api/entries", cookie: $"other=1; rpsv_{server.Port}={server.Token}").Status);
        }

        [Fact]
        public void EveryMethodButGet_IsRefused_TheViewerIsReadOnly()
        {
            using var log = new ViewerLog();
            using var server = log.Serve();
            foreach (string m in new[] { "POST", "PUT", "DELETE", "PATCH" })
            {
                Assert.Equal(405, RawHttp.Get(server.Port, "/api/entries" + Q(server), method: m).Status);
            }
        }

        [SkippableFact]
        public void Server_IsNotReachableOnANonLoopbackAddress()
        {
            IPAddress? external = NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
            Skip.If(external == null, "This machine has no non-loopback IPv4 address to try.");
            using var log = new ViewerLog(seed: false);
            using var server = log.Serve();
            using var client = new TcpClient();
            Assert.ThrowsAny<SocketException>(() => client.Connect(external!, server.Port));
        }

        [Fact]
        public void FutureDatedEntries_StayOutOfTheList_TheCountsAndTheChartAlike()
        {
            using var log = new ViewerLog(seed: false);
            string At(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            Fixtures.WriteLegacy(Path.Combine(log.Root, "audit_log.csv"),
                "Timestamp,User,Script,Message,Status\r\n" +
                $"{At(DateTime.Now.AddHours(-1))},ava,merge.py,real,ERROR\r\n" +
                $"{At(DateTime.Now.AddDays(5))},ava,merge.py,clock ahead,ERROR\r\n" +
                "9999-12-31 23:59:59,ava,merge.py,end of time,ERROR\r\n");
            using var server = log.Serve();
            JsonElement all = RawHttp.Json(server.Port, "/api/entries" + Q(server));
            Assert.Equal(new[] { "ERROR" }, RawHttp.Statuses(all));
            Assert.Equal(1, all.GetProperty("summary").GetProperty("total").GetInt32());
            Assert.Equal(1, all.GetProperty("summary").GetProperty("errorsPerDay").EnumerateArray().Sum(d => d.GetProperty("errors").GetInt64()));
        }

        [Fact]
        public void ErrorsOnly_IsExactlyTheErrorSet_IncludingLegacyErrorAndConfigError()
        {
            using var log = new ViewerLog();
            using var server = log.Serve();
            JsonElement s = RawHttp.Json(server.Port, "/api/entries" + Q(server) + "&status=errors");
            Assert.Equal(ViewerLog.ErrorStatuses.OrderBy(x => x), RawHttp.Statuses(s).OrderBy(x => x));
            Assert.Equal(6, s.GetProperty("summary").GetProperty("total").GetInt32());
            JsonElement all = RawHttp.Json(server.Port, "/api/entries" + Q(server));
            Assert.Equal(ViewerLog.Total, all.GetProperty("summary").GetProperty("total").GetInt32());
            // Per-day chart: all 6 errors were written in the last 3 hours; the bars add up to the error count.
            long charted = all.GetProperty("summary").GetProperty("errorsPerDay").EnumerateArray().Sum(d => d.GetProperty("errors").GetInt64());
            Assert.Equal(6, charted);
            Assert.Equal(8, all.GetProperty("summary").GetProperty("errorsPerDay").GetArrayLength()); // 7 days back to today, both ends
        }

        [Fact]
        public void UserFilter_IsExactAndCaseInsensitive_NeverASubstring()
        {
            using var log = new ViewerLog();
            using var server = log.Serve();
            JsonElement dan = RawHttp.Json(server.Port, "/api/entries" + Q(server) + "&user=DAN");
            Assert.Equal(new[] { "SYSTEM_ERROR", "DATA_ERROR", "WARNING" }, RawHttp.Statuses(dan)); // newest first; never Jordan's
            JsonElement counts = dan.GetProperty("summary").GetProperty("perStatus");
            Assert.Equal(3, counts.GetArrayLength());
            Assert.All(counts.EnumerateArray(), c => Assert.Equal(1, c.GetProperty("count").GetInt32()));
            Assert.Equal(new[] { "dan", "jdoe", "Jordan", "olduser" },
                dan.GetProperty("summary").GetProperty("users").EnumerateArray().Select(u => u.GetString()!));
        }

        [Fact]
        public void Search_MatchesUserScriptMessageErrorAndFile_CaseInsensitive()
        {
            using var log = new ViewerLog();
            using var server = log.Serve();
            int Count(string q) => RawHttp.Json(server.Port, "/api/entries" + Q(server) + "&q=" + Uri.EscapeDataString(q)).GetProperty("summary").GetProperty("total").GetInt32();
            Assert.Equal(3, Count("jordan"));            // user
            Assert.Equal(3, Count("merge.PY"));          // script: dan's SYSTEM_ERROR and the 2 legacy rows
            Assert.Equal(1, Count("missing_data.xlsx")); // file (and message)
            Assert.Equal(1, Count("could not find"));    // error
            Assert.Equal(1, Count("out of MEMORY"));     // message
            Assert.Equal(0, Count("no such text"));
        }

        [Fact]
        public void Entry_HasEveryField_AndItsWholeSessionInTimeOrder()
        {
            using var log = new ViewerLog();
            using var server = log.Serve();
            JsonElement errors = RawHttp.Json(server.Port, "/api/entries" + Q(server) + "&status=FILE_ERROR");
            string id = errors.GetProperty("entries")[0].GetProperty("id").GetString()!;
            JsonElement detail = RawHttp.Json(server.Port, "/api/entry" + Q(server) + "&id=" + id);
            JsonElement e = detail.GetProperty("entry");
            Assert.Equal("FILE_NOT_FOUND", e.GetProperty("ErrorType").GetString());
            Assert.Equal("/data/missing_data.xlsx", e.GetProperty("File").GetString());
            Assert.StartsWith("at RepricingPS.Core.Repricing.FileImporter.Open()\n", e.GetProperty("Details").GetString());
            Assert.Equal(log.JdoeSession, e.GetProperty("SessionId").GetString());
            Assert.Equal(new[] { "START", "INFO", "FILE_ERROR", "END" },
                detail.GetProperty("session").EnumerateArray().Select(x => x.GetProperty("status").GetString()!));
            Assert.Equal(404, RawHttp.Get(server.Port, "/api/entry" + Q(server) + "&id=nope").Status);
        }

        [Fact]
        public void LegacyEntry_SessionIsThatUsersRunFromStartToEnd()
        {
            using var log = new ViewerLog(seed: false);
            DateTime t = DateTime.Now.AddHours(-2);
            string At(int minutes) => t.AddMinutes(minutes).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            Fixtures.WriteLegacy(Path.Combine(log.Root, "audit_log.csv"),
                "Timestamp,User,Script,Message,Status\r\n" +
                $"{At(0)},ava,merge.py,Session ended for user: ava on H1,END\r\n" +       // the session before
                $"{At(1)},ava,merge.py,Session started - User: ava | Computer: H1,START\r\n" +
                $"{At(2)},ben,merge.py,Merged 3 rows,INFO\r\n" +                           // another user, interleaved
                $"{At(3)},ava,merge.py,Merged 5 rows,INFO\r\n" +
                $"{At(4)},ava,merge.py,KeyError: 'DATEFILLED',ERROR\r\n" +
                $"{At(5)},ava,merge.py,Session ended for user: ava on H1,END\r\n" +
                $"{At(6)},ava,merge.py,Session started - User: ava | Computer: H1,START\r\n"); // the session after
            using var server = log.Serve();
            string id = RawHttp.Json(server.Port, "/api/entries" + Q(server) + "&status=ERROR").GetProperty("entries")[0].GetProperty("id").GetString()!;
            JsonElement detail = RawHttp.Json(server.Port, "/api/entry" + Q(server) + "&id=" + id);
            Assert.True(detail.GetProperty("legacySession").GetBoolean());
            Assert.Equal(new[] { "START", "INFO", "ERROR", "END" },
                detail.GetProperty("session").EnumerateArray().Select(x => x.GetProperty("status").GetString()!));
            Assert.All(detail.GetProperty("session").EnumerateArray(), x => Assert.Equal("ava", x.GetProperty("user").GetString()));
        }

        [Fact]
        public void MissingRoot_FailsAtStart_WithAFileError()
        {
            using var t = new TempDir();
            var server = new AuditViewerServer(Fixtures.Location(t.Combine("no-such-root")), new AuditViewerOptions());
            var ex = Assert.Throws<RepricingException>(() => server.Start());
            Assert.Equal(ErrorCategories.File, ex.Category);
            Assert.Equal("AuditLogNotFound", ex.ErrorId);
            server.Dispose();
        }

        [Fact]
        public void TakenPort_IsAUserErrorThatSaysWhatToDo()
        {
            using var log = new ViewerLog(seed: false);
            using var first = log.Serve();
            var second = new AuditViewerServer(log.Location, new AuditViewerOptions { Port = first.Port });
            var ex = Assert.Throws<RepricingException>(() => second.Start());
            Assert.Equal(ErrorCategories.User, ex.Category);
            Assert.Contains("Choose another -Port", ex.Message);
            second.Dispose();
        }

        [Fact]
        public void Window_StaysWithinItsBounds_DroppingTheOldestAndSayingFromWhen()
        {
            var window = new EntryWindow(maxEntries: 100, maxChars: long.MaxValue);
            DateTimeOffset t0 = DateTimeOffset.Now.AddHours(-1);
            var batch = Enumerable.Range(0, 1000).Select(i => new AuditEntry { Timestamp = t0.AddSeconds(i), User = "u", Status = "INFO", Message = "m" + i }).ToList();
            window.Add(batch, t0.AddDays(-1));
            Assert.Equal(100, window.Count);
            Assert.Equal(t0.AddSeconds(900), window.TrimmedBefore);
            // By size: each entry is 64 + 1 + 4 + 5 characters (overhead, user, status, "m9xx"): 10 fit in 740.
            var small = new EntryWindow(maxEntries: 1000, maxChars: 740);
            small.Add(batch.Skip(900).ToList(), t0.AddDays(-1));
            Assert.Equal(10, small.Count);
            Assert.True(small.Chars <= 740);
        }

        [Fact]
        public void Server_OverItsEntryCap_HoldsOnlyTheNewest_AndTellsThePageFromWhen()
        {
            using var log = new ViewerLog(seed: false);
            DateTimeOffset t = DateTimeOffset.Now.AddHours(-1);
            AuditWriter writer = Fixtures.Log(log.Location, "bulk", "H1", () => t = t.AddSeconds(1));
            for (int i = 0; i < 300; i++) writer.Write(new AuditEntry { Script = "s", Status = "INFO", Message = "n" + i });
            using var server = new AuditViewerServer(log.Location, new AuditViewerOptions { MaxEntries = 100, ListLimit = 20, PollMilliseconds = 100 });
            server.Start();
            Assert.Equal(100, server.HeldEntries);
            JsonElement s = RawHttp.Json(server.Port, "/api/entries" + Q(server));
            Assert.Equal(100, s.GetProperty("summary").GetProperty("total").GetInt32());
            Assert.Equal(20, s.GetProperty("entries").GetArrayLength());
            Assert.Equal("n299", s.GetProperty("entries")[0].GetProperty("message").GetString());
            // The oldest held is n200, written 99 s before the newest (one entry a second).
            Assert.Equal(ViewerJson.Iso(DateTimeOffset.Parse(s.GetProperty("entries")[0].GetProperty("ts").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddSeconds(-99)),
                s.GetProperty("heldFrom").GetString());
        }

        [Fact]
        public void Window_DropsEntriesThatAgeOutOfTheRollingWindow()
        {
            var window = new EntryWindow(1000, long.MaxValue);
            DateTimeOffset now = DateTimeOffset.Now;
            window.Add(new[] { new AuditEntry { Timestamp = now.AddDays(-8) }, new AuditEntry { Timestamp = now.AddDays(-1) } }, now.AddDays(-7));
            Assert.Equal(1, window.Count);
            Assert.Null(window.TrimmedBefore); // ageing out is not trimming
        }

        [Fact]
        public void Stream_SendsAnEntryWrittenAfterTheSnapshot_WithinTwoSeconds()
        {
            using var log = new ViewerLog();
            using var server = log.Serve();
            long seq = RawHttp.Json(server.Port, "/api/entries" + Q(server)).GetProperty("seq").GetInt64();
            using var client = new TcpClient("127.0.0.1", server.Port);
            var stream = client.GetStream();
            byte[] req = Encoding.ASCII.GetBytes($"GET /api/stream{Q(server)}&user=newbie&after={seq} HTTP/1.1\r\nHost: 127.0.0.1:{server.Port}\r\n\r\n");
            stream.Write(req, 0, req.Length);
            var reader = new StreamReader(stream, Encoding.UTF8);
            string? line;
            while ((line = reader.ReadLine()) != null && !line.StartsWith("data: ", StringComparison.Ordinal)) { } // the first event: state only
            Assert.NotNull(line);
            Assert.Equal(0, JsonDocument.Parse(line!.Substring(6)).RootElement.GetProperty("entries").GetArrayLength());
            var clock = System.Diagnostics.Stopwatch.StartNew();
            log.Write("newbie", "USER_ERROR", "typed the wrong file");
            client.ReceiveTimeout = 5000;
            while ((line = reader.ReadLine()) != null && !line.StartsWith("data: ", StringComparison.Ordinal)) { }
            clock.Stop();
            JsonElement ev = JsonDocument.Parse(line!.Substring(6)).RootElement;
            Assert.Equal("typed the wrong file", ev.GetProperty("entries")[0].GetProperty("message").GetString());
            Assert.Equal(1, ev.GetProperty("summary").GetProperty("total").GetInt32());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        }
    }
}
