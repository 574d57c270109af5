using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Viewer;

namespace RepricingPS.Core.Tests.Viewer
{
    /// <summary>A log with a known mix of users, statuses and sessions, worked out by hand, and a viewer serving it.</summary>
    internal sealed class ViewerLog : IDisposable
    {
        private readonly TempDir _dir = new TempDir();

        /// <summary>Every error status written below (ERROR comes from the legacy file): the error set is exactly these 6 entries.</summary>
        internal static readonly string[] ErrorStatuses = { "FILE_ERROR", "USER_ERROR", "CONFIG_ERROR", "DATA_ERROR", "SYSTEM_ERROR", "ERROR" };

        /// <summary>All entries written: jdoe 4, Jordan 3, dan 3, legacy 2.</summary>
        internal const int Total = 12;

        internal ViewerLog(bool seed = true)
        {
            Root = _dir.Combine("root");
            Spool = _dir.Combine("spool");
            Directory.CreateDirectory(Root);
            Location = Fixtures.Location(Root, Spool);
            if (seed) Seed();
        }

        internal string Root { get; }
        internal string Spool { get; }
        internal AuditLocation Location { get; }
        internal string JdoeSession { get; private set; } = "";
        internal string Dir => _dir.Path;

        private void Seed()
        {
            DateTimeOffset t = DateTimeOffset.Now.AddHours(-3);
            Func<DateTimeOffset> clock = () => t = t.AddMinutes(1);
            AuditWriter jdoe = Fixtures.Log(Location, "jdoe", "L01403-DATA", clock);
            JdoeSession = jdoe.SessionId;
            jdoe.Write(new AuditEntry { Script = "Import-RepricingFile", Status = "START", Message = "Session started - User: jdoe" });
            jdoe.Write(new AuditEntry { Script = "Import-RepricingFile", Status = "INFO", Message = "Merged 120 rows" });
            jdoe.Write(new AuditEntry
            {
                Script = "Import-RepricingFile", Status = "FILE_ERROR", Message = "FILE ERROR - Read | File: /data/missing_data.xlsx | Error: Could not find file",
                File = "/data/missing_data.xlsx", ErrorType = "FILE_NOT_FOUND", Error = "Could not find file",
                Details = "at RepricingPS.Core.Repricing.FileImporter.Open()\n   at RepricingPS.Commands.ImportRepricingFileCommand.ProcessRecord()",
            });
            jdoe.Write(new AuditEntry { Script = "Import-RepricingFile", Status = "END", Message = "Session ended for user: jdoe on L01403-DATA" });
            AuditWriter jordan = Fixtures.Log(Location, "Jordan", "L02000-DATA", clock);
            jordan.Write(new AuditEntry { Script = "Invoke-Repricing", Status = "INFO", Message = "Saved output.xlsx" });
            jordan.Write(new AuditEntry { Script = "Invoke-Repricing", Status = "USER_ERROR", Message = "Missing column DATEFILLED", ErrorType = "MISSING_COLUMNS" });
            jordan.Write(new AuditEntry { Script = "Set-RepricingAuditConfiguration", Status = "CONFIG_ERROR", Message = "The log path is not set" });
            AuditWriter dan = Fixtures.Log(Location, "dan", "L03000-DATA", clock);
            dan.Write(new AuditEntry { Script = "Invoke-Repricing", Status = "WARNING", Message = "3 claims without a price" });
            dan.Write(new AuditEntry { Script = "Invoke-Repricing", Status = "DATA_ERROR", Message = "Unparseable date in row 5" });
            dan.Write(new AuditEntry { Script = "merge.py", Status = "SYSTEM_ERROR", Message = "Out of memory" });
            // Two legacy rows (local wall-clock time, whole seconds), older than the rest: the common legacy ERROR status
            // must be in the error set.
            string local = DateTime.Now.AddHours(-4).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            Fixtures.WriteLegacy(Path.Combine(Root, "audit_log.csv"),
                "Timestamp,User,Script,Message,Status\r\n" +
                $"{local},olduser,merge.py,Merged 5 rows,INFO\r\n" +
                $"{local},olduser,merge.py,KeyError: 'DATEFILLED',ERROR\r\n");
        }

        /// <summary>Writes one entry now as <paramref name="user"/>.</summary>
        internal void Write(string user, string status, string message) =>
            Fixtures.Log(Location, user, "HOST-" + user).Write(new AuditEntry { Script = "Test", Status = status, Message = message });

        internal AuditViewerServer Serve(int days = 7)
        {
            var server = new AuditViewerServer(Location, new AuditViewerOptions { Days = days, PollMilliseconds = 100 });
            server.Start();
            return server;
        }

        public void Dispose() => _dir.Dispose();
    }

    /// <summary>Raw HTTP/1.1 over a socket, so a test controls every header (a browser never lets a page set Host).</summary>
    internal static class RawHttp
    {
        internal static (int Status, string Head, string Body) Get(int port, string target, string? host = null, string? origin = null, string? cookie = null, string method = "GET")
        {
            using var client = new TcpClient("127.0.0.1", port);
            client.ReceiveTimeout = 10000;
            NetworkStream stream = client.GetStream();
            var request = new StringBuilder();
            request.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
            request.Append("Host: ").Append(host ?? "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            if (origin != null) request.Append("Origin: ").Append(origin).Append("\r\n");
            if (cookie != null) request.Append("Cookie: ").Append(cookie).Append("\r\n");
            request.Append("\r\n");
            byte[] bytes = Encoding.ASCII.GetBytes(request.ToString());
            stream.Write(bytes, 0, bytes.Length);
            using var all = new MemoryStream();
            stream.CopyTo(all);
            string text = Encoding.UTF8.GetString(all.ToArray());
            int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            string head = text.Substring(0, split);
            int status = int.Parse(head.Split(' ')[1], CultureInfo.InvariantCulture);
            return (status, head, text.Substring(split + 4));
        }

        internal static JsonElement Json(int port, string target)
        {
            var (status, _, body) = Get(port, target);
            if (status != 200) throw new InvalidOperationException($"{target}: HTTP {status}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        internal static List<string> Statuses(JsonElement snapshot)
        {
            var list = new List<string>();
            foreach (JsonElement e in snapshot.GetProperty("entries").EnumerateArray()) list.Add(e.GetProperty("status").GetString()!);
            return list;
        }
    }
}
