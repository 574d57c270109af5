using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Audit.Postgres
{
    /// <summary>
    /// How an entry becomes a row and back: the instant plus the writer's offset, NUL escaped reversibly, and the
    /// hash of the folder store (StoreFormat.ChainHash) over the entry's own field texts, so each row can be checked alone.
    /// </summary>
    internal static class PostgresRow
    {
        /// <summary>The columns read back, in this order.</summary>
        internal const string SelectColumns =
            "id, ts, ts_offset, user_name, computer, script, status, message, action, file, error_type, error, details, session_id, entry_id, ps_version, os, is_legacy, escaped, hash";

        /// <summary>The 15 hashed field texts of an entry, in StoreFormat.Columns order.</summary>
        internal static string[] HashedFields(AuditEntry e) => new[]
        {
            e.Timestamp.ToString(StoreFormat.TimestampFormat, CultureInfo.InvariantCulture),
            e.User, e.Script, e.Message, e.Status, e.Computer, e.Action, e.File, e.ErrorType, e.Error, e.Details,
            e.SessionId, e.EntryId, e.PSVersion, e.OS,
        };

        internal static string Hash(AuditEntry e) => StoreFormat.ChainHash("", HashedFields(e));

        /// <summary>The entry as the store keeps it: millisecond precision and an EntryId.</summary>
        internal static AuditEntry Normalise(AuditEntry e)
        {
            long ticks = e.Timestamp.Ticks - e.Timestamp.Ticks % TimeSpan.TicksPerMillisecond;
            if (ticks == e.Timestamp.Ticks && e.EntryId.Length > 0) return e;
            return new AuditEntry
            {
                Timestamp = new DateTimeOffset(ticks, e.Timestamp.Offset),
                User = e.User, Computer = e.Computer, Script = e.Script, Status = e.Status, Message = e.Message, Action = e.Action,
                File = e.File, ErrorType = e.ErrorType, Error = e.Error, Details = e.Details, SessionId = e.SessionId,
                EntryId = e.EntryId.Length > 0 ? e.EntryId : Guid.NewGuid().ToString("N"),
                PSVersion = e.PSVersion, OS = e.OS, IsLegacy = e.IsLegacy,
            };
        }

        /// <summary>The text fields in column order (user_name .. os), escaped when the row needs it.</summary>
        internal static string[] TextColumns(AuditEntry e, out bool escaped)
        {
            string[] t = { e.User, e.Computer, e.Script, e.Status, e.Message, e.Action, e.File, e.ErrorType, e.Error, e.Details, e.SessionId, e.EntryId, e.PSVersion, e.OS };
            escaped = false;
            foreach (string s in t)
            {
                if (s != null && s.IndexOf('\0') >= 0) { escaped = true; break; }
            }
            for (int i = 0; i < t.Length; i++)
            {
                string s = t[i] ?? "";
                t[i] = escaped ? s.Replace("\\", "\\\\").Replace("\0", "\\0") : s;
            }
            return t;
        }

        internal static string Unescape(string s)
        {
            if (s.IndexOf('\\') < 0) return s;
            var sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == '\\' && i + 1 < s.Length)
                {
                    char n = s[++i];
                    sb.Append(n == '0' ? '\0' : n);
                }
                else sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>Parameters for repricing.insert_entry, in its argument order.</summary>
        internal static void AddInsertParameters(NpgsqlParameterCollection p, AuditEntry e)
        {
            string[] t = TextColumns(e, out bool escaped);
            p.Add(new NpgsqlParameter<DateTime> { TypedValue = e.Timestamp.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            p.Add(new NpgsqlParameter<short> { TypedValue = (short)e.Timestamp.Offset.TotalMinutes });
            foreach (string s in t) p.Add(new NpgsqlParameter<string> { TypedValue = s, NpgsqlDbType = NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter<bool> { TypedValue = e.IsLegacy });
            p.Add(new NpgsqlParameter<bool> { TypedValue = escaped });
            p.Add(new NpgsqlParameter<string> { TypedValue = Hash(e), NpgsqlDbType = NpgsqlDbType.Text });
        }

        internal const string InsertCall = "SELECT repricing.insert_entry($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)";

        /// <summary>One row (read with <see cref="SelectColumns"/>) as an entry; Source names the database and the row id.</summary>
        internal static AuditEntry Read(NpgsqlDataReader r, string display, out string storedHash, out long id)
        {
            id = r.GetInt64(0);
            DateTime utc = r.GetDateTime(1);
            var offset = TimeSpan.FromMinutes(r.GetInt16(2));
            bool escaped = r.GetBoolean(18);
            string T(int i) { string s = r.GetString(i); return escaped ? Unescape(s) : s; }
            storedHash = r.GetString(19);
            return new AuditEntry
            {
                Timestamp = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified).Add(offset), offset),
                User = T(3), Computer = T(4), Script = T(5), Status = T(6), Message = T(7), Action = T(8), File = T(9),
                ErrorType = T(10), Error = T(11), Details = T(12), SessionId = T(13), EntryId = T(14), PSVersion = T(15), OS = T(16),
                IsLegacy = r.GetBoolean(17),
                Source = display + " row " + id.ToString(CultureInfo.InvariantCulture),
            };
        }

        /// <summary>Binary COPY of a batch into a table with the insert columns.</summary>
        internal static void CopyIn(NpgsqlConnection c, string table, IEnumerable<AuditEntry> entries)
        {
            using NpgsqlBinaryImporter w = c.BeginBinaryImport(
                $"COPY {table} (ts, ts_offset, user_name, computer, script, status, message, action, file, error_type, error, details, session_id, entry_id, ps_version, os, is_legacy, escaped, hash) FROM STDIN (FORMAT BINARY)");
            foreach (AuditEntry raw in entries)
            {
                AuditEntry e = Normalise(raw);
                string[] t = TextColumns(e, out bool escaped);
                w.StartRow();
                w.Write(e.Timestamp.UtcDateTime, NpgsqlDbType.TimestampTz);
                w.Write((short)e.Timestamp.Offset.TotalMinutes, NpgsqlDbType.Smallint);
                foreach (string s in t) w.Write(s, NpgsqlDbType.Text);
                w.Write(e.IsLegacy, NpgsqlDbType.Boolean);
                w.Write(escaped, NpgsqlDbType.Boolean);
                w.Write(Hash(e), NpgsqlDbType.Text);
            }
            w.Complete();
        }
    }
}
