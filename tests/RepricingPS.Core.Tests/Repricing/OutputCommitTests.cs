using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    /// <summary>Issue 8 items 10 and 14: the output set is committed all or nothing, and no run leaves or removes what it must not.</summary>
    public class OutputCommitTests
    {
        private static readonly string[] Names = { "Acme_merged_file_with_OR.csv", "Acme Claim Detail.csv", "Acme_unmatched_reversals.csv" };

        private static OutputSet Written(string dir, string content, List<string>? warnings = null)
        {
            var set = OutputSet.Begin(dir, warnings ?? new List<string>());
            foreach (string name in Names) File.WriteAllText(set.NewTemp(Path.Combine(dir, name)), content + " " + name);
            return set;
        }

        private static string[] Hidden(string dir) => Directory.GetFiles(dir, ".*").Select(Path.GetFileName).ToArray()!;

        [Fact]
        public void SecondSetWithoutForce_FailsAndDeletesNothingOfTheFirst()
        {
            using var t = new TempDir();
            using (var a = Written(t.Path, "A"))
            using (var b = Written(t.Path, "B"))
            {
                a.Commit(force: false);
                var ex = Assert.Throws<RepricingException>(() => b.Commit(force: false));
                Assert.Equal("OutputExists", ex.ErrorId);
            }
            Assert.All(Names, n => Assert.Equal("A " + n, File.ReadAllText(t.Combine(n))));
            Assert.Empty(Hidden(t.Path));
        }

        [Fact]
        public void AnOutputThatAppearsMidCommit_WithoutForce_IsKeptAndThisRunsFilesAreTakenBack()
        {
            using var t = new TempDir();
            using (var a = Written(t.Path, "A"))
            {
                File.WriteAllText(t.Combine(Names[1]), "another run's file"); // appears after this run checked the folder
                var ex = Assert.Throws<RepricingException>(() => a.Commit(force: false));
                Assert.Equal("OutputExists", ex.ErrorId);
                Assert.Contains("No output of this run is on disk", ex.Message);
            }
            Assert.Equal("another run's file", File.ReadAllText(t.Combine(Names[1])));
            Assert.False(File.Exists(t.Combine(Names[0])), "the file this run had moved in is taken back");
            Assert.False(File.Exists(t.Combine(Names[2])));
            Assert.Empty(Hidden(t.Path));
        }

        [Fact]
        public void ForceWhenOneOldOutputCannotBeReplaced_KeepsTheWholeOldSetAndSaysSo()
        {
            using var t = new TempDir();
            File.WriteAllText(t.Combine(Names[0]), "old 0");
            File.WriteAllText(t.Combine(Names[1]), "old 1");
            using (var a = Written(t.Path, "new"))
            {
                Directory.CreateDirectory(t.Combine(Names[2])); // the third cannot be replaced
                var ex = Assert.Throws<RepricingException>(() => a.Commit(force: true));
                Assert.Equal(("FILE_ERROR", "OutputNotWritable"), (ex.Category, ex.ErrorId));
                Assert.Contains(Names[2], ex.Message);
                Assert.Contains($"these were there before and are unchanged: {Names[0]}, {Names[1]}", ex.Message);
            }
            Assert.Equal("old 0", File.ReadAllText(t.Combine(Names[0])));
            Assert.Equal("old 1", File.ReadAllText(t.Combine(Names[1])));
            Assert.Empty(Hidden(t.Path));
        }

        [Fact]
        public void Force_ReplacesTheSetAndLeavesNoBackups()
        {
            using var t = new TempDir();
            foreach (string n in Names) File.WriteAllText(t.Combine(n), "old");
            using (var a = Written(t.Path, "new")) a.Commit(force: true);
            Assert.All(Names, n => Assert.Equal("new " + n, File.ReadAllText(t.Combine(n))));
            Assert.Empty(Hidden(t.Path));
        }

        [Fact]
        public void KilledRunsTemporary_IsRemovedByALaterRun_ButNotWhileItsRunIsAlive()
        {
            using var t = new TempDir();
            var host = Fixtures.StartHost("hold-output", t.Path);
            try
            {
                string[] held = Hidden(t.Path);
                Assert.Equal(2, held.Length); // its lock and its temporary
                using (OutputSet.Begin(t.Path, new List<string>())) { }
                Assert.Subset(Hidden(t.Path).ToHashSet(), held.ToHashSet());
                Assert.All(held, h => Assert.True(File.Exists(t.Combine(h)), h + " was removed while its run was alive"));
            }
            finally
            {
                host.Kill();
                host.WaitForExit();
            }
            Assert.Equal(2, Hidden(t.Path).Length); // the killed run left them
            using (OutputSet.Begin(t.Path, new List<string>())) { }
            Assert.Empty(Hidden(t.Path));
        }

        [Fact]
        public void TwoConcurrentRunsWithoutForce_InSeparateProcesses_NeverBothSucceedNorMixTheirFiles()
        {
            using var t = new TempDir();
            var a = SampleData.Write(t.Combine("a"), 20000, 1, template: false);
            var b = SampleData.Write(t.Combine("b"), 20000, 2, template: false);
            for (int round = 0; round < 3; round++)
            {
                string outDir = t.Combine("out" + round);
                var runs = new[] { Fixtures.StartHost("reprice", a.File1, a.File2, outDir, "Acme", t.Combine("log")), Fixtures.StartHost("reprice", b.File1, b.File2, outDir, "Acme", t.Combine("log")) };
                var said = runs.Select(p => { Assert.True(p.WaitForExit(120_000)); return p.StandardOutput.ReadToEnd().Trim(); }).ToArray();
                int ok = said.Count(s => s == "ok");
                Assert.True(ok <= 1, "both runs reported success: " + string.Join(" | ", said));
                Assert.All(said.Where(s => s != "ok"), s => Assert.StartsWith("failed OutputExists", s));
                string[] finals = { "Acme_merged_file_with_OR.csv", "Acme Claim Detail.csv", "Acme_unmatched_reversals.csv" };
                if (ok == 1)
                {
                    // Every output is the winner's: the merged file and the claim detail have the same rows.
                    string winner = said[0] == "ok" ? a.File1 : b.File1;
                    string firstKey = File.ReadLines(winner).Skip(1).First().Split(',')[0];
                    Assert.Contains(firstKey, File.ReadAllText(Path.Combine(outDir, finals[0])));
                    Assert.Contains(firstKey, File.ReadAllText(Path.Combine(outDir, finals[1])));
                    Assert.True(File.Exists(Path.Combine(outDir, finals[2])));
                }
                else
                {
                    Assert.All(finals, f => Assert.False(File.Exists(Path.Combine(outDir, f))));
                }
                Assert.Empty(Hidden(outDir));
            }
        }

        [Fact]
        public void OutputNameOf255Characters_IsWritten()
        {
            using var run = new RepricingServiceTests.Run();
            string opp = new string('a', 255 - "_unmatched_reversals.csv".Length); // the longest output name is exactly 255 characters
            var r = run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2), q => q.OpportunityName = opp);
            Assert.Contains(r.OutputFiles, f => Path.GetFileName(f).Length == 255);
            Assert.All(r.OutputFiles, f => Assert.True(File.Exists(f)));
        }

        [Fact]
        public void OutputNameOver255Characters_IsAUserErrorAskingForAShorterName()
        {
            using var run = new RepricingServiceTests.Run();
            string opp = new string('a', 256 - "_unmatched_reversals.csv".Length);
            string f1 = run.Write("file1.csv", WorkedExample.File1), f2 = run.Write("file2.csv", WorkedExample.File2);
            var ex = Assert.Throws<RepricingException>(() => run.Reprice(f1, f2, q => q.OpportunityName = opp));
            Assert.Equal(("USER_ERROR", "OutputNameTooLong"), (ex.Category, ex.ErrorId));
            Assert.Contains("-OpportunityName", ex.Message);
        }

        [Fact]
        public void FormatAndControlCharacters_DoNotReachFileNames()
        {
            using var run = new RepricingServiceTests.Run();
            var r = run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2),
                q => q.OpportunityName = "Acme\u202Etxt.exe\u200B\u2066x\u0007y");
            Assert.Equal("Acme_txt.exe__x_y", r.OpportunityName);
            Assert.True(File.Exists(run.Dir.Combine("out", "Acme_txt.exe__x_y Claim Detail.csv")));
        }
    }
}
