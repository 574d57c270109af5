using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace RepricingPS.Core.Repricing
{
    /// <summary>
    /// EPPlus 4.5.3.3 spins forever, and cannot be cancelled, on a valid workbook with whitespace between the elements
    /// inside &lt;sheetData&gt;. Inputs are read with ExcelDataReader; the template, which EPPlus must open to fill it, is
    /// cleaned first: whitespace between elements of sheetData is removed. Whitespace inside a value, formula or text
    /// (&lt;v&gt;, &lt;f&gt;, &lt;t&gt;) is content and is kept.
    /// </summary>
    internal static class WorkbookWhitespace
    {
        private static readonly Regex BetweenTags = new Regex(@"(<[^<>]*>)(\s+)(?=<)", RegexOptions.CultureInvariant);
        private static readonly Regex ContentStart = new Regex(@"^<(t|v|f)(\s[^>]*)?>$", RegexOptions.CultureInvariant);

        /// <summary>Rewrites the worksheets of the workbook at <paramref name="path"/> (a private copy) in place.</summary>
        internal static void RemoveFromSheetData(string path, CancellationToken cancel)
        {
            using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
            foreach (ZipArchiveEntry entry in zip.Entries.ToArray())
            {
                cancel.ThrowIfCancellationRequested();
                if (!entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) || !entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)) continue;
                string xml;
                using (var reader = new StreamReader(entry.Open(), Encoding.UTF8)) xml = reader.ReadToEnd();
                string cleaned = Clean(xml);
                if (ReferenceEquals(cleaned, xml)) continue;
                string name = entry.FullName;
                entry.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                writer.Write(cleaned);
            }
        }

        /// <summary>The worksheet XML with the whitespace between elements of sheetData removed; the same string when there is none.</summary>
        internal static string Clean(string xml)
        {
            int start = xml.IndexOf("<sheetData", StringComparison.Ordinal);
            int end = xml.IndexOf("</sheetData>", StringComparison.Ordinal);
            if (start < 0 || end < start) return xml;
            end += "</sheetData>".Length;
            string data = xml.Substring(start, end - start);
            string cleaned = BetweenTags.Replace(data, m => ContentStart.IsMatch(m.Groups[1].Value) ? m.Value : m.Groups[1].Value);
            return cleaned.Length == data.Length ? xml : xml.Substring(0, start) + cleaned + xml.Substring(end);
        }
    }
}
