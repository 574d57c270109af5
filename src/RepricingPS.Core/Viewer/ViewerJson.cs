using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using RepricingPS.Core.Audit;

namespace RepricingPS.Core.Viewer
{
    /// <summary>
    /// The JSON the page reads. System.Text.Json's writer escapes every string (its default encoder also escapes
    /// &lt; &gt; &amp; and quotes), so logged text stays data; the page in turn only ever puts it in textContent.
    /// </summary>
    internal static class ViewerJson
    {
        /// <summary>The list form of an entry carries at most this much of the message; the details carry all of it.</summary>
        internal const int ListMessageChars = 400;

        internal static byte[] Write(Action<Utf8JsonWriter> body)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                body(w);
            }
            return buffer.ToArray();
        }

        internal static void ListEntry(Utf8JsonWriter w, HeldEntry h)
        {
            AuditEntry e = h.Entry;
            w.WriteStartObject();
            w.WriteNumber("seq", h.Seq);
            w.WriteString("id", e.EntryId);
            w.WriteString("ts", Iso(e.Timestamp));
            w.WriteNumber("t", e.Timestamp.ToUnixTimeMilliseconds());
            w.WriteString("user", e.User);
            w.WriteString("computer", e.Computer);
            w.WriteString("script", e.Script);
            w.WriteString("status", e.Status);
            w.WriteBoolean("isError", e.IsError);
            w.WriteString("message", e.Message.Length > ListMessageChars ? e.Message.Substring(0, ListMessageChars) + "…" : e.Message);
            w.WriteString("file", e.File);
            w.WriteString("errorType", e.ErrorType);
            w.WriteString("session", e.SessionId);
            w.WriteEndObject();
        }

        internal static void FullEntry(Utf8JsonWriter w, AuditEntry e)
        {
            w.WriteStartObject();
            w.WriteString("Timestamp", Iso(e.Timestamp));
            w.WriteString("User", e.User);
            w.WriteString("Computer", e.Computer);
            w.WriteString("Script", e.Script);
            w.WriteString("Status", e.Status);
            w.WriteString("Message", e.Message);
            w.WriteString("Action", e.Action);
            w.WriteString("File", e.File);
            w.WriteString("ErrorType", e.ErrorType);
            w.WriteString("Error", e.Error);
            w.WriteString("Details", e.Details);
            w.WriteString("SessionId", e.SessionId);
            w.WriteString("EntryId", e.EntryId);
            w.WriteString("PSVersion", e.PSVersion);
            w.WriteString("OS", e.OS);
            w.WriteString("Source", e.Source);
            w.WriteBoolean("IsLegacy", e.IsLegacy);
            w.WriteBoolean("IsError", e.IsError);
            w.WriteEndObject();
        }

        internal static void Summary(Utf8JsonWriter w, WindowSummary s, ViewerFilter f, DateTimeOffset now)
        {
            w.WriteStartObject("summary");
            w.WriteNumber("total", s.Total);
            w.WriteStartArray("perStatus");
            foreach (KeyValuePair<string, long> kv in s.PerStatus)
            {
                w.WriteStartObject();
                w.WriteString("status", kv.Key);
                w.WriteNumber("count", kv.Value);
                w.WriteBoolean("isError", AuditStatus.IsError(kv.Key));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            // Every day of the window, zero days included, so the chart's bars line up with the calendar.
            w.WriteStartArray("errorsPerDay");
            DateTime first = f.Since.ToLocalTime().Date;
            DateTime last = now.ToLocalTime().Date;
            for (DateTime d = first; d <= last; d = d.AddDays(1))
            {
                s.ErrorsPerDay.TryGetValue(d, out long n);
                w.WriteStartObject();
                w.WriteString("day", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteNumber("errors", n);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("users");
            foreach (string u in s.Users) w.WriteStringValue(u);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        internal static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
    }
}
