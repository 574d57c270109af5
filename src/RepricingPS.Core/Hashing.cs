using System.Security.Cryptography;
using System.Text;

namespace RepricingPS.Core
{
    /// <summary>The one SHA-256-to-hex helper (chain hashes, legacy EntryIds, spool folder names).</summary>
    internal static class Hashing
    {
        /// <summary>The first <paramref name="bytes"/> bytes of SHA-256 as lower-case hex.</summary>
        internal static string Sha256Hex(byte[] data, int bytes = 32)
        {
            // Every legacy row read gets an EntryId from here, so no hash object and no string per byte.
#if NET8_0_OR_GREATER
            byte[] digest = SHA256.HashData(data);
#else
            byte[] digest;
            using (var sha = SHA256.Create()) digest = sha.ComputeHash(data);
#endif
            var hex = new char[bytes * 2];
            for (int i = 0; i < bytes; i++)
            {
                hex[2 * i] = HexDigits[digest[i] >> 4];
                hex[2 * i + 1] = HexDigits[digest[i] & 0xF];
            }
            return new string(hex);
        }

        private const string HexDigits = "0123456789abcdef";

        internal static string Sha256Hex(string text, int bytes = 32) => Sha256Hex(Encoding.UTF8.GetBytes(text), bytes);
    }
}
