using System.IO;
using System.Text;
using System.Threading;

namespace RepricingPS.Core.Repricing
{
    /// <summary>Which encoding a CSV input is in: UTF-8 (with or without BOM), else Windows-1252 (spec §1).</summary>
    internal static class TextEncodings
    {
        private static readonly object Gate = new object();
        private static bool _registered;

        /// <summary>Windows-1252, what Excel saves as "CSV" on a Western Windows machine.</summary>
        internal static Encoding Windows1252
        {
            get
            {
                RegisterCodePages();
                return Encoding.GetEncoding(1252);
            }
        }

        /// <summary>
        /// Makes the Windows code pages available. .NET (Core) knows only the Unicode encodings until the code-page provider
        /// is registered (.NET Framework knows them all); ExcelDataReader's configuration asks for 1252 when it is created.
        /// </summary>
        internal static void RegisterCodePages()
        {
            lock (Gate)
            {
                if (_registered) return;
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                _registered = true;
            }
        }

        /// <summary>
        /// Whether the whole file is valid UTF-8 (a streaming check: the file is not held in memory), and how many lines it
        /// has (a record takes one line or more; the reader sizes its arrays with it; counted up to the first invalid block when not UTF-8).
        /// </summary>
        internal static bool IsUtf8(string path, CancellationToken cancel, out long lines)
        {
            Decoder strict = new UTF8Encoding(false, true).GetDecoder();
            var bytes = new byte[1 << 16];
            var chars = new char[(1 << 16) + 4];
            lines = 0;
            bool open = false; // a last line without a line feed
            using FileStream fs = SharedFile.OpenRead(path);
            try
            {
                int read;
                while ((read = fs.Read(bytes, 0, bytes.Length)) > 0)
                {
                    cancel.ThrowIfCancellationRequested();
#if NET
                    lines += System.MemoryExtensions.Count(new System.ReadOnlySpan<byte>(bytes, 0, read), (byte)'\n');
#else
                    for (int i = 0; i < read; i++) if (bytes[i] == (byte)'\n') lines++;
#endif
                    open = bytes[read - 1] != (byte)'\n';
                    strict.GetChars(bytes, 0, read, chars, 0, flush: false);
                }
                strict.GetChars(bytes, 0, 0, chars, 0, flush: true);
                if (open) lines++;
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }


    }
}
