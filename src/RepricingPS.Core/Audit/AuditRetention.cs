using System;
using System.Collections.Generic;
using System.IO;

namespace RepricingPS.Core.Audit
{
    /// <summary>A file Remove-RepricingAuditLog removes.</summary>
    public sealed class RemovedLogFile
    {
        /// <summary>The file.</summary>
        public string File { get; set; } = "";
        /// <summary>Store (a day partition) or Legacy.</summary>
        public string Kind { get; set; } = "";
        /// <summary>The partition's day, or a legacy file's last write.</summary>
        public DateTime Day { get; set; }
        /// <summary>Its size in bytes.</summary>
        public long Bytes { get; set; }
    }

    /// <summary>Retention: whole day partitions (and, when asked, legacy files) older than a cutoff.</summary>
    public static class AuditRetention
    {
        /// <summary>The files older than <paramref name="olderThanDays"/> whole days before <paramref name="today"/>.</summary>
        public static List<RemovedLogFile> Expired(AuditLocation location, int olderThanDays, bool includeLegacy, DateTime today)
        {
            DateTime cutoff = today.Date.AddDays(-olderThanDays);
            var result = new List<RemovedLogFile>();
            foreach (AuditFile f in new AuditLogReader(location).FindFiles(null, null))
            {
                if (f.Kind == AuditFileKind.Store && f.Day.HasValue && f.Day.Value < cutoff)
                {
                    result.Add(new RemovedLogFile { File = f.Path, Kind = "Store", Day = f.Day.Value, Bytes = new FileInfo(f.Path).Length });
                }
                else if (f.Kind == AuditFileKind.Legacy && includeLegacy)
                {
                    var info = new FileInfo(f.Path);
                    if (info.LastWriteTime < cutoff) result.Add(new RemovedLogFile { File = f.Path, Kind = "Legacy", Day = info.LastWriteTime, Bytes = info.Length });
                }
            }
            return result;
        }

        /// <summary>Deletes one file and the month and year folders it leaves empty; never follows a link.</summary>
        public static void Remove(AuditLocation location, RemovedLogFile file)
        {
            if ((File.GetAttributes(file.File) & FileAttributes.ReparsePoint) != 0)
            {
                throw new RepricingException(ErrorCategories.File, "LINK_REFUSED", "AuditLogLinkRefused",
                    $"'{file.File}' is a link; retention does not remove through links.", file.File);
            }
            File.Delete(file.File);
            string root = location.Root.TrimEnd('/', '\\');
            string? dir = Path.GetDirectoryName(file.File);
            while (dir != null && dir.Length > root.Length && Directory.Exists(dir) && Directory.GetFileSystemEntries(dir).Length == 0)
            {
                Directory.Delete(dir);
                dir = Path.GetDirectoryName(dir);
            }
        }
    }
}
