using System.Collections.Generic;

namespace RepricingPS.Core.Audit
{
    /// <summary>A row that could not be read as an entry: counted and reported, never silently dropped.</summary>
    public sealed class ReadProblem
    {
        /// <summary>The file.</summary>
        public string File { get; set; } = "";
        /// <summary>The 1-based line where the row starts.</summary>
        public long Line { get; set; }
        /// <summary>What is wrong.</summary>
        public string Reason { get; set; } = "";
        /// <summary>The row as it is in the file (cut to 200 characters).</summary>
        public string Raw { get; set; } = "";
    }

    /// <summary>What a read went through: files, entries in the window, malformed rows.</summary>
    public sealed class ReadStats
    {
        /// <summary>Every file opened, in reading order.</summary>
        public List<string> Files { get; } = new List<string>();
        /// <summary>Entries whose timestamp fell in the window (before the other filters).</summary>
        public long EntriesInWindow { get; set; }
        /// <summary>Malformed rows found (in every file read, whatever their time).</summary>
        public List<ReadProblem> Problems { get; } = new List<ReadProblem>();
        /// <summary>The number of malformed rows.</summary>
        public int MalformedRows => Problems.Count;
        /// <summary>Entries dropped because another copy (same EntryId) was read already.</summary>
        public int Duplicates { get; set; }
        /// <summary>A summary's warning about future-dated entries left out of its most-recent lists, or null.</summary>
        public string? FutureDatedWarning { get; set; }
        /// <summary>Folders and files that could not be read (no permission, a link out of the root, not a regular file), each with why.</summary>
        public List<string> SkippedSources { get; } = new List<string>();
        /// <summary>True when a follower's first poll, asked for only the newest entries, left older matching ones out.</summary>
        public bool OlderLeftOut { get; set; }
        /// <summary>Blocks of legacy files that their index showed hold nothing in the window, so they were not read.</summary>
        internal int LegacyBlocksSkipped { get; set; }
        /// <summary>True when something was skipped, so the answer may be missing entries.</summary>
        public bool Incomplete => SkippedSources.Count > 0;
    }
}
