using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;

namespace RepricingPS.Core.Audit.Folder
{
    /// <summary>The local spool of the folder store (spec §7 "Offline"), also used by the database store: entries the root
    /// (or server) could not take, kept per root on this machine, and moved in exactly once.</summary>
    public sealed partial class FolderAuditStore
    {
        /// <summary>
        /// Puts an entry in this root's local spool (it is on disk when this returns), remembering the root it was meant
        /// for. Also used by the database store, whose spool is keyed by its display form (never a password).
        /// </summary>
        internal AppendResult Spool(AuditEntry entry, string reason)
        {
            var records = new[] { entry };
            string spoolDir = SpoolFolderFor(_location.SpoolRoot, _location.Root);
            string spoolFile = Path.Combine(spoolDir, PartitionFileName(entry));
            try
            {
                Directory.CreateDirectory(spoolDir);
                string rootNote = Path.Combine(spoolDir, "root.txt");
                if (!File.Exists(rootNote)) File.WriteAllText(rootNote, _location.Root + Environment.NewLine, StoreFormat.Utf8);
                AppendRecords(spoolFile, records, skipPresent: false, out spoolFile);
            }
            catch (Exception ex) when (IsWriteFailure(ex))
            {
                throw Failures.AuditSpoolUnavailable.With(
                    $"The audit entry could not be written to the log '{_location.Root}' ({reason}) nor to the local spool '{spoolDir}' ({ex.Message}). " +
                    "Free disk space or fix the permissions of the spool folder (REPRICING_SPOOL_PATH).", _location.Root, ex);
            }
            return new AppendResult { File = spoolFile, Spooled = true, Reason = reason };
        }

        /// <summary>
        /// Moves this root's spooled entries to their day partitions in the root. Safe to interrupt: a spool file is
        /// deleted only after its entries are on disk in the root, and entries already there (same EntryId) are not
        /// written again, so a re-run after a kill neither loses nor doubles anything.
        /// </summary>
        /// <returns>The number of entries moved.</returns>
        public int DrainSpool(CancellationToken cancel)
        {
            string spoolDir = SpoolFolderFor(_location.SpoolRoot, _location.Root);
            if (!Directory.Exists(spoolDir)) return 0;
            string? reason = CheckRootWritable();
            if (reason != null)
            {
                throw Failures.AuditLogUnavailable.With(
                    $"Spooled entries cannot be moved: {reason}. They stay in '{spoolDir}'; run Sync-RepricingAuditLog again when the log folder is available.", _location.Root);
            }
            return DrainSpoolInto(entries =>
            {
                var byPartition = new Dictionary<string, List<AuditEntry>>(StringComparer.Ordinal);
                foreach (AuditEntry e in entries)
                {
                    string target = PartitionPath(_location.Root, e);
                    if (!byPartition.TryGetValue(target, out var list)) byPartition[target] = list = new List<AuditEntry>();
                    list.Add(e);
                }
                int moved = 0;
                foreach (var kv in byPartition)
                {
                    try
                    {
                        PrepareFolder(_location.Root, Path.GetDirectoryName(kv.Key)!);
                        moved += AppendRecords(kv.Key, kv.Value, skipPresent: true);
                    }
                    catch (Exception ex) when (IsWriteFailure(ex))
                    {
                        throw Failures.AuditLogUnavailable.With(
                            $"Spooled entries cannot be moved to '{kv.Key}': {ex.Message} {moved} moved so far; the rest stay in '{spoolDir}'. " +
                            "Check that the log folder is writable for you (not read-only, not full) and run Sync-RepricingAuditLog again.", _location.Root, ex);
                    }
                }
                return moved;
            }, cancel);
        }

        /// <summary>
        /// Moves each spool file of this root into <paramref name="store"/> (which must skip entries already there, by
        /// EntryId, and return how many it added), deleting the file only after the store took its entries.
        /// </summary>
        internal int DrainSpoolInto(Func<List<AuditEntry>, int> store, CancellationToken cancel)
        {
            string spoolDir = SpoolFolderFor(_location.SpoolRoot, _location.Root);
            if (!Directory.Exists(spoolDir)) return 0;
            int moved = 0;
            var spoolFiles = Directory.GetFiles(spoolDir, "*.csv");
            Array.Sort(spoolFiles, StringComparer.Ordinal);
            foreach (string spoolFile in spoolFiles)
            {
                cancel.ThrowIfCancellationRequested();
                FileStream claim;
                try
                {
                    // Holding the spool file exclusively keeps two drains from moving the same entries.
                    claim = new FileStream(spoolFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                    LockAgainstOtherWriters(claim);
                }
                catch (IOException)
                {
                    continue; // another process is draining or writing it
                }
                using (claim)
                {
                    var stats = new ReadStats();
                    var entries = new List<AuditEntry>(AuditLogReader.ReadStoreStream(claim, spoolFile, null, stats, cancel));
                    moved += store(entries);
                    if (stats.MalformedRows > 0)
                    {
                        // Keep what could not be read, beside the spool, for support to look at; never delete it silently.
                        File.Copy(spoolFile, spoolFile + ".unreadable-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), overwrite: true);
                    }
                    File.Delete(spoolFile);
                }
            }
            return moved;
        }

        /// <summary>How many entries wait in the spool for this root.</summary>
        public int SpooledCount()
        {
            string spoolDir = SpoolFolderFor(_location.SpoolRoot, _location.Root);
            if (!Directory.Exists(spoolDir)) return 0;
            int count = 0;
            foreach (string f in Directory.GetFiles(spoolDir, "*.csv"))
            {
                using FileStream fs = SharedFile.OpenRead(f);
                foreach (AuditEntry _ in AuditLogReader.ReadStoreStream(fs, f, null, new ReadStats(), CancellationToken.None)) count++;
            }
            return count;
        }

        /// <summary>This root's folder in the spool: one folder per root, named by a hash of the root's path.</summary>
        public static string SpoolFolderFor(string spoolRoot, string root)
        {
            string key = root.TrimEnd('/', '\\');
            if (IsWindows) key = key.ToUpperInvariant();
            return Path.Combine(spoolRoot, Hashing.Sha256Hex(key, 8));
        }
    }
}
