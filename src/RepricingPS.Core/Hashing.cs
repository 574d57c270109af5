using System.Globalization;
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
            using var sha = SHA256.Create();
            byte[] digest = sha.ComputeHash(data);
            var hex = new StringBuilder(bytes * 2);
            for (int i = 0; i < bytes; i++) hex.Append(digest[i].ToString("x2", CultureInfo.InvariantCulture));
            return hex.ToString();
        }

        internal static string Sha256Hex(string text, int bytes = 32) => Sha256Hex(Encoding.UTF8.GetBytes(text), bytes);
    }
}
