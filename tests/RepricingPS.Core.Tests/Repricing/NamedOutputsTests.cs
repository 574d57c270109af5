using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    /// <summary>Issue 9: a run names its outputs (no index arithmetic); RepricingResult.OutputFiles keeps its shape and order.</summary>
    public class NamedOutputsTests
    {
        [Fact]
        public void OutputFiles_WithXlsxAndTemplate_AreTheSpecsFiveNames_InWriteOrder_AndFindPicksEachByName()
        {
            using var run = new RepricingServiceTests.Run();
            string template = run.Dir.Combine("template", "_Rx Repricing_wf.xlsx");
            SampleData.WriteTemplate(template);
            var r = run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2), q => { q.Xlsx = true; q.TemplatePath = template; });
            string outDir = run.Dir.Combine("out");
            // spec §5, <Opp> = Acme Health
            var expected = new[]
            {
                "Acme Health_merged_file_with_OR.csv", "Acme Health Claim Detail.csv", "Acme Health_unmatched_reversals.csv",
                "Acme Health_merged_file_with_OR.xlsx", "_Rx Repricing_wf.xlsx",
            };
            Assert.Equal(expected.Select(n => Path.Combine(outDir, n)), r.OutputFiles);
            Assert.All(r.OutputFiles, f => Assert.True(File.Exists(f)));
            Assert.Equal(Path.Combine(outDir, "_Rx Repricing_wf.xlsx"), RepricingOutputs.Find(r, RepricingOutput.FilledTemplate));
            Assert.Equal(Path.Combine(outDir, "Acme Health Claim Detail.csv"), RepricingOutputs.Find(r, RepricingOutput.ClaimDetail));
        }

        [Fact]
        public void Find_AnOutputTheRunDidNotWrite_IsNull()
        {
            using var run = new RepricingServiceTests.Run();
            var r = run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2));
            Assert.Equal(3, r.OutputFiles.Length);
            Assert.Null(RepricingOutputs.Find(r, RepricingOutput.FilledTemplate));
            Assert.Null(RepricingOutputs.Find(r, RepricingOutput.MergedWorkbook));
        }

        private enum Sample { A, B, C }

        [Fact]
        public void NamedOutputs_KeepsAddOrder_RefusesANameTwice_AndSaysWhichNameIsMissing()
        {
            var set = new NamedOutputs<Sample>(Path.Combine("out"));
            set.Add(Sample.B, "b.csv");
            set.Add(Sample.A, "a.csv");
            Assert.Equal(new[] { Path.Combine("out", "b.csv"), Path.Combine("out", "a.csv") }, set.Paths);
            Assert.Equal(Path.Combine("out", "a.csv"), set[Sample.A]);
            Assert.Null(set.Find(Sample.C));
            Assert.False(set.Contains(Sample.C));
            Assert.Contains("C", Assert.Throws<KeyNotFoundException>(() => set[Sample.C]).Message);
            Assert.Throws<InvalidOperationException>(() => set.Add(Sample.A, "again.csv"));
        }
    }
}
