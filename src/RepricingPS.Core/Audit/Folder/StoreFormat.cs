using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CsvHelper;

namespace RepricingPS.Core.Audit.Folder
{
    /// <summary>The new-format CSV record (spec §7): the five legacy columns first, then the other fields.</summary>
    internal static class StoreFormat
    {
        internal const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffzzz";

        internal static readonly string[] Columns =
        {
            "Timestamp", "User", "Script", "Message", "Status",
            "Computer", "Action", "File", "ErrorType", "Error", "Details", "SessionId", "EntryId", "PSVersion", "OS", "Hash",
        };

        /// <summary>The columns the hash covers: all but Hash itself.</summary>
        internal const int HashedColumns = 15;

        private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with
        {
            // The formula guard is applied by Protect, before hashing, so the hash covers exactly the stored text.
            Injection = CsvInjection.None,
            // and quotes a guarded value, as CsvHelper's own escape does (OWASP: prefix and quote).
            ShouldQuote = (field, type, fieldIndex, recordIndex) => field.Length > 0 && field[0] == '\'',
            NewLine = "\r\n",
            WriteByteOrderMark = false,
        };

        private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

        /// <summary>The bytes that start a new file: a UTF-8 BOM (so Excel shows non-ASCII names) and the header.</summary>
        internal static byte[] HeaderBytes()
        {
            using var ms = new MemoryStream();
            ms.Write(Bom, 0, Bom.Length);
            using (var w = CsvWriter.Create(ms, WriterOptions, leaveOpen: true))
            {
                w.WriteRecord(Columns);
            }
            return ms.ToArray();
        }

        /// <summary>
        /// One complete record, CRLF-terminated, as UTF-8 bytes, with its hash chained to the previous record of the file:
        /// <see cref="ChainHash"/> over the previous hash and the record's stored field texts.
        /// </summary>
        internal static byte[] RecordBytes(AuditEntry e, string previousHash, out string hash)
        {
            string[] values = StoredFields(e);
            hash = ChainHash(previousHash, values);
            values[HashedColumns] = hash;
            using var ms = new MemoryStream(256);
            using (var w = CsvWriter.Create(ms, WriterOptions, leaveOpen: true))
            {
                w.WriteRecord(values);
            }
            return ms.ToArray();
        }

        /// <summary>
        /// The texts of a record exactly as they are stored (formula guard applied; what a CSV parser reads back from the
        /// file), with an empty Hash slot. Writer and checker hash these same texts.
        /// </summary>
        internal static string[] StoredFields(AuditEntry e) => new[]
        {
            e.Timestamp.ToString(TimestampFormat, CultureInfo.InvariantCulture),
            Protect(e.User), Protect(e.Script), Protect(e.Message), Protect(e.Status),
            Protect(e.Computer), Protect(e.Action), Protect(e.File), Protect(e.ErrorType), Protect(e.Error),
            Protect(e.Details), Protect(e.SessionId), Protect(e.EntryId), Protect(e.PSVersion), Protect(e.OS), "",
        };

        /// <summary>
        /// The one record hash of every store: SHA-256 (lower-case hex) of the previous hash and the first 15 field texts
        /// exactly as stored (<see cref="StoredFields"/>; for a checker, what it reads from the file), separated by U+001F.
        /// </summary>
        internal static string ChainHash(string previousHash, IList<string> storedFields)
        {
            var sb = new StringBuilder(previousHash.Length + 256);
            sb.Append(previousHash);
            for (int i = 0; i < HashedColumns; i++) sb.Append('\u001f').Append(storedFields[i]);
            return Hashing.Sha256Hex(sb.ToString());
        }

        /// <summary>
        /// The hash at the end of a file's last record ("...,hash\r\n"), or "" when it has none. With
        /// <paramref name="lineBreak"/> false, of a last record that lost only its line break ("...,hash"): that record is
        /// complete, the checker reads it as valid, so the chain goes on from it.
        /// </summary>
        internal static string LastHash(Stream fs, long length, bool lineBreak = true)
        {
            int tail = lineBreak ? 2 : 0;
            int take = (int)Math.Min(length, 68 + tail);
            if (take < 65 + tail) return "";
            var buf = new byte[take];
            fs.Position = length - take;
            int read = 0;
            while (read < take) { int n = fs.Read(buf, read, take - read); if (n <= 0) return ""; read += n; }
            if (lineBreak && (buf[take - 1] != '\n' || buf[take - 2] != '\r')) return "";
            if (buf[take - tail - 65] != ',') return "";
            for (int i = take - tail - 64; i < take - tail; i++)
            {
                byte c = buf[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return "";
            }
            return Encoding.ASCII.GetString(buf, take - tail - 64, 64);
        }

        /// <summary>
        /// The formula guard (spec §7): a value that starts with = + - @ TAB or CR gets a leading ' so Excel shows it as
        /// text; a value that itself starts with ' gets one more, so that <see cref="Unprotect"/> can remove exactly the
        /// added one and the value reads back identical.
        /// </summary>
        internal static string Protect(string? value)
        {
            if (string.IsNullOrEmpty(value)) return "";
            char c = value![0];
            return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\'' ? "'" + value : value;
        }

        /// <summary>Removes the one ' that the writer added.</summary>
        internal static string Unprotect(string value)
        {
            if (value.Length >= 2 && value[0] == '\'')
            {
                char c = value[1];
                if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\'') return value.Substring(1);
            }
            return value;
        }

        internal static bool TryParseTimestamp(string text, out DateTimeOffset value) =>
            DateTimeOffset.TryParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out value);

        /// <summary>Parses a legacy timestamp (yyyy-MM-dd HH:mm:ss, local wall clock) from its UTF-8 bytes without allocating.</summary>
        internal static bool TryParseLegacyTimestamp(ReadOnlySpan<byte> s, out DateTime value)
        {
            value = default;
            if (s.Length != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') return false;
            if (!Digits(s, 0, 4, out int y) || !Digits(s, 5, 2, out int mo) || !Digits(s, 8, 2, out int d)
                || !Digits(s, 11, 2, out int h) || !Digits(s, 14, 2, out int mi) || !Digits(s, 17, 2, out int sec)) return false;
            if (mo < 1 || mo > 12 || d < 1 || d > DateTime.DaysInMonth(y < 1 ? 1 : y, mo) || h > 23 || mi > 59 || sec > 59 || y < 1) return false;
            value = new DateTime(y, mo, d, h, mi, sec, DateTimeKind.Local);
            return true;
        }

        private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
        {
            value = 0;
            for (int i = start; i < start + count; i++)
            {
                int c = s[i] - '0';
                if (c < 0 || c > 9) return false;
                value = value * 10 + c;
            }
            return true;
        }

        /// <summary>
        /// A wall-clock time in <paramref name="zone"/> with that zone's UTC offset for the moment. False when the moment
        /// falls outside what a DateTimeOffset can hold (0001-01-01 00:00 east of UTC, 9999-12-31 23:59 west of it).
        /// </summary>
        internal static bool TryFromLocal(DateTime wallClock, TimeZoneInfo zone, out DateTimeOffset value)
        {
            DateTime unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
            // The reader's own zone takes the fast path of a Local-kind time (this runs for every legacy row).
            TimeSpan offset = ReferenceEquals(zone, TimeZoneInfo.Local)
                ? zone.GetUtcOffset(DateTime.SpecifyKind(wallClock, DateTimeKind.Local))
                : zone.GetUtcOffset(unspecified);
            long utcTicks = unspecified.Ticks - offset.Ticks;
            if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            {
                value = default;
                return false;
            }
            value = new DateTimeOffset(unspecified, offset);
            return true;
        }

        internal static Encoding Utf8 { get; } = new UTF8Encoding(false);
    }
}
