using System;
using System.IO;
using System.Linq;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    public class BadInputTests
    {
        internal static RepricingException Fails(RepricingServiceTests.Run run, Action act, string category, string errorId)
        {
            var ex = Assert.Throws<RepricingException>(act);
            Assert.Equal((category, errorId), (ex.Category, ex.ErrorId));
            var logged = run.Audit().Where(e => e.IsError).ToList();
            Assert.Contains(logged, e => e.Status == category && e.Error == ex.Message);
            string outDir = run.Dir.Combine("out");
            Assert.True(!Directory.Exists(outDir) || Directory.GetFileSystemEntries(outDir).Length == 0, "no output may be left behind");
            return ex;
        }

        private static string File1Without(string column)
        {
            var lines = WorkedExample.File1.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',').ToList()).ToList();
            int i = lines[0].IndexOf(column);
            foreach (var l in lines) l.RemoveAt(i);
            return string.Join("\r\n", lines.Select(l => string.Join(",", l))) + "\r\n";
        }

        [Fact]
        public void File1WithoutDateFilled_IsUserErrorListingColumnsFound()
        {
            using var run = new RepricingServiceTests.Run();
            string f1 = run.Write("file1.csv", File1Without("DATEFILLED"));
            var ex = Fails(run, () => run.Service.Import(f1, FileRole.File1, null, false, default), "USER_ERROR", "MissingColumns");
            Assert.StartsWith("Missing required columns: DATEFILLED.", ex.Message);
            Assert.Contains("SOURCERECORDID, ClientName, MemberID", ex.Message);
        }

        [Fact]
        public void MergedResultWithoutNdc_IsUserErrorNamingIt()
        {
            using var run = new RepricingServiceTests.Run();
            string f1 = run.Write("file1.csv", File1Without("NDC"));
            var ex = Fails(run, () => run.Reprice(f1, run.Write("file2.csv", WorkedExample.File2)), "USER_ERROR", "MissingColumns");
            Assert.StartsWith("Missing required columns: NDC ", ex.Message);
        }

        [Fact]
        public void QuantityAbc_IsRowIssueAndNeitherClaimNorReversal_StrictStops()
        {
            using var run = new RepricingServiceTests.Run();
            string f1 = run.Write("file1.csv", WorkedExample.File1.Replace("1004,Acme Health,2025-02-01,M002,00378395477,LISINOPRIL 10 MG TAB,90,", "1004,Acme Health,2025-02-01,M002,00378395477,LISINOPRIL 10 MG TAB,abc,"));
            var r = run.Reprice(f1, run.Write("file2.csv", WorkedExample.File2));
            var issue = Assert.Single(r.Issues);
            Assert.Equal(("File1", 4, "QUANTITY", "abc"), (issue.File, issue.Row, issue.Column, issue.Value));
            Assert.Equal((4, 3), (r.Claims, r.Reversals));
            Assert.Contains(run.Audit(), e => e.Status == "DATA_ERROR" && e.ErrorType == "ROW_ISSUES" && e.Error.Contains("QUANTITY = 'abc'"));

            using var strict = new RepricingServiceTests.Run();
            string s1 = strict.Write("file1.csv", File.ReadAllText(f1));
            Fails(strict, () => strict.Service.Import(s1, FileRole.File1, null, true, default), "DATA_ERROR", "RowIssues");
        }

        [Fact]
        public void ImpossibleDate_IsRowIssueAndNeverMatches()
        {
            using var run = new RepricingServiceTests.Run();
            string f1 = run.Write("file1.csv", WorkedExample.File1.Replace("1003,Acme Health,2025-01-19", "1003,Acme Health,2025-13-40"));
            var r = run.Reprice(f1, run.Write("file2.csv", WorkedExample.File2));
            Assert.Equal(("DATEFILLED", "2025-13-40"), (r.Issues.Single().Column, r.Issues.Single().Value));
            Assert.Equal(0, r.MatchedPairs);
            Assert.Equal(3, r.UnmatchedReversals);
        }

        [Fact]
        public void DuplicateKeyInFile2_IsDataError_UnlessAllowedThenRowsMultiply()
        {
            using var run = new RepricingServiceTests.Run();
            string f2 = run.Write("file2.csv", WorkedExample.File2 + "1002,45.10,10.20,1.75,11.95\r\n");
            string f1 = run.Write("file1.csv", WorkedExample.File1);
            var ex = Fails(run, () => run.Reprice(f1, f2), "DATA_ERROR", "DuplicateKey");
            Assert.StartsWith("Duplicate SOURCERECORDID in File2: 1002", ex.Message);

            using var allowed = new RepricingServiceTests.Run();
            var r = allowed.Reprice(allowed.Write("file1.csv", WorkedExample.File1), allowed.Write("file2.csv", File.ReadAllText(f2)), q => q.AllowDuplicateKeys = true);
            Assert.Equal(10, r.MergedRows);
            Assert.Contains(allowed.Audit(), e => e.Status == "WARNING" && e.Message.Contains("-AllowDuplicateKeys"));
        }

        [Fact]
        public void UpperCaseCsvExtension_IsReadAsCsv()
        {
            using var run = new RepricingServiceTests.Run();
            var r = run.Reprice(run.Write("file1.CSV", WorkedExample.File1), run.Write("file2.Csv", WorkedExample.File2));
            Assert.Equal(9, r.MergedRows);
        }

        [Fact]
        public void MissingPathFolderAndLockedFile_AreFileErrorsNamingThePath()
        {
            using var run = new RepricingServiceTests.Run();
            string missing = run.Dir.Combine("nope.csv");
            Assert.Contains(missing, Fails(run, () => run.Service.Import(missing, FileRole.File1, null, false, default), "FILE_ERROR", "FileNotFound").Message);
            Directory.CreateDirectory(run.Dir.Combine("folder.csv"));
            Fails(run, () => run.Service.Import(run.Dir.Combine("folder.csv"), FileRole.File1, null, false, default), "FILE_ERROR", "PathIsFolder");
            string locked = run.Write("locked.csv", WorkedExample.File1);
            using (new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                Assert.Contains("locked", Fails(run, () => run.Service.Import(locked, FileRole.File1, null, false, default), "FILE_ERROR", "FileLocked").Message);
            }
        }

        [Fact]
        public void EmptyFileOrHeadersOnly_IsDataErrorNoDataRows()
        {
            using var run = new RepricingServiceTests.Run();
            string empty = run.Write("empty.csv", "");
            Assert.StartsWith("File1 has no data rows", Fails(run, () => run.Service.Import(empty, FileRole.File1, null, false, default), "DATA_ERROR", "NoDataRows").Message);
            string headers = run.Write("headers.csv", WorkedExample.File1.Split("\r\n")[0] + "\r\n");
            Fails(run, () => run.Service.Import(headers, FileRole.File1, null, false, default), "DATA_ERROR", "NoDataRows");
        }

        [Fact]
        public void RenamedTextAndCorruptZip_AreNotValidWorkbooks()
        {
            using var run = new RepricingServiceTests.Run();
            string text = run.Write("renamed.xlsx", WorkedExample.File1);
            Assert.Contains("not a valid .xlsx workbook", Fails(run, () => run.Service.Import(text, FileRole.File1, null, false, default), "FILE_ERROR", "InvalidWorkbook").Message);
            string good = run.Dir.Combine("good.xlsx");
            WorkedExample.WriteXlsx(good, WorkedExample.File1);
            byte[] bytes = File.ReadAllBytes(good);
            string corrupt = run.Dir.Combine("corrupt.xlsx");
            File.WriteAllBytes(corrupt, bytes.Take(bytes.Length / 2).ToArray());
            Fails(run, () => run.Service.Import(corrupt, FileRole.File1, null, false, default), "FILE_ERROR", "InvalidWorkbook");
        }

        [Fact]
        public void XlsFile_IsUnsupportedUserError()
        {
            using var run = new RepricingServiceTests.Run();
            string xls = run.Write("old.xls", "x");
            Assert.StartsWith("Unsupported file type '.xls': use .csv or .xlsx", Fails(run, () => run.Service.Import(xls, FileRole.File1, null, false, default), "USER_ERROR", "UnsupportedFileType").Message);
        }

        [Fact]
        public void BlankAndDuplicateHeaders_AreUserErrorsNamingThem()
        {
            using var run = new RepricingServiceTests.Run();
            string blank = run.Write("blank.csv", "SOURCERECORDID,,DATEFILLED\r\n1,x,2025-01-01\r\n");
            Assert.Contains("column 2", Fails(run, () => run.Service.Import(blank, FileRole.File1, null, false, default), "USER_ERROR", "BlankHeader").Message);
            string dup = run.Write("dup.csv", "Source Record ID,SOURCERECORDID\r\n1,1\r\n");
            Assert.Contains("'SOURCERECORDID' twice", Fails(run, () => run.Service.Import(dup, FileRole.File2, null, false, default), "USER_ERROR", "DuplicateHeader").Message);
        }

        [Fact]
        public void OutputFolderNotWritable_IsFileErrorWithNothingLeft()
        {
            using var run = new RepricingServiceTests.Run();
            File.WriteAllText(run.Dir.Combine("blocker"), "a file where the output folder's parent should be");
            var request = new RepricingRequest
            {
                File1 = run.Service.Import(run.Write("file1.csv", WorkedExample.File1), FileRole.File1, null, false, default),
                File2 = run.Service.Import(run.Write("file2.csv", WorkedExample.File2), FileRole.File2, null, false, default),
                OutputDirectory = run.Dir.Combine("blocker", "out"),
            };
            Fails(run, () => run.Service.Run(request, default), "FILE_ERROR", "OutputNotWritable");
            Assert.Contains(run.Audit(), e => e.Status == "PROCESS_END" && e.Message.StartsWith("Outcome: Failed", StringComparison.Ordinal));
        }

        [Fact]
        public void OutputBlockedMidWay_LeavesNoPartialOutputs()
        {
            using var run = new RepricingServiceTests.Run();
            Directory.CreateDirectory(run.Dir.Combine("out", "Acme Health_unmatched_reversals.csv"));
            var ex = Assert.Throws<RepricingException>(() => run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2), q => q.Force = true));
            Assert.Equal("OutputNotWritable", ex.ErrorId);
            Assert.Equal(new[] { "Acme Health_unmatched_reversals.csv" }, Directory.GetFileSystemEntries(run.Dir.Combine("out")).Select(Path.GetFileName));
        }

        [Fact]
        public void ExistingOutputs_AreNotOverwrittenWithoutForce()
        {
            using var run = new RepricingServiceTests.Run();
            string f1 = run.Write("file1.csv", WorkedExample.File1), f2 = run.Write("file2.csv", WorkedExample.File2);
            run.Reprice(f1, f2);
            var ex = Assert.Throws<RepricingException>(() => run.Reprice(f1, f2));
            Assert.Equal(("USER_ERROR", "OutputExists"), (ex.Category, ex.ErrorId));
            Assert.Equal(9, run.Reprice(f1, f2, q => q.Force = true).MergedRows);
            Assert.Empty(Directory.GetFiles(run.Dir.Combine("out"), "*.tmp"));
        }

        [Fact]
        public void Cancelled_LeavesNoOutputsAndLogsCancelled()
        {
            using var run = new RepricingServiceTests.Run();
            var request = new RepricingRequest
            {
                File1 = run.Service.Import(run.Write("file1.csv", WorkedExample.File1), FileRole.File1, null, false, default),
                File2 = run.Service.Import(run.Write("file2.csv", WorkedExample.File2), FileRole.File2, null, false, default),
                OutputDirectory = run.Dir.Combine("out"),
            };
            using var cts = new System.Threading.CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => run.Service.Run(request, cts.Token));
            Assert.True(!Directory.Exists(run.Dir.Combine("out")) || Directory.GetFileSystemEntries(run.Dir.Combine("out")).Length == 0);
            Assert.StartsWith("Outcome: Cancelled", run.Audit().Last().Message);
        }
    }
}

namespace RepricingPS.Core.Tests.Repricing
{
    public class WorkbookSizeTests
    {
        [Fact]
        public void LargeWorkbook_WarnsAndRecommendsCsv_TooLargeIsRefused()
        {
            using var t = new TempDir();
            string path = t.Combine("file1.xlsx");
            WorkedExample.WriteXlsx(path, WorkedExample.File1);
            long size = new FileInfo(path).Length;
            var warned = FileImporter.Import(path, FileRole.File1, null, false, size - 1, size * 2, default);
            Assert.Contains(".csv is much faster", Assert.Single(warned.Warnings));
            var ex = Assert.Throws<RepricingException>(() => FileImporter.Import(path, FileRole.File1, null, false, 1, size - 1, default));
            Assert.Equal(("USER_ERROR", "WorkbookTooLarge"), (ex.Category, ex.ErrorId));
            Assert.Contains("Save it as .csv", ex.Message);
        }

        [Fact]
        public void Xlsx_NamedSheet_IsReadAndAMissingOneListsTheSheets()
        {
            using var t = new TempDir();
            string path = t.Combine("file1.xlsx");
            WorkedExample.WriteXlsx(path, WorkedExample.File1);
            Assert.Equal(8, FileImporter.Import(path, FileRole.File1, "sheet1", false, default).RowCount);
            var ex = Assert.Throws<RepricingException>(() => FileImporter.Import(path, FileRole.File1, "Claims", false, default));
            Assert.Equal("SheetNotFound", ex.ErrorId);
            Assert.Contains("Sheet1", ex.Message);
        }
    }
}

namespace RepricingPS.Core.Tests.Repricing
{
    public class CancellationTests
    {
        /// <summary>A host that is being stopped: the token is cancelled and its next callback throws its own exception.</summary>
        private sealed class StopAt : IProgress<RepricingProgress>
        {
            private readonly string _stage;
            private readonly System.Threading.CancellationTokenSource _cts;
            public StopAt(string stage, System.Threading.CancellationTokenSource cts) { _stage = stage; _cts = cts; }
            public void Report(RepricingProgress value)
            {
                if (value.Stage != _stage) return;
                _cts.Cancel();
                throw new InvalidOperationException("the pipeline is stopping");
            }
        }

        [Theory]
        [InlineData("merge")]
        [InlineData("match")]
        [InlineData("template")]
        [InlineData("write")]
        public void StopSurfacingFromProgress_IsCancelledWithNoOutputsAndNoError(string stage)
        {
            using var run = new RepricingServiceTests.Run();
            string template = run.Dir.Combine("tpl", "t.xlsx");
            SampleData.WriteTemplate(template);
            var request = new RepricingRequest
            {
                File1 = run.Service.Import(run.Write("file1.csv", WorkedExample.File1), FileRole.File1, null, false, default),
                File2 = run.Service.Import(run.Write("file2.csv", WorkedExample.File2), FileRole.File2, null, false, default),
                OutputDirectory = run.Dir.Combine("out"),
                TemplatePath = template,
            };
            using var cts = new System.Threading.CancellationTokenSource();
            var service = new RepricingService(Fixtures.Log(run.Log), "Invoke-Repricing", new StopAt(stage, cts));
            Assert.ThrowsAny<Exception>(() => service.Run(request, cts.Token));
            var entries = run.Audit();
            Assert.StartsWith("Outcome: Cancelled at stage " + stage, entries.Last().Message);
            Assert.DoesNotContain(entries, e => e.IsError);
            Assert.True(!Directory.Exists(run.Dir.Combine("out")) || Directory.GetFileSystemEntries(run.Dir.Combine("out")).Length == 0);
        }
    }
}
