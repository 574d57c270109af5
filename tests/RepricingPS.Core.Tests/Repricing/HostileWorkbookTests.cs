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
            AddWhitespaceInSheetData(plain, path, spaces);
            File.Delete(plain);
        }

        /// <summary>Copies a workbook, with whitespace right after every worksheet's &lt;sheetData&gt;.</summary>
        internal static void AddWhitespaceInSheetData(string source, string target, int spaces)
        {
            using var from = ZipFile.OpenRead(source);
            using var to = ZipFile.Open(target, ZipArchiveMode.Create);
            foreach (var entry in from.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                string text = reader.ReadToEnd();
                if (entry.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && text.Contains("<sheetData>"))
                {
                    text = text.Replace("<sheetData>", "<sheetData>" + new string(' ', spaces));
                }
                using var writer = new StreamWriter(to.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        [Theory]
        [InlineData("<x><sheetData>  \r\n <row r=\"1\">\n<c r=\"A1\" t=\"s\"> <v>0</v> </c>\t</row>  </sheetData></x>", "<x><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></x>")]
        [InlineData("<sheetData><row><c t=\"inlineStr\"><is><t xml:space=\"preserve\">  </t></is></c><c><f> A1 </f><v> </v></c></row></sheetData>", "<sheetData><row><c t=\"inlineStr\"><is><t xml:space=\"preserve\">  </t></is></c><c><f> A1 </f><v> </v></c></row></sheetData>")]
        [InlineData("<sheetData/> <cols> </cols>", "<sheetData/> <cols> </cols>")]
        public void TemplateCleaning_RemovesOnlyWhitespaceBetweenSheetDataElements(string xml, string expected)
        {
            Assert.Equal(expected, WorkbookWhitespace.Clean(xml));
        }

        [Fact]
        public void TemplateWithWhitespaceInsideSheetData_IsFilledWithoutHanging()
        {
            using var run = new RepricingServiceTests.Run();
            string plain = run.Dir.Combine("tpl", "plain.xlsx"), template = run.Dir.Combine("tpl", "_Rx Repricing_wf.xlsx");
            SampleData.WriteTemplate(plain);
            AddWhitespaceInSheetData(plain, template, 8192);
            string f1 = run.Write("file1.csv", WorkedExample.File1), f2 = run.Write("file2.csv", WorkedExample.File2);
            var task = Task.Run(() => run.Reprice(f1, f2, q => q.TemplatePath = template));
            Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)), "the template fill did not finish within 30 s");
            Assert.True(File.Exists(run.Dir.Combine("out", "_Rx Repricing_wf.xlsx")));
            Assert.Null(task.Exception);
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
            Assert.Equal(("1001", "2025-01-05", "00093505601", "-30"), (f.Data.Text(0, 0), f.Data.Text(0, 2), f.Data.Text(0, 4), f.Data.Text(2, 6)));
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
