using System.IO;

namespace RepricingPS.Core
{
    /// <summary>The one way RepricingPS opens a file to read it.</summary>
    internal static class SharedFile
    {
        /// <summary>
        /// Opens for reading while others may hold the file open for writing or delete it: an audit writer appending,
        /// Excel or a sync client keeping an input open.
        /// </summary>
        internal static FileStream OpenRead(string path) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
    }
}
