using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CsvHelper;

namespace RepricingPS.Core.Audit
{
    /// <summary>
    /// Audit entries as a CSV for Excel (Export-RepricingAuditLog): the columns Export-Csv would write, in the order support
    /// reads them, with a UTF-8 BOM (so Excel shows non-ASCII names), CRLF, a timestamp Excel reads as a date and time, the
    /// formula guard on every text value, and no value longer than an Excel cell holds.
    /// </summary>
    public static class AuditExport
    {
        /// <summary>The columns, in order.</summary>
        public static readonly string[] Columns =
        {
            "Timestamp", "UtcOffset", "User", "Computer", "Script", "Status", "IsError", "Action", "File", "ErrorType", "Error",
            "Message", "Details", "SessionId", "EntryId", "PSVersion", "OS", "IsLegacy", "Source",
        };

        /// <summary>The most characters an Excel cell holds; a longer value is cut with a note saying so.</summary>
        public const int ExcelCellLimit = 32767;

        private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
        {
            Injection = CsvInjection.Escape,
            NewLine = "\r\n",
            WriteByteOrderMark = true,
        };

        /// <summary>
        /// Writes <paramref name="entries"/> to <paramref name="path"/> under a temporary name and moves it into place, so a
        /// failure leaves no half-written file. Returns the number of entries written.
        /// </summary>
        public static int Write(string path, IEnumerable<AuditEntry> entries, bool overwrite)
        {
            string full = Path.GetFullPath(path);
            string? folder = Path.GetDirectoryName(full);
            if (folder is null || !Directory.Exists(folder))
            {
                throw Failures.ExportFolderNotFound.With(
                    $"Cannot export to '{full}': the folder '{folder}' does not exist. Create it first or choose another -Path.", full);
            }
            if (!overwrite && File.Exists(full))
            {
                throw Failures.OutputExists.With(
                    $"'{full}' already exists. Use -Force to replace it.", full);
            }
            string temp = Path.Combine(folder, "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            int count = 0;
            try
            {
                using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                using (CsvWriter w = CsvWriter.Create(fs, Options))
                {
                    w.WriteRecord(Columns);
                    foreach (AuditEntry e in entries)
                    {
                        w.WriteRecord(Row(e));
                        count++;
                    }
                }
                if (overwrite && File.Exists(full)) File.Delete(full);
                File.Move(temp, full);
                return count;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                TryDelete(temp);
                throw Failures.ExportWriteFailed.With(
                    $"Cannot write '{full}': {ex.Message}", full, ex);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        /// <summary>One entry's fields in <see cref="Columns"/> order.</summary>
        public static string[] Row(AuditEntry e) => new[]
        {
            e.Timestamp.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            "UTC" + e.Timestamp.ToString("zzz", CultureInfo.InvariantCulture),   // "+01:00" alone would look like a formula to Excel
            Cell(e.User), Cell(e.Computer), Cell(e.Script), Cell(e.Status), e.IsError ? "True" : "False",
            Cell(e.Action), Cell(e.File), Cell(e.ErrorType), Cell(e.Error), Cell(e.Message), Cell(e.Details),
            Cell(e.SessionId), Cell(e.EntryId), Cell(e.PSVersion), Cell(e.OS), e.IsLegacy ? "True" : "False", Cell(e.Source),
        };

        /// <summary>A value cut to what an Excel cell holds (room left for the guard's quote and the note).</summary>
        internal static string Cell(string value)
        {
            const int keep = ExcelCellLimit - 64;
            if (value.Length <= keep) return value;
            return value.Substring(0, keep) + $"... [cut for Excel: {value.Length.ToString("N0", CultureInfo.InvariantCulture)} characters]";
        }

        private static void TryDelete(string path)
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
