using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Repricing;
using Xunit;

namespace RepricingPS.Core.Tests.Repricing
{
    public class RepricingServiceTests
    {
        internal sealed class Run : IDisposable
        {
            public readonly TempDir Dir = new TempDir();
            public readonly AuditLocation Log;
            public readonly RepricingService Service;

            public Run()
            {
                Log = Fixtures.Location(Dir.Combine("log"), Dir.Combine("spool"));
                Directory.CreateDirectory(Log.Root);
                Service = new RepricingService(Fixtures.Log(Log), "Invoke-Repricing", null);
            }

            public string Write(string name, string text)
            {
                string p = Dir.Combine(name);
                File.WriteAllText(p, text);
                return p;
            }

            public RepricingResult Reprice(string f1, string f2, Action<RepricingRequest>? configure = null)
            {
                var request = new RepricingRequest
                {
                    File1 = Service.Import(f1, FileRole.File1, null, false, default),
                    File2 = Service.Import(f2, FileRole.File2, null, false, default),
                    OutputDirectory = Dir.Combine("out"),
                };
                configure?.Invoke(request);
                return Service.Run(request, default);
            }

            public List<AuditEntry> Audit() => Fixtures.ReadAll(Log);

            public void Dispose() => Dir.Dispose();
        }

        internal static List<Dictionary<string, string>> ReadCsv(string path)
        {
            using var reader = CsvHelper.CsvReader.FromFile(path, CsvHelper.CsvReaderOptions.Default with { Separator = ',' });
            var rows = new List<Dictionary<string, string>>();
            while (reader.Read())
            {
                var d = new Dictionary<string, string>();
                for (int i = 0; i < reader.Headers.Count; i++) d[reader.Headers[i]] = reader.Current.GetString(i) ?? "";
                rows.Add(d);
            }
            return rows;
        }

        private static void AssertWorkedExample(RepricingResult r, string outDir)
        {
            Assert.Equal("Acme Health", r.OpportunityName);
            Assert.Equal((9, 7, 1, 1), (r.MergedRows, r.BothRows, r.File1OnlyRows, r.File2OnlyRows));
            Assert.Equal((5, 3, 1, 2, 4), (r.Claims, r.Reversals, r.MatchedPairs, r.UnmatchedReversals, r.ORRows));
            Assert.Equal(3, r.NetTotals.ClaimCount);
            Assert.Equal((87.35m, 17.40m, 5.25m, 22.65m, 24.50m), (r.NetTotals.TotalAwp!.Value, r.NetTotals.IngCost!.Value, r.NetTotals.DispenseFee!.Value, r.NetTotals.TotalCost!.Value, r.NetTotals.GrossCost!.Value));
            Assert.Equal(1, r.NetTotals.UnpricedClaims);

            var merged = ReadCsv(Path.Combine(outDir, "Acme Health_merged_file_with_OR.csv"));
            var byKey = merged.ToDictionary(m => m["SOURCERECORDID"]); // spec §3.4: a File2-only row keeps its key
            var expected = new (string Key, int RowId, string Side, string Flag, string Status, string Matched)[]
            {
                ("1001", 1, "Both", "OR", "Matched", "3"), ("1002", 2, "Both", "", "", ""), ("1003", 3, "Both", "OR", "Matched", "1"),
                ("1004", 4, "Both", "", "", ""), ("1005", 5, "Both", "OR", "UnmatchedReversal", ""), ("1006", 6, "Both", "", "", ""),
                ("1007", 7, "Both", "OR", "UnmatchedReversal", ""), ("1008", 8, "File1Only", "", "", ""), ("1099", 9, "File2Only", "", "", ""),
            };
            foreach (var e in expected)
            {
                var m = byKey[e.Key];
                Assert.Equal((e.RowId.ToString(), e.Side, e.Flag, e.Status, e.Matched), (m["RowID"], m["MergeSide"], m["O's & R's Check"], m["MatchStatus"], m["MatchedRowID"]));
            }
            // Empty flags first, then OR rows, each in RowID order.
            Assert.Equal(new[] { "2", "4", "6", "8", "9", "1", "3", "5", "7" }, merged.Select(m => m["RowID"]));
            Assert.All(merged.Where(m => m["NDC"].Length > 0), m => Assert.Equal(11, m["NDC"].Length));
            Assert.Equal("00093505601", byKey["1001"]["NDC"]);
            Assert.Equal("45.10", byKey["1001"]["Total AWP (Historical)"]);
            Assert.Equal("2025-01-05", byKey["1001"]["DATEFILLED"]);
            Assert.Equal(("5.00", "", ""), (byKey["1099"]["Total AWP (Historical)"], byKey["1099"]["QUANTITY"], byKey["1099"]["DATEFILLED"]));

            var detail = ReadCsv(Path.Combine(outDir, "Acme Health Claim Detail.csv"));
            Assert.Equal(merged.Select(m => m["O's & R's Check"]), detail.Select(d => d["Logic"]));
            Assert.Equal("00093505601", detail.First(d => d["RowID"] == "1")["NDC"]);
            Assert.Equal(new[] { "1002", "1004", "1006", "1008", "1099", "1001", "1003", "1005", "1007" }, detail.Select(d => d["SOURCERECORDID"]));

            var unmatched = ReadCsv(Path.Combine(outDir, "Acme Health_unmatched_reversals.csv"));
            Assert.Equal(new[] { "5", "7" }, unmatched.Select(u => u["RowID"]));
            Assert.Equal(new[] { "1005", "1007" }, unmatched.Select(u => u["SOURCERECORDID"]));
            Assert.Equal(new[] { "RowID", "SOURCERECORDID", "DATEFILLED", "MemberID", "NDC", "QUANTITY" }, unmatched[0].Keys);
            Assert.Equal("00002143380", unmatched[0]["NDC"]);
        }

        [Fact]
        public void WorkedExample_FromCsv_GivesTheSpecifiedAnswer()
        {
            using var run = new Run();
            var r = run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2));
            AssertWorkedExample(r, run.Dir.Combine("out"));
            Assert.Empty(r.Issues);
            Assert.Equal(3, r.OutputFiles.Length);
        }

        [Fact]
        public void WorkedExample_QuantitiesWrittenWithTrailingZeros_MatchTheSame()
        {
            // Spec §4: "same absolute QUANTITY" is about the number: a reversal written -30.0 or -60.00 matches a claim of 30 or 60
            // (decimal keeps its scale, so grouping by its text missed them).
            string file1 = WorkedExample.File1
                .Replace("1003,Acme Health,2025-01-19,M001,00093505601,ATORVASTATIN 20 MG TAB,-30,", "1003,Acme Health,2025-01-19,M001,00093505601,ATORVASTATIN 20 MG TAB,-30.0,")
                .Replace("1007,Acme Health,2025-03-01,M004,00172208380,METFORMIN 500 MG TAB,-60,", "1007,Acme Health,2025-03-01,M004,00172208380,METFORMIN 500 MG TAB,-60.00,");
            Assert.NotEqual(WorkedExample.File1, file1);
            using var run = new Run();
            var r = run.Reprice(run.Write("file1.csv", file1), run.Write("file2.csv", WorkedExample.File2));
            var merged = ReadCsv(run.Dir.Combine("out", "Acme Health_merged_file_with_OR.csv"));
            var byId = merged.ToDictionary(m => m["SOURCERECORDID"]);
            // §8: 1001 and 1003 pair (14 days each, lowest RowID wins), 1002 is not consumed, 1007 is outside the window.
            Assert.Equal(("OR", "Matched", "3"), (byId["1001"]["O's & R's Check"], byId["1001"]["MatchStatus"], byId["1001"]["MatchedRowID"]));
            Assert.Equal(("OR", "Matched", "1"), (byId["1003"]["O's & R's Check"], byId["1003"]["MatchStatus"], byId["1003"]["MatchedRowID"]));
            Assert.Equal(("", ""), (byId["1002"]["O's & R's Check"], byId["1002"]["MatchStatus"]));
            Assert.Equal("UnmatchedReversal", byId["1007"]["MatchStatus"]); // 1007 is 50 days after 1006: outside the window, as in §8
        }

        [Fact]
        public void WorkedExample_FromXlsx_GivesTheSameAnswer()
        {
            using var run = new Run();
            string f1 = run.Dir.Combine("file1.xlsx"), f2 = run.Dir.Combine("file2.xlsx");
            WorkedExample.WriteXlsx(f1, WorkedExample.File1);
            WorkedExample.WriteXlsx(f2, WorkedExample.File2);
            var r = run.Reprice(f1, f2);
            AssertWorkedExample(r, run.Dir.Combine("out"));
        }

        [Fact]
        public void Run_AuditsEveryStepInOneSession()
        {
            using var run = new Run();
            run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2));
            var entries = run.Audit();
            var statuses = entries.Select(e => e.Status).ToList();
            Assert.Equal(new[] { "FILE_ACCESS", "FILE_ACCESS", "PROCESS_START", "INFO", "INFO", "WARNING", "FILE_ACCESS", "FILE_ACCESS", "FILE_ACCESS", "PROCESS_END" }, statuses);
            Assert.Contains("Operation: LOADING", entries[0].Message);
            Assert.Contains("Operation: CREATED", entries[6].Message);
            Assert.StartsWith("Outcome: Succeeded", entries.Last().Message);
            Assert.Single(entries.Select(e => e.SessionId).Distinct());
        }

        [Fact]
        public void MatchRuleStrict_StillMatchesTheExamplePair()
        {
            using var run = new Run();
            var r = run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2), q => q.MatchRule = MatchRule.Strict);
            Assert.Equal(1, r.MatchedPairs);
        }

        [Fact]
        public void OpportunityName_ParameterWinsAndIsMadeSafe()
        {
            using var run = new Run();
            var r = run.Reprice(run.Write("file1.csv", WorkedExample.File1), run.Write("file2.csv", WorkedExample.File2), q => q.OpportunityName = "Acme: Q1/2025?");
            Assert.Equal("Acme_ Q1_2025_", r.OpportunityName);
            Assert.True(File.Exists(run.Dir.Combine("out", "Acme_ Q1_2025_ Claim Detail.csv")));
        }
    }
}
