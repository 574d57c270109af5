using System;
using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace RepricingPS.Core.Audit.Postgres
{
    /// <summary>
    /// A log root that names a PostgreSQL database (central-store.md §1): a postgresql:// URI or a key-value
    /// connection string. Recognised before any path handling, so "Host=..." never becomes a folder.
    /// </summary>
    public sealed class PostgresTarget
    {
        private PostgresTarget(NpgsqlConnectionStringBuilder builder, bool hasPassword)
        {
            Host = builder.Host ?? "";
            Port = builder.Port;
            Database = string.IsNullOrEmpty(builder.Database) ? (builder.Username ?? "") : builder.Database!;
            Username = builder.Username ?? "";
            HasPassword = hasPassword;
            if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "RepricingPS";
            ConnectionString = builder.ConnectionString;
        }

        /// <summary>The server host name or address.</summary>
        public string Host { get; }
        /// <summary>The server port.</summary>
        public int Port { get; }
        /// <summary>The database.</summary>
        public string Database { get; }
        /// <summary>The login, or "" for the OS user's name (as libpq does).</summary>
        public string Username { get; }
        /// <summary>Whether the text given carried a password (refused for saved settings).</summary>
        public bool HasPassword { get; }

        /// <summary>The Npgsql connection string (may carry a password: never show it, log it or save it).</summary>
        internal string ConnectionString { get; }

        /// <summary>postgresql://user@host:port/database, never with a password: for messages, Source and the spool.</summary>
        public string Display =>
            "postgresql://" + (Username.Length > 0 ? Uri.EscapeDataString(Username) + "@" : "") + Host + ":" + Port.ToString(CultureInfo.InvariantCulture) + "/" + Uri.EscapeDataString(Database);

        /// <summary>True when a configured log root names a database rather than a folder.</summary>
        public static bool IsConnection(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return false;
            string v = value!.Trim();
            if (v.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || v.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)) return true;
            foreach (string part in v.Split(';'))
            {
                int eq = part.IndexOf('=');
                if (eq <= 0) continue;
                string key = part.Substring(0, eq).Trim();
                if (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <summary>Parses a URI or connection string; a malformed one is a CONFIG_ERROR that never echoes the text (it may hold a password).</summary>
        public static PostgresTarget Parse(string value)
        {
            string v = value.Trim();
            try
            {
                var b = v.IndexOf("://", StringComparison.Ordinal) > 0 ? FromUri(v) : new NpgsqlConnectionStringBuilder(v);
                if (string.IsNullOrEmpty(b.Host)) throw new ArgumentException("no host");
                bool hasPassword = !string.IsNullOrEmpty(b.Password);
                return new PostgresTarget(b, hasPassword);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FormatException || ex is UriFormatException || ex is System.Collections.Generic.KeyNotFoundException)
            {
                throw Failures.AuditStoreConnectionInvalid.With(
                    "The audit log root looks like a PostgreSQL connection but cannot be read (" + ex.GetType().Name + "). Use " +
                    "'postgresql://user@host:5432/database' or 'Host=...;Port=5432;Database=...;Username=...'.", null, null);
            }
        }

        /// <summary>postgresql://[user[:password]@]host[:port][/database][?key=value&amp;...] as libpq reads it.</summary>
        private static NpgsqlConnectionStringBuilder FromUri(string text)
        {
            var uri = new Uri(text);
            if (!uri.Scheme.Equals("postgresql", StringComparison.OrdinalIgnoreCase) && !uri.Scheme.Equals("postgres", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("not a postgresql URI");
            }
            var b = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
            if (uri.Port > 0) b.Port = uri.Port;
            if (uri.UserInfo.Length > 0)
            {
                int colon = uri.UserInfo.IndexOf(':');
                b.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo.Substring(0, colon));
                if (colon >= 0) b.Password = Uri.UnescapeDataString(uri.UserInfo.Substring(colon + 1));
            }
            string db = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
            if (db.Length > 0) b.Database = db;
            foreach (string pair in uri.Query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq <= 0) continue;
                string key = Uri.UnescapeDataString(pair.Substring(0, eq));
                string val = Uri.UnescapeDataString(pair.Substring(eq + 1));
                switch (key.ToLowerInvariant())
                {
                    case "sslmode": b["SSL Mode"] = val; break;
                    case "application_name": b.ApplicationName = val; break;
                    case "connect_timeout": b.Timeout = int.Parse(val, CultureInfo.InvariantCulture); break;
                    default: b[key] = val; break;
                }
            }
            return b;
        }

        // One data source (connection pool) per connection string per process. This is the one exception to
        // style.md's "never cached across invocations": a pool created per cmdlet call would open a new server
        // connection (a server process) for every audit write, and a scheduled task writing thousands of entries
        // would exhaust the server's connection slots.
        private static readonly ConcurrentDictionary<string, NpgsqlDataSource> DataSources = new ConcurrentDictionary<string, NpgsqlDataSource>(StringComparer.Ordinal);

        /// <summary>The process-wide pool for this connection string.</summary>
        internal NpgsqlDataSource DataSource => DataSources.GetOrAdd(ConnectionString, CreateDataSource);

        /// <summary>
        /// The pool. No Reset On Close: by default Npgsql sends DISCARD ALL with the first command after a pooled connection
        /// is reused, which made every audit write two statements and threw away the server's cached plan of the insert
        /// function (measured: 27-50% of the server's CPU per write). This module leaves no session state behind to reset:
        /// no SET, no LISTEN, no session advisory lock, temporary tables only ON COMMIT DROP, and an open transaction is still
        /// rolled back when a connection goes back to the pool.
        /// </summary>
        private static NpgsqlDataSource CreateDataSource(string connectionString) =>
            NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true });

        /// <summary>A fresh target that connects as another login (tests, and Initialize's grants).</summary>
        internal PostgresTarget With(Action<NpgsqlConnectionStringBuilder> change)
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            change(b);
            return new PostgresTarget(b, !string.IsNullOrEmpty(b.Password));
        }

        /// <summary>The display form.</summary>
        public override string ToString() => Display;
    }
}
