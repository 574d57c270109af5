// The Memory<byte> overloads CA1835 asks for do not exist in netstandard2.0 (Windows PowerShell 5.1), which this code targets too.
#pragma warning disable CA1835
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RepricingPS.Core.Audit;

namespace RepricingPS.Core.Viewer
{
    /// <summary>What Show-RepricingAuditLog asks of the viewer.</summary>
    public sealed class AuditViewerOptions
    {
        /// <summary>Only these users (case-insensitive, wildcards allowed); empty means everyone.</summary>
        public IList<string> Users { get; set; } = new List<string>();
        /// <summary>Only these status words (wildcards allowed); empty means every status.</summary>
        public IList<string> Statuses { get; set; } = new List<string>();
        /// <summary>The window the server holds: the last N days (default 7).</summary>
        public int Days { get; set; } = 7;
        /// <summary>The port to listen on; 0 picks a free one.</summary>
        public int Port { get; set; }
        /// <summary>How often the log is read for new entries, in milliseconds.</summary>
        public int PollMilliseconds { get; set; } = 250;
        /// <summary>At most this many entries are held (the oldest go first).</summary>
        public int MaxEntries { get; set; } = 100_000;
        /// <summary>At most this many characters of entry text are held (about twice as many bytes).</summary>
        public long MaxChars { get; set; } = 32L << 20;
        /// <summary>The page lists at most this many entries (the newest); counts and the chart cover all of them.</summary>
        public int ListLimit { get; set; } = 500;
        /// <summary>At most this many connections are served at once; more are refused with 503.</summary>
        public int MaxConnections { get; set; } = 256;
    }

    /// <summary>
    /// The live audit viewer: a small HTTP/1.1 server on the loopback interface (127.0.0.1 and ::1) built on
    /// TcpListener, serving the embedded page, JSON snapshots and a Server-Sent Events stream of new entries, all
    /// read-only. One poller follows the log (folder or database) through the audit service into a bounded shared window; every page filters
    /// that window. Every request must carry the token (query string or the cookie the page sets) and be addressed to
    /// the loopback host (DNS rebinding), or it gets 403.
    /// </summary>
    public sealed class AuditViewerServer : IDisposable
    {
        private static readonly string[] LoopbackHosts = { "127.0.0.1", "[::1]", "localhost" };

        private readonly AuditLocation _location;
        private readonly AuditViewerOptions _options;
        private readonly EntryWindow _window;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly List<TcpListener> _listeners = new List<TcpListener>();
        private readonly ConcurrentDictionary<TcpClient, byte> _clients = new ConcurrentDictionary<TcpClient, byte>();
        private readonly Dictionary<string, (string Type, byte[] Body)> _assets = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        private readonly List<Task> _loops = new List<Task>();
        private TaskCompletionSource<bool> _changed = NewSignal();
        private IAuditTail? _tail;
        private volatile string _unavailable = "";
        private long _malformed;
        private int _port;
        private bool _disposed;

        /// <summary>Creates the viewer for a resolved log root; nothing listens until <see cref="Start"/>.</summary>
        public AuditViewerServer(AuditLocation location, AuditViewerOptions options)
        {
            if (options.Days < 1) throw new ArgumentOutOfRangeException(nameof(options), "Days must be 1 or more.");
            _location = location;
            _options = options;
            _window = new EntryWindow(options.MaxEntries, options.MaxChars);
            Token = NewToken();
        }

        /// <summary>The secret every request must carry.</summary>
        public string Token { get; }

        /// <summary>The port listened on (after <see cref="Start"/>).</summary>
        public int Port => _port;

        /// <summary>The address to open: the page with the token.</summary>
        public string Url => $"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/?token={Token}";

        /// <summary>The one line Show-RepricingAuditLog writes.</summary>
        public string ListeningLine => "Listening on " + Url;

        /// <summary>Entries held now (bounded by the options).</summary>
        public int HeldEntries => _window.Count;

        /// <summary>
        /// Reads the window once (a missing or unreadable root fails here, as a FILE_ERROR RepricingException), binds
        /// the loopback addresses, and starts serving and following the log in the background.
        /// </summary>
        public void Start()
        {
            if (_tail != null) throw new InvalidOperationException("The viewer is started already.");
            LoadAssets();
            var query = new AuditQuery { Users = _options.Users, Statuses = _options.Statuses, Since = WindowStart() };
            // Only the newest the window can hold: a week of a busy log would otherwise be read whole into memory first.
            _tail = AuditService.Open(_location).Follow(query, _options.MaxEntries);
            PollOnce(throwOnError: true);
            Bind();
            foreach (TcpListener l in _listeners) _loops.Add(Task.Run(() => AcceptLoop(l)));
            _loops.Add(Task.Run(PollLoop));
        }

        private DateTimeOffset WindowStart() => AuditQuery.SinceDays(_options.Days, DateTimeOffset.Now);

        private static string NewToken()
        {
            var bytes = new byte[32];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            // base64url: safe in a URL and a cookie without escaping.
            return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private void Signal()
        {
            TaskCompletionSource<bool> old = Interlocked.Exchange(ref _changed, NewSignal());
            old.TrySetResult(true);
        }

        private void LoadAssets()
        {
            Assembly asm = typeof(AuditViewerServer).Assembly;
            foreach ((string name, string type) in new[] { ("index.html", "text/html; charset=utf-8"), ("viewer.js", "text/javascript; charset=utf-8"), ("viewer.css", "text/css; charset=utf-8") })
            {
                using Stream? s = asm.GetManifestResourceStream("RepricingPS.Core.Viewer.Assets." + name);
                if (s == null) throw new InvalidOperationException($"The viewer asset '{name}' is not embedded in {asm.GetName().Name}.");
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                _assets[name] = (type, ms.ToArray());
            }
        }

        private void Bind()
        {
            for (int attempt = 0; ; attempt++)
            {
                var v4 = new TcpListener(IPAddress.Loopback, _options.Port);
                try
                {
                    v4.Start();
                }
                catch (SocketException ex)
                {
                    throw Failures.ViewerPortUnavailable.With(
                        $"Cannot listen on 127.0.0.1:{_options.Port}: {ex.Message}. Choose another -Port, or leave it out to use a free one.", _options.Port, ex);
                }
                int port = ((IPEndPoint)v4.LocalEndpoint).Port;
                TcpListener? v6 = null;
                if (Socket.OSSupportsIPv6)
                {
                    v6 = new TcpListener(IPAddress.IPv6Loopback, port);
                    try
                    {
                        v6.Start();
                    }
                    catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && _options.Port == 0 && attempt < 10)
                    {
                        v4.Stop(); // someone else holds [::1] on this port: pick another free port for both
                        continue;
                    }
                    catch (SocketException)
                    {
                        v6 = null; // no IPv6 loopback on this machine (or the port is taken there): IPv4 alone still serves the page
                    }
                }
                _port = port;
                _listeners.Add(v4);
                if (v6 != null) _listeners.Add(v6);
                return;
            }
        }

        private void PollLoop()
        {
            while (!_stop.IsCancellationRequested)
            {
                if (_stop.Token.WaitHandle.WaitOne(_options.PollMilliseconds)) return;
                PollOnce(throwOnError: false);
            }
        }

        private void PollOnce(bool throwOnError)
        {
            var stats = new ReadStats();
            string unavailable;
            int added = 0;
            try
            {
                List<AuditEntry> fresh = _tail!.Poll(stats, _stop.Token);
                _window.Add(fresh, WindowStart(), stats.OlderLeftOut);
                added = fresh.Count;
                unavailable = "";
            }
            catch (RepricingException ex) when (!throwOnError)
            {
                unavailable = ex.Message;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (!throwOnError && (ex is IOException || ex is UnauthorizedAccessException))
            {
                unavailable = $"The audit log '{_location.Root}' cannot be read now: {ex.Message}";
            }
            Interlocked.Add(ref _malformed, stats.MalformedRows);
            bool changed = !string.Equals(unavailable, _unavailable, StringComparison.Ordinal);
            _unavailable = unavailable;
            if (added > 0 || changed || stats.MalformedRows > 0) Signal();
        }

        private async Task AcceptLoop(TcpListener listener)
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (SocketException)
                {
                    continue;
                }
                if (_clients.Count >= _options.MaxConnections)
                {
                    client.Close();
                    continue;
                }
                _clients[client] = 0;
                _ = Task.Run(() => Serve(client));
            }
        }

        private async Task Serve(TcpClient client)
        {
            try
            {
                client.NoDelay = true;
                NetworkStream stream = client.GetStream();
                HttpRequest? request;
                // A client gets 2 s to send its request head (a browser on this machine sends it at once); then the connection is
                // closed, so connections that never authenticate cannot hold the slots for long.
                using (var headTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    headTimeout.CancelAfter(TimeSpan.FromSeconds(2));
                    using (headTimeout.Token.Register(() => client.Close()))
                    {
                        request = await LoopbackHttp.ReadAsync(stream, headTimeout.Token).ConfigureAwait(false);
                    }
                }
                if (request == null) return;
                await Handle(request, stream).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                // the client went away, or the server is stopping
            }
            finally
            {
                _clients.TryRemove(client, out _);
                client.Close();
            }
        }

        private string CookieName => "rpsv_" + _port.ToString(CultureInfo.InvariantCulture);

        private bool IsLoopbackHost(string host)
        {
            string port = ":" + _port.ToString(CultureInfo.InvariantCulture);
            foreach (string h in LoopbackHosts)
            {
                if (string.Equals(host, h + port, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <summary>Why a request is refused, or null when it may be served.</summary>
        internal string? Refusal(HttpRequest r)
        {
            if (!IsLoopbackHost(r.Header("Host")))
            {
                return "Forbidden: this viewer answers only requests addressed to 127.0.0.1, [::1] or localhost on its own port.";
            }
            string origin = r.Header("Origin");
            if (origin.Length > 0 && !(origin.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && IsLoopbackHost(origin.Substring("http://".Length))))
            {
                return "Forbidden: requests from other sites are refused.";
            }
            string given = r.Query.TryGetValue("token", out string? t) ? t : r.Cookie(CookieName);
            if (!LoopbackHttp.SameToken(given, Token))
            {
                return "Forbidden: open the address Show-RepricingAuditLog printed (it carries the access token).";
            }
            return null;
        }

        private async Task Handle(HttpRequest r, Stream stream)
        {
            CancellationToken cancel = _stop.Token;
            string? refusal = Refusal(r);
            if (refusal != null)
            {
                await LoopbackHttp.WriteTextAsync(stream, 403, refusal, cancel).ConfigureAwait(false);
                return;
            }
            bool head = r.Method == "HEAD";
            if (r.Method != "GET" && !head)
            {
                await LoopbackHttp.WriteTextAsync(stream, 405, "The viewer is read-only: only GET is served.", cancel, "Allow: GET, HEAD\r\n").ConfigureAwait(false);
                return;
            }
            switch (r.Path)
            {
                case "/":
                case "/index.html":
                    (string type, byte[] page) = _assets["index.html"];
                    string cookie = $"Set-Cookie: {CookieName}={Token}; Path=/; HttpOnly; SameSite=Strict\r\n";
                    await LoopbackHttp.WriteAsync(stream, 200, type, page, cookie, head, cancel).ConfigureAwait(false);
                    return;
                case "/viewer.js":
                case "/viewer.css":
                    (string assetType, byte[] asset) = _assets[r.Path.Substring(1)];
                    await LoopbackHttp.WriteAsync(stream, 200, assetType, asset, "", head, cancel).ConfigureAwait(false);
                    return;
                case "/api/entries":
                    await LoopbackHttp.WriteAsync(stream, 200, "application/json; charset=utf-8", Entries(r), "", head, cancel).ConfigureAwait(false);
                    return;
                case "/api/entry":
                    byte[]? entry = Entry(r);
                    if (entry == null)
                    {
                        await LoopbackHttp.WriteTextAsync(stream, 404, "No such entry in the viewer's window.", cancel).ConfigureAwait(false);
                        return;
                    }
                    await LoopbackHttp.WriteAsync(stream, 200, "application/json; charset=utf-8", entry, "", head, cancel).ConfigureAwait(false);
                    return;
                case "/api/stream":
                    await StreamUpdates(r, stream, cancel).ConfigureAwait(false);
                    return;
                default:
                    await LoopbackHttp.WriteTextAsync(stream, 404, "Not found.", cancel).ConfigureAwait(false);
                    return;
            }
        }

        private ViewerFilter Filter(HttpRequest r) => ViewerFilter.From(r.Query, _options.Days, DateTimeOffset.Now);

        private byte[] Entries(HttpRequest r)
        {
            ViewerFilter f = Filter(r);
            var summary = new WindowSummary();
            List<HeldEntry> newest = _window.Snapshot(f, _options.ListLimit, summary, out long lastSeq);
            return Update(f, summary, newest, lastSeq);
        }

        /// <summary>What the page reads, from the first snapshot and from every streamed update alike.</summary>
        private byte[] Update(ViewerFilter f, WindowSummary summary, List<HeldEntry> entries, long lastSeq)
        {
            DateTimeOffset now = DateTimeOffset.Now;
            return ViewerJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("seq", lastSeq);
                State(w, f);
                ViewerJson.Summary(w, summary, f, now);
                w.WriteStartArray("entries");
                foreach (HeldEntry h in entries) ViewerJson.ListEntry(w, h);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private void State(System.Text.Json.Utf8JsonWriter w, ViewerFilter f)
        {
            w.WriteString("root", _location.Root);
            w.WriteNumber("maxDays", _options.Days);
            w.WriteNumber("days", f.Days);
            w.WriteNumber("listLimit", _options.ListLimit);
            w.WriteString("unavailable", _unavailable);
            w.WriteNumber("malformed", Interlocked.Read(ref _malformed));
            DateTimeOffset? trimmed = _window.TrimmedBefore;
            w.WriteString("heldFrom", trimmed.HasValue ? ViewerJson.Iso(trimmed.Value) : "");
        }

        private byte[]? Entry(HttpRequest r)
        {
            if (!r.Query.TryGetValue("id", out string? id) || id.Length == 0) return null;
            AuditEntry? e = _window.Find(id, out List<HeldEntry> session, out bool reconstructed);
            if (e == null) return null;
            return ViewerJson.Write(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("entry");
                ViewerJson.FullEntry(w, e);
                w.WriteBoolean("legacySession", reconstructed);
                w.WriteStartArray("session");
                foreach (HeldEntry h in session) ViewerJson.ListEntry(w, h);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        /// <summary>
        /// Server-Sent Events: each time the poller adds entries, the ones after this page's last number that match its
        /// filter (at most the list limit) and the counts for its filter. Nothing is queued per page: a slow page simply
        /// gets the newest entries when it is ready, so memory does not grow with the number of pages or their speed.
        /// </summary>
        private async Task StreamUpdates(HttpRequest r, Stream stream, CancellationToken cancel)
        {
            ViewerFilter f = Filter(r);
            long after;
            if (!long.TryParse(r.Header("Last-Event-ID"), NumberStyles.Integer, CultureInfo.InvariantCulture, out after))
            {
                r.Query.TryGetValue("after", out string? a);
                long.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out after);
            }
            byte[] head = Encoding.ASCII.GetBytes(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n" + LoopbackHttp.CommonHeaders + "\r\nretry: 1000\n\n");
            await stream.WriteAsync(head, 0, head.Length, cancel).ConfigureAwait(false);
            await stream.FlushAsync(cancel).ConfigureAwait(false);
            string lastState = "\0";
            while (!cancel.IsCancellationRequested)
            {
                Task changed = Volatile.Read(ref _changed).Task;
                List<HeldEntry> fresh = _window.Since(after, f, _options.ListLimit, out long lastSeq);
                string state = _unavailable + "|" + Interlocked.Read(ref _malformed).ToString(CultureInfo.InvariantCulture);
                if (fresh.Count > 0 || !string.Equals(state, lastState, StringComparison.Ordinal))
                {
                    var summary = new WindowSummary();
                    _window.Snapshot(f, 0, summary, out _);
                    byte[] json = Update(f, summary, fresh, lastSeq);
                    // JSON from Utf8JsonWriter has no raw line breaks (they are escaped), so it is one "data:" line.
                    byte[] ev = Encoding.UTF8.GetBytes("id: " + lastSeq.ToString(CultureInfo.InvariantCulture) + "\nevent: update\ndata: ");
                    await stream.WriteAsync(ev, 0, ev.Length, cancel).ConfigureAwait(false);
                    await stream.WriteAsync(json, 0, json.Length, cancel).ConfigureAwait(false);
                    await stream.WriteAsync(EventEnd, 0, EventEnd.Length, cancel).ConfigureAwait(false);
                    await stream.FlushAsync(cancel).ConfigureAwait(false);
                    lastState = state;
                }
                after = Math.Max(after, lastSeq);
                Task woke;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancel))
                {
                    woke = await Task.WhenAny(changed, Task.Delay(15000, idle.Token)).ConfigureAwait(false);
                    idle.Cancel(); // no 15 s timer left behind per update
                }
                if (woke != changed && !cancel.IsCancellationRequested)
                {
                    // A comment line keeps proxies and the browser from timing out, and finds a page that has gone.
                    await stream.WriteAsync(Ping, 0, Ping.Length, cancel).ConfigureAwait(false);
                    await stream.FlushAsync(cancel).ConfigureAwait(false);
                }
            }
        }

        private static readonly byte[] EventEnd = Encoding.ASCII.GetBytes("\n\n");
        private static readonly byte[] Ping = Encoding.ASCII.GetBytes(": ping\n\n");

        /// <summary>Stops listening, ends every open page's stream and the poller.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _stop.Cancel();
            foreach (TcpListener l in _listeners) l.Stop();
            foreach (TcpClient c in _clients.Keys) c.Close();
            try
            {
                Task.WaitAll(_loops.ToArray(), TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // a loop that failed while stopping has nothing left to do
            }
            _stop.Dispose();
        }
    }
}
