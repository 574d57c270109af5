using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    /// <summary>Issue 8 item 12: a valid workbook must never hang the import, and every import can be cancelled.</summary>
    public class HostileWorkbookTests
    {
        /// <summary>A valid workbook with <paramref name="spaces"/> spaces of whitespace right after &lt;sheetData&gt; (XML allows it).</summary>
        internal static void WriteWithWhitespaceInSheetData(string path, string csv, int spaces)
        {
            string plain = path + ".plain.xlsx";
            WorkedExample.WriteXlsx(plain, csv);
            using (var source = ZipFile.OpenRead(plain))
            using (var target = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                foreach (var entry in source.Entries)
                {
                    using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                    string text = reader.ReadToEnd();
                    if (entry.FullName.EndsWith("worksheets/sheet1.xml", StringComparison.Ordinal))
                    {
                        Assert.Contains("<sheetData>", text);
                        text = text.Replace("<sheetData>", "<sheetData>" + new string(' ', spaces));
                    }
                    using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                    writer.Write(text);
                }
            }
            File.Delete(plain);
        }

        private static RepricingFile ImportWithin(TimeSpan limit, string path)
        {
            var task = Task.Run(() => FileImporter.Import(path, FileRole.File1, null, false, CancellationToken.None));
            Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(limit), $"the import did not finish within {limit.TotalSeconds} s");
            return task.Result;
        }

        [Fact]
        public void WhitespaceInsideSheetData_IsReadLikeAnyWorkbook()
        {
            using var t = new TempDir();
            string path = t.Combine("file1.xlsx");
            WriteWithWhitespaceInSheetData(path, WorkedExample.File1, 8192);
            Assert.True(new FileInfo(path).Length < 8192, "the workbook stays small: the whitespace compresses");
            var f = ImportWithin(TimeSpan.FromSeconds(30), path);
            Assert.Equal(8, f.RowCount);
            Assert.Equal(("1001", "2025-01-05", "00093505601", "-30"), (f.Data.Rows[0][0], f.Data.Rows[0][2], f.Data.Rows[0][4], f.Data.Rows[2][6]));
        }

        [Fact]
        public void CancelledImport_OfAWorkbook_StopsWithOperationCanceled()
        {
            using var t = new TempDir();
            string path = t.Combine("file1.xlsx");
            WriteWithWhitespaceInSheetData(path, WorkedExample.File1, 8192);
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            var task = Task.Run(() => FileImporter.Import(path, FileRole.File1, null, false, cts.Token));
            Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)), "the cancelled import did not stop");
            Assert.IsAssignableFrom<OperationCanceledException>(task.Exception!.InnerException);
        }
    }
}
