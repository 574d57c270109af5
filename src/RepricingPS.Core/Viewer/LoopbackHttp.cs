// The Memory<byte> overloads CA1835 asks for do not exist in netstandard2.0 (Windows PowerShell 5.1), which this code targets too.
#pragma warning disable CA1835
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RepricingPS.Core.Viewer
{
    /// <summary>One HTTP/1.1 request line and its headers (the viewer's requests carry no body).</summary>
    internal sealed class HttpRequest
    {
        internal string Method = "";
        internal string Path = "";
        internal readonly Dictionary<string, string> Query = new Dictionary<string, string>(StringComparer.Ordinal);
        internal readonly Dictionary<string, string> Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        internal string Header(string name) => Headers.TryGetValue(name, out string? v) ? v : "";

        /// <summary>The value of a cookie, or "".</summary>
        internal string Cookie(string name)
        {
            foreach (string part in Header("Cookie").Split(';'))
            {
                int eq = part.IndexOf('=');
                if (eq > 0 && string.Equals(part.Substring(0, eq).Trim(), name, StringComparison.Ordinal)) return part.Substring(eq + 1).Trim();
            }
            return "";
        }
    }

    /// <summary>
    /// The small part of HTTP/1.1 the viewer needs, over a socket: read a request head (bounded in size), write a
    /// response and close. One request per connection, so there is no keep-alive state to get wrong.
    /// </summary>
    internal static class LoopbackHttp
    {
        /// <summary>A request head larger than this is refused (431), so no client can make the server buffer more.</summary>
        internal const int MaxHeadBytes = 16 * 1024;

        /// <summary>Reads the request head; null when the client sent nothing usable (closed, too large, not HTTP).</summary>
        internal static async Task<HttpRequest?> ReadAsync(Stream stream, CancellationToken cancel)
        {
            var buffer = new byte[MaxHeadBytes];
            int length = 0;
            int end = -1;
            while (end < 0)
            {
                if (length == buffer.Length) return null;
                int n = await stream.ReadAsync(buffer, length, buffer.Length - length, cancel).ConfigureAwait(false);
                if (n <= 0) return null;
                int from = Math.Max(0, length - 3);
                length += n;
                for (int i = from; i + 3 < length; i++)
                {
                    if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') { end = i; break; }
                }
            }
            string head = Encoding.ASCII.GetString(buffer, 0, end);
            string[] lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
            string[] first = lines[0].Split(' ');
            if (first.Length != 3 || !first[2].StartsWith("HTTP/1.", StringComparison.Ordinal)) return null;
            var request = new HttpRequest { Method = first[0] };
            string target = first[1];
            int q = target.IndexOf('?');
            request.Path = q < 0 ? target : target.Substring(0, q);
            if (q >= 0) ParseQuery(target.Substring(q + 1), request.Query);
            for (int i = 1; i < lines.Length; i++)
            {
                int colon = lines[i].IndexOf(':');
                if (colon <= 0) continue;
                string name = lines[i].Substring(0, colon).Trim();
                if (!request.Headers.ContainsKey(name)) request.Headers[name] = lines[i].Substring(colon + 1).Trim();
            }
            return request;
        }

        /// <summary>application/x-www-form-urlencoded pairs; the first value of a repeated key wins.</summary>
        internal static void ParseQuery(string query, IDictionary<string, string> into)
        {
            foreach (string pair in query.Split('&'))
            {
                if (pair.Length == 0) continue;
                int eq = pair.IndexOf('=');
                string key = Decode(eq < 0 ? pair : pair.Substring(0, eq));
                string value = eq < 0 ? "" : Decode(pair.Substring(eq + 1));
                if (!into.ContainsKey(key)) into[key] = value;
            }
        }

        private static string Decode(string s)
        {
            try
            {
                return Uri.UnescapeDataString(s.Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                return s;
            }
        }

        /// <summary>Headers every response carries: no caching, no sniffing, no referrer (the address holds the token), a strict CSP.</summary>
        internal const string CommonHeaders =
            "Cache-Control: no-store\r\n" +
            "X-Content-Type-Options: nosniff\r\n" +
            "Referrer-Policy: no-referrer\r\n" +
            "X-Frame-Options: DENY\r\n" +
            "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; connect-src 'self'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'\r\n" +
            "Connection: close\r\n";

        internal static async Task WriteAsync(Stream stream, int status, string contentType, byte[] body, string extraHeaders, bool headOnly, CancellationToken cancel)
        {
            string head = $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n{CommonHeaders}{extraHeaders}\r\n";
            byte[] h = Encoding.ASCII.GetBytes(head);
            await stream.WriteAsync(h, 0, h.Length, cancel).ConfigureAwait(false);
            if (!headOnly && body.Length > 0) await stream.WriteAsync(body, 0, body.Length, cancel).ConfigureAwait(false);
            await stream.FlushAsync(cancel).ConfigureAwait(false);
        }

        internal static Task WriteTextAsync(Stream stream, int status, string text, CancellationToken cancel, string extraHeaders = "") =>
            WriteAsync(stream, status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text + "\n"), extraHeaders, false, cancel);

        internal static string Reason(int status) => status switch
        {
            200 => "OK",
            400 => "Bad Request",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            431 => "Request Header Fields Too Large",
            503 => "Service Unavailable",
            _ => "Error",
        };

        /// <summary>Compares two tokens in time independent of where they differ.</summary>
        internal static bool SameToken(string given, string expected)
        {
            if (given.Length != expected.Length) return false;
            int diff = 0;
            for (int i = 0; i < given.Length; i++) diff |= given[i] ^ expected[i];
            return diff == 0;
        }
    }
}
