using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Npgsql;

namespace RepricingPS.Core.Audit.Postgres
{
    /// <summary>
    /// The versioned schema of the central store (central-store.md §2). Created and upgraded only by
    /// <see cref="Initialize"/>, which an administrator runs; writers and readers only check the version.
    /// </summary>
    public static class PostgresSchema
    {
        /// <summary>The schema version this module writes and reads.</summary>
        public const int CurrentVersion = 1;

        internal const string Table = "repricing.audit_entry";
        internal const string WriterRole = "repricing_writer";
        internal const string ReaderRole = "repricing_reader";
        internal const string AdminRole = "repricing_admin";

        internal const string InsertArguments =
            "timestamptz, smallint, text, text, text, text, text, text, text, text, text, text, text, text, text, text, boolean, boolean, text";

        /// <summary>Migrations: element i takes the schema from version i to version i + 1.</summary>
        private static readonly string[] Migrations =
        {
            @"
CREATE SCHEMA IF NOT EXISTS repricing;
CREATE TABLE IF NOT EXISTS repricing.schema_version (
    version    integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
-- One row per entry (audit-log.md §2). ts is the instant; ts_offset keeps the writer's UTC offset in
-- minutes, which timestamptz alone drops. A row that held a NUL (PostgreSQL text cannot) has escaped = true
-- and every text field of that row stores \ as \\ and NUL as \0; other rows store their text as is.
CREATE TABLE repricing.audit_entry (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ts         timestamptz NOT NULL,
    ts_offset  smallint    NOT NULL,
    user_name  text NOT NULL,
    computer   text NOT NULL,
    script     text NOT NULL,
    status     text NOT NULL,
    message    text NOT NULL,
    action     text NOT NULL,
    file       text NOT NULL,
    error_type text NOT NULL,
    error      text NOT NULL,
    details    text NOT NULL,
    session_id text NOT NULL,
    entry_id   text NOT NULL,
    ps_version text NOT NULL,
    os         text NOT NULL,
    is_legacy  boolean NOT NULL DEFAULT false,
    escaped    boolean NOT NULL DEFAULT false,
    hash       text NOT NULL,
    is_error   boolean GENERATED ALWAYS AS (upper(status) = 'ERROR' OR upper(right(status, 6)) = '_ERROR') STORED,
    CONSTRAINT audit_entry_entry_id_key UNIQUE (entry_id)
);
CREATE INDEX audit_entry_ts ON repricing.audit_entry (ts);
CREATE INDEX audit_entry_user_ts ON repricing.audit_entry (lower(user_name), ts);
CREATE INDEX audit_entry_errors_ts ON repricing.audit_entry (ts) WHERE is_error;
-- Writers insert through this function only: SECURITY DEFINER lets ON CONFLICT see the unique index
-- without giving writers SELECT, so they can neither read nor change what is stored.
CREATE FUNCTION repricing.insert_entry(
    p_ts timestamptz, p_ts_offset smallint, p_user text, p_computer text, p_script text, p_status text,
    p_message text, p_action text, p_file text, p_error_type text, p_error text, p_details text,
    p_session_id text, p_entry_id text, p_ps_version text, p_os text, p_is_legacy boolean, p_escaped boolean, p_hash text)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    INSERT INTO repricing.audit_entry (ts, ts_offset, user_name, computer, script, status, message, action, file,
        error_type, error, details, session_id, entry_id, ps_version, os, is_legacy, escaped, hash)
    VALUES (p_ts, p_ts_offset, p_user, p_computer, p_script, p_status, p_message, p_action, p_file,
        p_error_type, p_error, p_details, p_session_id, p_entry_id, p_ps_version, p_os, p_is_legacy, p_escaped, p_hash)
    ON CONFLICT (entry_id) DO NOTHING;
    RETURN FOUND;
END
$fn$;
REVOKE ALL ON FUNCTION repricing.insert_entry(" + InsertArguments + @") FROM PUBLIC;
",
        };

        /// <summary>Roles and grants, re-applied (idempotently) by every Initialize.</summary>
        private const string Grants = @"
DO $do$
DECLARE r text;
BEGIN
    -- Roles belong to the whole server, and the advisory lock above only to this database: an Initialize of another
    -- database of the same server may create a role at the same moment, and then this one finds it made (unique_violation).
    FOREACH r IN ARRAY ARRAY['repricing_writer', 'repricing_reader', 'repricing_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END
$do$;
REVOKE ALL ON ALL TABLES IN SCHEMA repricing FROM PUBLIC;
GRANT USAGE ON SCHEMA repricing TO repricing_writer, repricing_reader, repricing_admin;
GRANT SELECT ON repricing.schema_version TO repricing_writer, repricing_reader, repricing_admin;
GRANT EXECUTE ON FUNCTION repricing.insert_entry(" + InsertArguments + @") TO repricing_writer, repricing_admin;
GRANT SELECT ON repricing.audit_entry TO repricing_reader, repricing_admin;
GRANT INSERT, DELETE ON repricing.audit_entry TO repricing_admin;
";

        private static readonly ConcurrentDictionary<string, bool> Checked = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>The schema version of the database: 0 when it has none.</summary>
        public static int ReadVersion(PostgresTarget target)
        {
            try
            {
                using NpgsqlConnection c = target.DataSource.OpenConnection();
                return ReadVersion(c);
            }
            catch (Exception ex) when (!(ex is RepricingException))
            {
                throw PostgresErrors.Translate(ex, target, "read the schema version of");
            }
        }

        private static int ReadVersion(NpgsqlConnection c)
        {
            using var exists = new NpgsqlCommand("SELECT to_regclass('repricing.schema_version') IS NOT NULL", c);
            if (!(bool)exists.ExecuteScalar()!) return 0;
            using var max = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM repricing.schema_version", c);
            return Convert.ToInt32(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>Whether this login may call the insert function (repricing_writer or repricing_admin).</summary>
        internal static bool CanInsert(PostgresTarget target)
        {
            try
            {
                using NpgsqlConnection c = target.DataSource.OpenConnection();
                using var cmd = new NpgsqlCommand("SELECT has_function_privilege('repricing.insert_entry(" + InsertArguments + ")', 'EXECUTE')", c);
                return (bool)cmd.ExecuteScalar()!;
            }
            catch (Exception ex) when (!(ex is RepricingException))
            {
                throw PostgresErrors.Translate(ex, target, "check the rights on");
            }
        }

        /// <summary>
        /// Throws the named CONFIG_ERROR when the schema is missing or newer than this module; checked once
        /// per connection string per process (it sits beside the process-wide pool).
        /// </summary>
        internal static void EnsureUsable(PostgresTarget target, string doing)
        {
            if (Checked.ContainsKey(target.ConnectionString)) return;
            int v;
            try
            {
                using NpgsqlConnection c = target.DataSource.OpenConnection();
                v = ReadVersion(c);
            }
            catch (Exception ex) when (!(ex is RepricingException))
            {
                throw PostgresErrors.Translate(ex, target, doing);
            }
            if (v == 0) throw PostgresErrors.SchemaMissingError(target, doing);
            if (v > CurrentVersion) throw PostgresErrors.SchemaNewerError(target, v, CurrentVersion);
            Checked[target.ConnectionString] = true;
        }

        /// <summary>Forgets the version check (after Initialize, and in tests that change the schema under a running process).</summary>
        internal static void ForgetChecks() => Checked.Clear();

        /// <summary>
        /// Creates or upgrades the schema to <see cref="CurrentVersion"/> and (re)grants the roles, in one transaction,
        /// serialised with other Initialize runs. A database with a newer schema is refused with a CONFIG_ERROR.
        /// </summary>
        public static AuditStoreInitialization Initialize(PostgresTarget target, bool apply)
        {
            var result = new AuditStoreInitialization
            {
                Database = target.Display,
                SchemaVersion = CurrentVersion,
                Roles = new[] { WriterRole + ": insert only (through repricing.insert_entry)", ReaderRole + ": select only", AdminRole + ": select, insert (Copy-RepricingAuditLog), delete (retention)" },
                GrantExamples = new[]
                {
                    "CREATE ROLE \"alice\" LOGIN IN ROLE repricing_writer;            -- an analyst or scheduled task",
                    "CREATE ROLE \"support1\" LOGIN IN ROLE repricing_writer, repricing_reader;  -- support staff",
                    "GRANT repricing_admin TO \"dba1\";                                -- retention and copying old logs in",
                },
            };
            try
            {
                using NpgsqlConnection c = target.DataSource.OpenConnection();
                using NpgsqlTransaction tx = c.BeginTransaction();
                using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('RepricingPS schema'))", c, tx)) lockCmd.ExecuteNonQuery();
                int found = ReadVersion(c);
                result.PreviousVersion = found;
                if (found > CurrentVersion) throw PostgresErrors.SchemaNewerError(target, found, CurrentVersion);
                if (!apply) return result;
                for (int v = found; v < CurrentVersion; v++)
                {
                    using (var m = new NpgsqlCommand(Migrations[v], c, tx)) m.ExecuteNonQuery();
                    using var record = new NpgsqlCommand("INSERT INTO repricing.schema_version (version) VALUES ($1)", c, tx);
                    record.Parameters.Add(new NpgsqlParameter { Value = v + 1 });
                    record.ExecuteNonQuery();
                }
                using (var g = new NpgsqlCommand(Grants, c, tx)) g.ExecuteNonQuery();
                tx.Commit();
                result.Applied = true;
                ForgetChecks();
                return result;
            }
            catch (Exception ex) when (!(ex is RepricingException))
            {
                throw PostgresErrors.Translate(ex, target, "initialise the schema of");
            }
        }

        /// <summary>The migrations and grants as one script (for an administrator who prefers to run it with psql).</summary>
        public static string Script()
        {
            var parts = new List<string>();
            for (int v = 0; v < CurrentVersion; v++) parts.Add(Migrations[v] + $"INSERT INTO repricing.schema_version (version) VALUES ({v + 1});\n");
            parts.Add(Grants);
            return string.Join("\n", parts);
        }
    }
}
