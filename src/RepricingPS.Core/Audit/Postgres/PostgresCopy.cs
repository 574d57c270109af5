using System;
using System.Collections.Generic;
using System.Threading;
using Npgsql;
using RepricingPS.Core.Audit.Folder;

namespace RepricingPS.Core.Audit.Postgres
{
    /// <summary>Progress of a copy: the file being read and the totals so far.</summary>
    public sealed class AuditCopyProgress
    {
        /// <summary>The file being read.</summary>
        public string File { get; set; } = "";
        /// <summary>Its position among the files.</summary>
        public int FileNumber { get; set; }
        /// <summary>How many files there are.</summary>
        public int FileCount { get; set; }
        /// <summary>Entries read so far.</summary>
        public long Read { get; set; }
    }

    /// <summary>
    /// Copies every entry of a folder root (new-format partitions, legacy files, that root's spool) into a database with
    /// binary COPY into a temporary staging table and one INSERT ... ON CONFLICT (entry_id) DO NOTHING per batch. Each
    /// batch commits on its own, so an interrupted copy keeps what it did and a re-run adds only the rest. The folder
    /// readers give legacy entries their usual deterministic EntryIds, so two runs (or two machines) never double an entry.
    /// </summary>
    public static class PostgresCopy
    {
        internal const int BatchSize = 50_000;

        /// <summary>Runs the copy; needs repricing_admin (or the schema owner) on the destination.</summary>
        public static AuditCopyResult Copy(AuditLocation source, PostgresTarget destination, IProgress<AuditCopyProgress>? progress, CancellationToken cancel)
        {
            PostgresSchema.EnsureUsable(destination, "copy into");
            var reader = new AuditLogReader(source);
            List<AuditFile> files = reader.FindFiles(null, null);
            var result = new AuditCopyResult { Path = source.Root, Destination = destination.Display, Files = files.Count };
            var stats = new ReadStats();
            var all = new RowFilter(new AuditQuery());
            var batch = new List<AuditEntry>(BatchSize);
            try
            {
                using NpgsqlConnection c = destination.DataSource.OpenConnection();
                for (int i = 0; i < files.Count; i++)
                {
                    AuditFile f = files[i];
                    progress?.Report(new AuditCopyProgress { File = f.Path, FileNumber = i + 1, FileCount = files.Count, Read = result.Read });
                    IEnumerable<AuditEntry> rows = f.Kind == AuditFileKind.Legacy
                        ? AuditLogReader.ReadLegacyFile(f.Path, source.Root, all, stats, cancel)
                        : AuditLogReader.ReadStoreFile(f.Path, all, stats, cancel);
                    foreach (AuditEntry e in rows)
                    {
                        result.Read++;
                        batch.Add(e);
                        if (batch.Count >= BatchSize)
                        {
                            Flush(c, batch, result, cancel);
                            progress?.Report(new AuditCopyProgress { File = f.Path, FileNumber = i + 1, FileCount = files.Count, Read = result.Read });
                        }
                    }
                }
                Flush(c, batch, result, cancel);
            }
            catch (Exception ex) when (!(ex is RepricingException) && !(ex is OperationCanceledException))
            {
                throw PostgresErrors.Translate(ex, destination, "copy into");
            }
            result.MalformedRows = stats.MalformedRows;
            result.Problems = stats.Problems.ConvertAll(p => $"{p.File} line {p.Line}: {p.Reason}").ToArray();
            return result;
        }

        private static void Flush(NpgsqlConnection c, List<AuditEntry> batch, AuditCopyResult result, CancellationToken cancel)
        {
            if (batch.Count == 0) return;
            cancel.ThrowIfCancellationRequested();
            using (NpgsqlTransaction tx = c.BeginTransaction())
            {
                using (var create = new NpgsqlCommand(
                    $"CREATE TEMP TABLE repricing_copy_staging (LIKE {PostgresSchema.Table} INCLUDING DEFAULTS) ON COMMIT DROP; " +
                    "ALTER TABLE repricing_copy_staging DROP COLUMN id, DROP COLUMN is_error", c, tx)) create.ExecuteNonQuery();
                PostgresRow.CopyIn(c, "repricing_copy_staging", batch);
                using var insert = new NpgsqlCommand(
                    $"INSERT INTO {PostgresSchema.Table} (ts, ts_offset, user_name, computer, script, status, message, action, file, error_type, error, details, session_id, entry_id, ps_version, os, is_legacy, escaped, hash) " +
                    "SELECT ts, ts_offset, user_name, computer, script, status, message, action, file, error_type, error, details, session_id, entry_id, ps_version, os, is_legacy, escaped, hash " +
                    "FROM repricing_copy_staging ORDER BY ts ON CONFLICT (entry_id) DO NOTHING", c, tx);
                int copied = insert.ExecuteNonQuery();
                tx.Commit();
                result.Copied += copied;
                result.AlreadyPresent += batch.Count - copied;
            }
            batch.Clear();
        }
    }
}
