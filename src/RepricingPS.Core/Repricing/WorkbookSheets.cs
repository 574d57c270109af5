using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Xml;

namespace RepricingPS.Core.Repricing
{
    /// <summary>
    /// The sheet names of an .xlsx, read from xl/workbook.xml through the zip without loading the workbook (for tab
    /// completion: large and hostile files exist). Bounded: a workbook.xml over <see cref="MaxBytes"/> or that is not
    /// well-formed gives what was read so far; nothing here throws.
    /// </summary>
    public static class WorkbookSheets
    {
        /// <summary>The most of xl/workbook.xml read.</summary>
        public const int MaxBytes = 1 << 20;

        /// <summary>The sheet names in workbook order, or none when the file is not a readable workbook.</summary>
        public static IReadOnlyList<string> Names(string path)
        {
            var names = new List<string>();
            try
            {
                if (!File.Exists(path)) return names;
                using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var zip = new ZipArchive(fs, ZipArchiveMode.Read);
                ZipArchiveEntry? entry = zip.GetEntry("xl/workbook.xml");
                if (entry == null || entry.Length > MaxBytes) return names;
                var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxBytes, IgnoreWhitespace = true };
                using Stream xml = entry.Open();
                using XmlReader reader = XmlReader.Create(xml, settings);
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
                    {
                        string? name = reader.GetAttribute("name");
                        if (!string.IsNullOrEmpty(name)) names.Add(name!);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is InvalidDataException || ex is XmlException || ex is UnauthorizedAccessException || ex is NotSupportedException)
            {
            }
            return names;
        }
    }
}
