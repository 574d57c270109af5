using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Npgsql;
using NpgsqlTypes;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Audit.Postgres
{
    /// <summary>Entries of one writer-local day that retention would remove (or removed) from a database.</summary>
    public sealed class ExpiredDay
    {
        /// <summary>The writer-local day.</summary>
        public DateTime Day { get; set; }
        /// <summary>Entries of that day.</summary>
        public long Entries { get; set; }
    }

    /// <summary>
    /// The central store (central-store.md): inserts that are idempotent on EntryId, queries whose filters, windows
    /// and user matching run in SQL with parameters (never text built from user input), aggregates, retention of
    /// whole days and a check of the stored hashes.
    /// </summary>
    public sealed class PostgresAuditStore : IAuditStore
    {
        private readonly PostgresTarget _target;
        private readonly FolderAuditStore? _spool;
        private readonly string? _spoolFolder;
        private string? _down;

        /// <summary>A store for one database; with a spool root, writes the server cannot take go to the local spool.</summary>
        public PostgresAuditStore(PostgresTarget target, string? spoolRoot = null)
        {
            _target = target;
            // The spool is keyed by host, port, database and user (the display form), never by the password.
            if (spoolRoot != null)
            {
                _spool = new FolderAuditStore(new AuditLocation(target.Display, AuditPathSource.Parameter, target.Display, spoolRoot));
                _spoolFolder = FolderAuditStore.SpoolFolderFor(spoolRoot, target.Display);
            }
        }

        /// <summary>The database.</summary>
        public PostgresTarget Target => _target;

        /// <inheritdoc/>
        public string Root => _target.Display;

        /// <summary>The spool folder for this database on this machine.</summary>
        public string? SpoolFolder => _spoolFolder;

        /// <summary>
        /// Inserts the entry (committed when this returns) and then moves spooled entries in; when the server cannot be
        /// reached or refuses the insert, the entry goes to the local spool and the result names the cause. After one
        /// such failure this store spools directly, so a down server costs one timeout per cmdlet call, not one per entry.
        /// </summary>
        public AppendResult Append(AuditEntry entry)
        {
            if (_spool == null)
            {
                Insert(entry);
                return new AppendResult { File = _target.Display };
            }
            if (_down == null)
            {
                try
                {
                    Insert(entry);
                    var stored = new AppendResult { File = _target.Display };
                    try
                    {
                        if (Directory.Exists(_spoolFolder!)) stored.Drained = DrainSpool(CancellationToken.None);
                    }
                    catch (Exception ex) when (!(ex is OutOfMemoryException))
                    {
                        stored.DrainProblem = ex.Message; // stored; the spooled entries stay for the next write or Sync
                    }
                    return stored;
                }
                catch (RepricingException ex)
                {
                    _down = ex.Message;
                }
            }
            return _spool.Spool(entry, _down);
        }

        /// <inheritdoc/>
        public int SpooledCount() => _spool == null ? 0 : _spool.SpooledCount();

        /// <summary>Moves this machine's spooled entries for this database in (ON CONFLICT: each exactly once).</summary>
        public int DrainSpool(CancellationToken cancel) => _spool == null ? 0 : _spool.DrainSpoolInto(entries => InsertMany(entries), cancel);

        /// <inheritdoc/>
        public List<AuditEntry> Read(AuditQuery query, ReadStats stats, IProgress<string>? progress, CancellationToken cancel)
        {
            progress?.Report(_target.Display);
            List<AuditEntry> rows = Query(query, stats, 0, cancel);
            List<AuditEntry> spooled = ReadSpooled(query, stats, cancel);
            if (spooled.Count == 0) return rows;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (AuditEntry e in rows) seen.Add(e.EntryId);
            foreach (AuditEntry e in spooled)
            {
                if (seen.Add(e.EntryId)) rows.Add(e);
                else stats.Duplicates++;
            }
            AuditLogReader.SortOldestFirst(rows);
            return rows;
        }

        private List<AuditEntry> ReadSpooled(AuditQuery query, ReadStats stats, CancellationToken cancel)
        {
            var result = new List<AuditEntry>();
            string? folder = SpoolFolder;
            if (folder == null || !Directory.Exists(folder)) return result;
            var filter = new RowFilter(query);
            foreach (string f in Directory.GetFiles(folder, "*.csv"))
            {
                stats.Files.Add(f);
                result.AddRange(AuditLogReader.ReadStoreFile(f, filter, stats, cancel));
            }
            return result;
        }

        /// <inheritdoc/>
        public ErrorSummary Summarize(AuditQuery window, ReadStats stats, int days, int top, DateTimeOffset now, IProgress<string>? progress, CancellationToken cancel)
        {
            // With entries waiting in the spool the summary must count them too: then it is built from the entries.
            if (SpooledCount() > 0) return SupportReports.Summarize(Read(window, stats, progress, cancel), stats, window, days, top, now);
            progress?.Report(_target.Display);
            stats.Files.Add(_target.Display);
            return PostgresSummary.Summarize(this, window, stats, days, top, now, cancel);
        }

        /// <inheritdoc/>
        public IAuditTail Follow(AuditQuery query, int last) => new PostgresTail(this, query, last);

        /// <summary>Inserts one entry, committed before it returns; false when an entry with its EntryId is already there.</summary>
        public bool Insert(AuditEntry entry) => InsertMany(new[] { entry }) == 1;

        /// <summary>Inserts entries in one transaction through repricing.insert_entry; returns how many were new.</summary>
        public int InsertMany(IList<AuditEntry> entries)
        {
            if (entries.Count == 0) return 0;
            PostgresSchema.EnsureUsable(_target, "write to");
            try
            {
                using NpgsqlConnection c = _target.DataSource.OpenConnection();
                using NpgsqlTransaction? tx = entries.Count > 1 ? c.BeginTransaction() : null;
                using var batch = new NpgsqlBatch(c, tx);
                foreach (AuditEntry e in entries)
                {
                    var cmd = new NpgsqlBatchCommand(PostgresRow.InsertCall);
                    PostgresRow.AddInsertParameters(cmd.Parameters, PostgresRow.Normalise(e));
                    batch.BatchCommands.Add(cmd);
                }
                // A prepared statement lives as long as the pooled connection (No Reset On Close keeps it): the first write on a
                // connection prepares the call, every later one sends only Bind/Execute, and the server skips parsing and planning.
                batch.Prepare();
                int added = 0;
                using (NpgsqlDataReader r = batch.ExecuteReader())
                {
                    do
                    {
                        while (r.Read()) if (r.GetBoolean(0)) added++;
                    }
                    while (r.NextResult());
                }
                tx?.Commit();
                return added;
            }
            catch (Exception ex) when (!(ex is RepricingException))
            {
                throw PostgresErrors.Translate(ex, _target, "write to");
            }
        }

        /// <summary>
        /// Matching entries, oldest first (ties in row order); with <paramref name="newest"/> &gt; 0 only the newest that many,
        /// still oldest first. Each entry's Source names the database and the row id.
        /// </summary>
        public List<AuditEntry> Query(AuditQuery query, ReadStats stats, int newest = 0, CancellationToken cancel = default)
        {
            PostgresSchema.EnsureUsable(_target, "read");
            var sql = new StringBuilder("SELECT " + PostgresRow.SelectColumns + " FROM " + PostgresSchema.Table + " WHERE true");
            var parameters = new List<NpgsqlParameter>();
            Where(query, sql, parameters);
            sql.Append(newest > 0 ? " ORDER BY ts DESC, id DESC LIMIT " + newest.ToString(CultureInfo.InvariantCulture) : " ORDER BY ts, id");
            var result = new List<AuditEntry>();
            Run(sql.ToString(), parameters, "read", r => result.Add(PostgresRow.Read(r, _target.Display, out _, out _)), cancel);
            if (newest > 0) result.Reverse();
            stats.Files.Add(_target.Display);
            stats.EntriesInWindow += result.Count;
            return result;
        }

        /// <summary>How many entries match (an aggregate in SQL).</summary>
        public long Count(AuditQuery query, CancellationToken cancel = default)
        {
            PostgresSchema.EnsureUsable(_target, "read");
            var sql = new StringBuilder("SELECT count(*) FROM " + PostgresSchema.Table + " WHERE true");
            var parameters = new List<NpgsqlParameter>();
            Where(query, sql, parameters);
            long n = 0;
            Run(sql.ToString(), parameters, "read", r => n = r.GetInt64(0), cancel);
            return n;
        }

        /// <summary>Counts of matching entries grouped by one column (status, user_name, script or file), largest first.</summary>
        public List<KeyValuePair<string, long>> CountBy(AuditQuery query, string column, CancellationToken cancel = default)
        {
            if (Array.IndexOf(GroupColumns, column) < 0) throw new ArgumentOutOfRangeException(nameof(column));
            PostgresSchema.EnsureUsable(_target, "read");
            var sql = new StringBuilder($"SELECT {column}, count(*) FROM {PostgresSchema.Table} WHERE true");
            var parameters = new List<NpgsqlParameter>();
            Where(query, sql, parameters);
            sql.Append($" GROUP BY {column} ORDER BY count(*) DESC, {column}");
            var result = new List<KeyValuePair<string, long>>();
            Run(sql.ToString(), parameters, "read", r => result.Add(new KeyValuePair<string, long>(r.GetString(0), r.GetInt64(1))), cancel);
            return result;
        }

        private static readonly string[] GroupColumns = { "status", "user_name", "script", "file", "computer", "os", "ps_version" };

        /// <summary>The WHERE clauses of a query; every value from the user goes in as a parameter.</summary>
        internal static void Where(AuditQuery q, StringBuilder sql, List<NpgsqlParameter> p)
        {
            string Add(NpgsqlParameter parameter) { p.Add(parameter); return "$" + p.Count.ToString(CultureInfo.InvariantCulture); }
            if (q.Since.HasValue) sql.Append(" AND ts >= ").Append(Add(new NpgsqlParameter<DateTime> { TypedValue = q.Since.Value.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz }));
            if (q.Until.HasValue) sql.Append(" AND ts <= ").Append(Add(new NpgsqlParameter<DateTime> { TypedValue = q.Until.Value.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz }));
            if (q.ErrorsOnly) sql.Append(" AND is_error");
            Names(q.Users, "user_name", sql, Add);
            Names(q.Statuses, "status", sql, Add);
            Names(q.Scripts, "script", sql, Add);
            if (!string.IsNullOrEmpty(q.Match))
            {
                string m = Add(new NpgsqlParameter<string> { TypedValue = q.Match!, NpgsqlDbType = NpgsqlDbType.Text });
                sql.Append($" AND (strpos(lower(message), lower({m})) > 0 OR strpos(lower(error), lower({m})) > 0 OR strpos(lower(file), lower({m})) > 0)");
            }
        }

        /// <summary>
        /// Case-insensitive names, exact unless they hold wildcards (spec §8): exact names compare lower(column) with the
        /// lowered list (the lower(user_name), ts index serves it); patterns become anchored regular expressions.
        /// </summary>
        private static void Names(IList<string> names, string column, StringBuilder sql, Func<NpgsqlParameter, string> add)
        {
            if (names == null || names.Count == 0) return;
            var exact = new List<string>();
            var patterns = new List<string>();
            foreach (string raw in names)
            {
                if (string.IsNullOrWhiteSpace(raw)) continue;
                string n = raw.Trim();
                if (NameMatcher.HasWildcard(n)) patterns.Add(NameMatcher.WildcardToRegex(n).ToString());
                else exact.Add(n);
            }
            if (exact.Count == 0 && patterns.Count == 0) return;
            var alternatives = new List<string>();
            if (exact.Count > 0)
            {
                string a = add(new NpgsqlParameter<string[]> { TypedValue = exact.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                alternatives.Add(column == "user_name"
                    ? $"lower(user_name) = ANY(ARRAY(SELECT lower(x) FROM unnest({a}) x))"
                    : $"lower({column}) = ANY(ARRAY(SELECT lower(x) FROM unnest({a}) x))");
            }
            if (patterns.Count > 0)
            {
                string a = add(new NpgsqlParameter<string[]> { TypedValue = patterns.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                alternatives.Add($"{column} ~* ANY({a})");
            }
            sql.Append(" AND (").Append(string.Join(" OR ", alternatives)).Append(')');
        }

        internal void Run(string sql, List<NpgsqlParameter> parameters, string doing, Action<NpgsqlDataReader> row, CancellationToken cancel)
        {
            try
            {
                using NpgsqlConnection c = _target.DataSource.OpenConnection();
                using var cmd = new NpgsqlCommand(sql, c);
                foreach (NpgsqlParameter p in parameters) cmd.Parameters.Add(p);
                using CancellationTokenRegistration reg = cancel.Register(() => { try { cmd.Cancel(); } catch (NpgsqlException) { } });
                using NpgsqlDataReader r = cmd.ExecuteReader();
                while (r.Read()) row(r);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled && cancel.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancel);
            }
            catch (Exception ex) when (!(ex is RepricingException) && !(ex is OperationCanceledException))
            {
                throw PostgresErrors.Translate(ex, _target, doing);
            }
        }

        /// <summary>The highest row id now (0 for an empty table): where a tail starts.</summary>
        internal long MaxId()
        {
            long max = 0;
            Run("SELECT coalesce(max(id), 0) FROM " + PostgresSchema.Table, new List<NpgsqlParameter>(), "read", r => max = r.GetInt64(0), CancellationToken.None);
            return max;
        }

        /// <summary>Entries with a row id above <paramref name="afterId"/> that match the query, in row order.</summary>
        internal List<(long Id, AuditEntry Entry)> ReadAfter(long afterId, AuditQuery query, CancellationToken cancel)
        {
            var sql = new StringBuilder("SELECT " + PostgresRow.SelectColumns + " FROM " + PostgresSchema.Table + " WHERE id > $1");
            var parameters = new List<NpgsqlParameter> { new NpgsqlParameter<long> { TypedValue = afterId } };
            Where(query, sql, parameters);
            sql.Append(" ORDER BY id");
            var result = new List<(long, AuditEntry)>();
            Run(sql.ToString(), parameters, "read", r =>
            {
                AuditEntry e = PostgresRow.Read(r, _target.Display, out _, out long id);
                result.Add((id, e));
            }, cancel);
            return result;
        }

        private const string WriterDay = "(ts AT TIME ZONE 'UTC' + ts_offset * interval '1 minute')::date";

        /// <summary>
        /// Whole writer-local days before <paramref name="today"/> minus <paramref name="olderThanDays"/>, with their entry
        /// counts; removed when <paramref name="remove"/> (an administrator's right: repricing_admin).
        /// </summary>
        public List<ExpiredDay> Retain(int olderThanDays, DateTime today, bool remove, CancellationToken cancel = default)
        {
            PostgresSchema.EnsureUsable(_target, "apply retention to");
            DateTime cutoff = today.Date.AddDays(-olderThanDays);
            // The index on ts narrows the scan; the writer-local day decides (offsets lie within ±14 hours).
            var p = new List<NpgsqlParameter>
            {
                new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(cutoff.AddHours(14), DateTimeKind.Utc), NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new NpgsqlParameter<DateTime> { TypedValue = cutoff, NpgsqlDbType = NpgsqlDbType.Date },
            };
            var days = new List<ExpiredDay>();
            string where = $"ts < $1 AND {WriterDay} < $2";
            Run($"SELECT {WriterDay} AS day, count(*) FROM {PostgresSchema.Table} WHERE {where} GROUP BY day ORDER BY day", p, "apply retention to", r => days.Add(new ExpiredDay { Day = r.GetDateTime(0), Entries = r.GetInt64(1) }), cancel);
            if (remove && days.Count > 0)
            {
                var p2 = new List<NpgsqlParameter> { p[0].Clone(), p[1].Clone() };
                Run($"DELETE FROM {PostgresSchema.Table} WHERE {where}", p2, "apply retention to", _ => { }, cancel);
            }
            return days;
        }

        /// <summary>Removes the entries of one writer-local day (an administrator's right: repricing_admin); returns how many.</summary>
        public long RemoveDay(DateTime day, CancellationToken cancel = default)
        {
            PostgresSchema.EnsureUsable(_target, "apply retention to");
            var p = new List<NpgsqlParameter>
            {
                new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(day.Date.AddHours(-14), DateTimeKind.Utc), NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(day.Date.AddHours(38), DateTimeKind.Utc), NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new NpgsqlParameter<DateTime> { TypedValue = day.Date, NpgsqlDbType = NpgsqlDbType.Date },
            };
            long removed = 0;
            Run($"WITH d AS (DELETE FROM {PostgresSchema.Table} WHERE ts >= $1 AND ts < $2 AND {WriterDay} = $3 RETURNING 1) SELECT count(*) FROM d", p, "apply retention to",
                r => removed = r.GetInt64(0), cancel);
            return removed;
        }

        /// <summary>
        /// Recomputes every row's hash from its fields (Test-RepricingAuditLog). Rows cannot be chained in a shared table;
        /// what stops an edit is that writers may only insert (the server refuses their UPDATE and DELETE).
        /// </summary>
        public IntegrityReport Verify(CancellationToken cancel = default)
        {
            PostgresSchema.EnsureUsable(_target, "verify");
            var report = new IntegrityReport { File = _target.Display };
            var problems = new List<string>();
            Run("SELECT " + PostgresRow.SelectColumns + " FROM " + PostgresSchema.Table + " ORDER BY id", new List<NpgsqlParameter>(), "verify", r =>
            {
                AuditEntry e = PostgresRow.Read(r, _target.Display, out string stored, out long id);
                report.Entries++;
                if (!string.Equals(stored, PostgresRow.Hash(e), StringComparison.Ordinal))
                {
                    report.ChainBreaks++;
                    if (problems.Count < 1000) problems.Add($"row {id}: the stored hash does not match the row's fields (it was changed after it was written)");
                }
            }, cancel);
            problems.Add("writers can only insert (repricing_writer has no UPDATE or DELETE); only repricing_admin can remove whole days");
            report.Problems = problems.ToArray();
            return report;
        }
    }
}
