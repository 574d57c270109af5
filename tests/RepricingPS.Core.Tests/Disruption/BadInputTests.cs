using System;
using System.IO;
using System.Linq;
using System.Threading;
using OfficeOpenXml;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Disruption;
using Xunit;

namespace RepricingPS.Core.Tests.Disruption
{
    /// <summary>Issue 10's bad inputs: a categorised error that says what to do, an audit entry, a Failed PROCESS_END and no output.</summary>
    public sealed class DisruptionBadInputTests : IDisposable
    {
        private readonly DisruptionFixture _f = new DisruptionFixture();

        public void Dispose() => _f.Dispose();

        private RepricingException Fails(DisruptionRequest request, string category, string errorId)
        {
            var ex = _f.Fails(request);
            Assert.Equal((category, errorId), (ex.Category, ex.ErrorId));
            var log = _f.Log();
            Assert.Contains(log, e => e.Status == category && e.Error == ex.Message);
            Assert.StartsWith("Outcome: Failed", log.Single(e => e.Status == AuditStatus.ProcessEnd).Message);
            Assert.True(!Directory.Exists(_f.Out) || Directory.GetFileSystemEntries(_f.Out).Length == 0, "no output may be left behind");
            return ex;
        }

        [Fact]
        public void MissingClaimsColumns_UserErrorNamingEveryOneAndTheColumnsFound()
        {
            _f.Write("claims.csv", "SOURCERECORDID,DATEFILLED,MemberID,NDC,Logic,PHARMACYNPI,NABP,Pharmacy Name\nC1,2025-06-01,M1,1,1,1,1,X\n");
            var ex = Fails(_f.Request("claims.csv"), ErrorCategories.User, "MissingColumns");
            Assert.Contains("Missing required columns: FormularyTier, Rxs", ex.Message);
            Assert.Contains("SOURCERECORDID, DATEFILLED", ex.Message);
        }

        [Fact]
        public void MissingReferenceColumn_UserErrorNamingTableAndColumn()
        {
            _f.Write("claims.csv", DisruptionFixture.WorkedClaims);
            _f.Write("exclusive.csv", "NDC,Tier\n1,1\n");
            var ex = Fails(_f.Request("claims.csv"), ErrorCategories.User, "MissingReferenceColumns");
            Assert.Contains("Exclusive", ex.Message);
            Assert.Contains("Alternative", ex.Message);
        }

        [Fact]
        public void ReferenceWithOneNdcAtTwoTiers_DataErrorListingIt()
        {
            _f.Write("claims.csv", DisruptionFixture.WorkedClaims);
            _f.Write("universal.csv", "NDC,Tier\n00093505601,1\n93505601,2\n00378395477,1\n");
            var ex = Fails(_f.Request("claims.csv"), ErrorCategories.Data, "DuplicateReferenceNdc");
            Assert.Contains("00093505601", ex.Message);
            Assert.DoesNotContain("00378395477", ex.Message);
        }

        [Fact]
        public void ReferenceWithOneNdcTwiceWithEqualValues_IsOneRow()
        {
            _f.Write("claims.csv", DisruptionFixture.WorkedClaims);
            _f.Write("medispan.csv", DisruptionFixture.MediSpan + "0009350-5601, y ,Atorvastatin Calcium \n");
            _f.Write("universal.csv", DisruptionFixture.Universal + "93505601,1.0\n");
            _f.Write("exclusive.csv", DisruptionFixture.Exclusive + "00002143380, nonformulary ,Ozempic\n");
            DisruptionResult r = _f.Run(_f.Request("claims.csv"));
            Assert.Equal((5, 6m), (r.ClaimsKept, r.TotalClaims));
            Assert.Equal(4m, r.Summary[0].Rxs);
        }

        [Fact]
        public void EveryRowDropped_DataErrorSayingWhichFilter_NoWorkbook()
        {
            _f.Write("claims.csv", DisruptionFixture.ClaimsHeader + "\nC1,2025-06-01,M1,00093505601,2,11,1,1,1,X\nC2,2025-06-02,M1,00093505601,2,0,1,1,1,X\n");
            var ex = Fails(_f.Request("claims.csv"), ErrorCategories.Data, "NoClaimsKept");
            Assert.Contains("Logic 2", ex.Message);
        }

        [Fact]
        public void NoDatedClaims_DataError()
        {
            _f.Write("claims.csv", DisruptionFixture.ClaimsHeader + "\nC1,,M1,00093505601,2,1,1,1,1,X\n");
            var ex = Fails(_f.Request("claims.csv"), ErrorCategories.Data, "NoDatedClaims");
            Assert.Contains("no dated claims", ex.Message);
        }

        [Fact]
        public void XlsxWithoutTheNamedSheet_UserError()
        {
            string path = _f.Dir.Combine("claims.xlsx");
            using (var p = new ExcelPackage())
            {
                p.Workbook.Worksheets.Add("Sheet1").Cells["A1"].Value = "NDC";
                p.SaveAs(new FileInfo(path));
            }
            var request = _f.Request("claims.xlsx");
            request.ClaimsSheet = "Claims Table";
            var ex = Fails(request, ErrorCategories.User, "SheetNotFound");
            Assert.Contains("Sheet1", ex.Message);
        }

        [Fact]
        public void NeededReferenceNeitherGivenNorSaved_UserErrorNamingTheParameter()
        {
            _f.Write("claims.csv", DisruptionFixture.WorkedClaims);
            var request = _f.Request("claims.csv");
            request.References[ReferenceTable.Universal] = null;
            var ex = Fails(request, ErrorCategories.User, "MissingReference");
            Assert.Contains("-Universal", ex.Message);
        }

        [Fact]
        public void SavedReference_IsUsedWhenNotGiven()
        {
            _f.Write("claims.csv", DisruptionFixture.WorkedClaims);
            var settings = _f.Settings;
            settings.Save(new ReferenceConfiguration { Universal = _f.Dir.Combine("universal.csv") });
            var request = _f.Request("claims.csv");
            request.References[ReferenceTable.Universal] = null;
            Assert.Equal(0.6667m, _f.Run(request).Summary[0].PercentOfClaims);
            Assert.Equal(_f.Dir.Combine("universal.csv"), settings.Read().Universal);
        }

        [Fact]
        public void OutputExistsWithoutForce_UserError_ThenForceReplacesIt()
        {
            _f.Write("claims.csv", DisruptionFixture.WorkedClaims);
            Directory.CreateDirectory(_f.Out);
            string existing = Path.Combine(_f.Out, "claims Tier Disruption.xlsx");
            File.WriteAllText(existing, "old");
            var ex = _f.Fails(_f.Request("claims.csv"));
            Assert.Equal((ErrorCategories.User, "OutputExists"), (ex.Category, ex.ErrorId));
            Assert.Equal("old", File.ReadAllText(existing));
            Assert.Single(Directory.GetFileSystemEntries(_f.Out));
            var request = _f.Request("claims.csv");
            request.Force = true;
            _f.Run(request);
            using var p = new ExcelPackage(new FileInfo(existing));
            Assert.Equal("Summary", p.Workbook.Worksheets.First().Name);
        }

        [Fact]
        public void UnparseableValues_AreRowIssuesWithFileRowColumnValue_InTheResultAndTheLog()
        {
            _f.Write("claims.csv", DisruptionFixture.WorkedClaims + "C9,2025-06-01,M9,00093505601,2,x1,1,1234567890,1234567,MAIN ST PHARMACY\n");
            DisruptionResult r = _f.Run(_f.Request("claims.csv"));
            var issue = Assert.Single(r.Issues);
            Assert.Equal(("Claims", 9, "Logic", "x1"), (issue.File, issue.Row, issue.Column, issue.Value));
            Assert.Contains(_f.Log(), e => e.Status == ErrorCategories.Data && e.ErrorType == "ROW_ISSUES" && e.Error.Contains("x1"));
        }

        [Fact]
        public void Cancelled_LeavesNothing_AndEndsCancelled()
        {
            _f.Write("claims.csv", DisruptionFixture.WorkedClaims);
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => _f.Run(_f.Request("claims.csv"), cts.Token));
            Assert.StartsWith("Outcome: Cancelled", _f.Log().Single(e => e.Status == AuditStatus.ProcessEnd).Message);
            Assert.True(!Directory.Exists(_f.Out) || Directory.GetFileSystemEntries(_f.Out).Length == 0);
        }
    }
}
