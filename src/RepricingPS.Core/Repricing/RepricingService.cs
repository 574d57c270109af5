using System;
using System.Collections.Generic;
using System.IO;
using System.Globalization;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using RepricingPS.Core.Audit;

namespace RepricingPS.Core.Repricing
{
    /// <summary>Runs imports and repricing with every step and failure in the audit log (spec §7).</summary>
    public sealed class RepricingService
    {
        private readonly AuditWriter _audit;
        private readonly string _script;
        private readonly IProgress<RepricingProgress>? _progress;

        /// <summary>Creates the service.</summary>
        /// <param name="audit">The audit writer of this invocation.</param>
        /// <param name="script">The cmdlet name written as Script.</param>
        /// <param name="progress">Stage reports, on the caller's thread.</param>
        public RepricingService(AuditWriter audit, string script, IProgress<RepricingProgress>? progress)
        {
            _audit = audit;
            _script = script;
            _progress = progress;
        }

        /// <summary>Imports a file: FILE_ACCESS LOADING, then the file, with a DATA_ERROR summary of its row issues; a failure is logged with its category and rethrown.</summary>
        public RepricingFile Import(string path, FileRole role, string? sheet, bool strict, CancellationToken cancel) =>
            Import(path, role, sheet, strict, logFailure: true, cancel);

        /// <summary>
        /// Import-RepricingFile's piece of work: the import between PROCESS_START and PROCESS_END ("Outcome: Succeeded | Rows: ...",
        /// Failed or Cancelled), so a standalone import counts as a success (audit-log.md §3: every cmdlet that does work writes
        /// one). Invoke-Repricing imports with <see cref="Import(string, FileRole, string?, bool, CancellationToken)"/> instead:
        /// its inputs belong to its own run (repricing.md §7), one success per run.
        /// </summary>
        public RepricingFile ImportAsRun(string path, FileRole role, string? sheet, bool strict, CancellationToken cancel)
        {
            var run = new AuditedRun(_audit, _script, "Import " + role, _progress) { Stage = "read" };
            string start = $"Import started: {role} '{path}', sheet '{sheet ?? "(first)"}', strict {strict}";
            return run.Run(start, null, () => Import(path, role, sheet, strict, logFailure: false, cancel),
                f => $"Rows: {f.RowCount:N0} | Columns: {f.Columns.Length:N0} | Issues: {f.Issues.Length:N0}", cancel);
        }

        /// <summary>
        /// Imports a file with its audit entries and progress, on this thread; the file itself is read here, or by
        /// <paramref name="reading"/> when it was started already (the entries stay in the order of a sequential read).
        /// </summary>
        private RepricingFile Import(string path, FileRole role, string? sheet, bool strict, bool logFailure, CancellationToken cancel, BackgroundRead? reading = null)
        {
            string action = "Import " + role;
            _audit.Write(new AuditEntry { Script = _script, Status = AuditStatus.FileAccess, Action = action, File = path }, "LOADING");
            Report("read", 0, $"Reading {role}: {path}");
            RepricingFile file;
            try
            {
                file = reading != null ? reading.Result() : FileImporter.Import(path, role, sheet, strict, cancel);
            }
            catch (Exception ex) when (logFailure && !(ex is OperationCanceledException))
            {
                _audit.WriteError(_script, action, ex, "read " + role);
                throw;
            }
            foreach (string w in file.Warnings) _audit.Write(new AuditEntry { Script = _script, Status = AuditStatus.Warning, Action = action, File = path, Message = w });
            if (file.Issues.Length > 0)
            {
                _audit.Write(new AuditEntry
                {
                    Script = _script, Status = Failures.RowIssues.Status, Action = action, File = path, ErrorType = Failures.RowIssues.ErrorType,
                    Error = $"{file.Issues.Length} value(s) in {role} do not parse; first: {string.Join("; ", file.Issues.Take(5))}",
                    Details = string.Join(Environment.NewLine, file.Issues.Take(100)),
                });
            }
            Report("read", 100, $"{role}: {file.RowCount:N0} rows, {file.Columns.Length} columns, {file.Issues.Length} issue(s)");
            return file;
        }

        /// <summary>The run: merge, match, outputs, template, with PROCESS_START and PROCESS_END (outcome, counts, duration).</summary>
        public RepricingResult Run(RepricingRequest request, CancellationToken cancel)
        {
            var run = new AuditedRun(_audit, _script, "Reprice", _progress) { Stage = "read" };
            string start = $"Repricing started: File1 '{request.File1?.Path ?? request.File1Path}', File2 '{request.File2?.Path ?? request.File2Path}', output '{request.OutputDirectory}', " +
                           $"template '{request.TemplatePath ?? "(none)"}', window {request.MatchWindowDays} days, rule {request.MatchRule}, " +
                           $"duplicates {(request.AllowDuplicateKeys ? "allowed" : "refused")}, strict {request.Strict}, xlsx {request.Xlsx}, force {request.Force}";
            // The outputs are an OutputSet of RunStages' own, disposed (temporaries deleted) however the run ends.
            return run.Run(start, null, () =>
            {
                // Inputs given as paths are read here, inside the run: a file that cannot be read fails the run (logged once, by the run).
                // Two large ones are read at the same time (File2 on a thread of its own), small ones one after the other.
                if (request.File1 == null && request.File2 == null && BackgroundRead.Worthwhile(request.File1Path, request.File2Path)) ImportBoth(request, cancel);
                request.File1 ??= Import(request.File1Path ?? "", FileRole.File1, null, request.Strict, logFailure: false, cancel);
                request.File2 ??= Import(request.File2Path ?? "", FileRole.File2, null, request.Strict, logFailure: false, cancel);
                RepricingResult result = RunStages(request, s => run.Stage = s, cancel);
                result.Duration = run.Elapsed;
                result.SessionId = _audit.SessionId;
                return result;
            }, r => $"Merged rows: {r.MergedRows:N0} | Matched pairs: {r.MatchedPairs:N0} | Unmatched reversals: {r.UnmatchedReversals:N0} | OR rows: {r.ORRows:N0}", cancel);
        }

        /// <summary>
        /// Reads File2 on a thread of its own while File1 is read here. What the user sees is what a sequential read gives:
        /// the audit entries in the same order, File1's failure first when both fail (File2's reader is then stopped), the
        /// same exceptions, and Ctrl+C stops both (each reader checks the token as often as a sequential read does).
        /// </summary>
        private void ImportBoth(RepricingRequest request, CancellationToken cancel)
        {
            using var file2 = new BackgroundRead(request.File2Path!, FileRole.File2, request.Strict, cancel);
            request.File1 = Import(request.File1Path!, FileRole.File1, null, request.Strict, logFailure: false, cancel);
            request.File2 = Import(request.File2Path!, FileRole.File2, null, request.Strict, logFailure: false, cancel, file2);
        }

        private RepricingResult RunStages(RepricingRequest request, Action<string> stage, CancellationToken cancel)
        {
            if (request.TemplatePath != null && !File.Exists(request.TemplatePath))
            {
                throw Failures.FileNotFound.With(
                    $"The template '{request.TemplatePath}' does not exist. Check the path, or leave out -Template to skip the template fill.", request.TemplatePath);
            }
            var issues = request.File1.Issues.Concat(request.File2.Issues).ToArray();
            if (request.Strict && issues.Length > 0)
            {
                throw Failures.RowIssues.With(
                    $"{issues.Length} value(s) do not parse and -Strict is set: {string.Join("; ", issues.Take(5))}", request.File1.Path);
            }
            string opp = Schema.SafeFileName(!string.IsNullOrWhiteSpace(request.OpportunityName) ? request.OpportunityName!
                : request.File1.OpportunityName.Length > 0 ? request.File1.OpportunityName : "claims detail PCU");
            if (opp.Length == 0) opp = "claims detail PCU";

            stage("merge");
            Report("merge", 0, $"Merging {request.File1.RowCount:N0} and {request.File2.RowCount:N0} rows");
            MergedData data = Merger.Merge(request.File1.Data, request.File2.Data, request.AllowDuplicateKeys, cancel);
            var missing = Schema.MergedRequired.Where(c => data.IndexOf(c) < 0).ToList();
            if (missing.Count > 0)
            {
                throw Failures.MissingColumns.With(
                    $"Missing required columns: {string.Join(", ", missing)} (in neither file). The merged columns are: {string.Join(", ", data.Columns.Select(c => c.Name))}.", request.File1.Path);
            }
            int both = 0, only1 = 0, only2 = 0;
            foreach (MergedRow r in data.Rows)
            {
                if (r.Side == MergeSide.Both) both++;
                else if (r.Side == MergeSide.File1Only) only1++;
                else only2++;
            }
            _audit.Write(new AuditEntry { Script = _script, Status = AuditStatus.Info, Action = "Merge", Message = $"Merged {data.Rows.Length:N0} rows: {both:N0} in both files, {only1:N0} File1 only, {only2:N0} File2 only" });
            foreach (string w in data.Warnings) _audit.Write(new AuditEntry { Script = _script, Status = AuditStatus.Warning, Action = "Merge", Message = w });

            stage("match");
            Report("match", 40, $"Matching originals and reversals in {data.Rows.Length:N0} rows");
            Matcher.Match(data.Rows, request.MatchWindowDays, request.MatchRule, cancel);
            var result = Summarise(request, data, opp, issues);
            _audit.Write(new AuditEntry
            {
                Script = _script, Status = AuditStatus.Info, Action = "Match",
                Message = $"Matched {result.MatchedPairs:N0} pairs; {result.UnmatchedReversals:N0} unmatched reversals; {result.ORRows:N0} OR rows; {result.Claims:N0} claims, {result.Reversals:N0} reversals",
            });
            var warnings = new List<string>(data.Warnings);
            if (result.UnmatchedReversals > 0)
            {
                string w = $"{result.UnmatchedReversals:N0} reversal(s) have no matching claim within {request.MatchWindowDays} days (see {RepricingOutputs.FileName(RepricingOutput.UnmatchedReversals, opp)}).";
                warnings.Add(w);
                _audit.Write(new AuditEntry { Script = _script, Status = AuditStatus.Warning, Action = "Match", Message = w });
            }
            result.Warnings = warnings.ToArray();

            stage("write");
            Report("write", 60, "Writing outputs");
            string dir = request.OutputDirectory;
            NamedOutputs<RepricingOutput> outputs = RepricingOutputs.Plan(dir, opp, request.Xlsx, request.TemplatePath != null);
            PrepareOutputs(request, outputs);
            int[] ordered = Outputs.OutputOrder(data);
            var setWarnings = new List<string>();
            try
            {
                using OutputSet set = OutputSet.Begin(dir, setWarnings);
                Dictionary<int, string>? logic = null;
                if (request.TemplatePath != null)
                {
                    stage("template");
                    Report("template", 70, $"Filling the template with {ordered.Length:N0} rows");
                    string copy = set.NewTemp(outputs[RepricingOutput.FilledTemplate]);
                    File.Copy(request.TemplatePath, copy);
                    logic = Outputs.FillTemplate(copy, data, ordered, cancel);
                    stage("write");
                }
                Report("write", 75, "Writing the merged file and the claim detail");
                Outputs.WriteMergedAndDetail(set.NewTemp(outputs[RepricingOutput.Merged]), set.NewTemp(outputs[RepricingOutput.ClaimDetail]), data, ordered, logic, cancel);
                Outputs.WriteUnmatched(set.NewTemp(outputs[RepricingOutput.UnmatchedReversals]), data, cancel);
                if (outputs.Contains(RepricingOutput.MergedWorkbook))
                {
                    Report("write", 90, "Writing the merged workbook");
                    Outputs.WriteMergedXlsx(set.NewTemp(outputs[RepricingOutput.MergedWorkbook]), data, ordered, cancel);
                }
                cancel.ThrowIfCancellationRequested();
                set.Commit(request.Force);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Failures.OutputNotWritable.With(
                    $"The outputs could not be written to '{dir}': {ex.Message} Check the folder's permissions and free space. Nothing was moved into place; existing files are unchanged.", dir, ex);
            }
            finally
            {
                foreach (string w in setWarnings) _audit.Write(new AuditEntry { Script = _script, Status = AuditStatus.Warning, Action = "Write output", Message = w });
                warnings.AddRange(setWarnings);
                result.Warnings = warnings.ToArray();
            }
            foreach (string f in outputs.Paths) _audit.Write(new AuditEntry { Script = _script, Status = AuditStatus.FileAccess, Action = "Write output", File = f }, "CREATED");
            result.OutputFiles = new ItemList<string>(outputs.Paths);
            Report("write", 100, "Done");
            return result;
        }

        private static void PrepareOutputs(RepricingRequest request, NamedOutputs<RepricingOutput> outputs)
        {
            string dir = outputs.Directory;
            IReadOnlyList<string> finals = outputs.Paths;
            if (request.TemplatePath != null && string.Equals(Path.GetFullPath(request.TemplatePath), Path.GetFullPath(outputs[RepricingOutput.FilledTemplate]), StringComparison.OrdinalIgnoreCase))
            {
                throw Failures.TemplateIsOutput.With(
                    $"The template '{request.TemplatePath}' is where the filled copy would go. Keep the template in another folder than -OutputDirectory.", request.TemplatePath);
            }
            string? tooLong = finals.Select(Path.GetFileName).FirstOrDefault(n => NameLength(n!) > MaxFileNameLength);
            if (tooLong != null)
            {
                throw Failures.OutputNameTooLong.With(
                    $"The output name '{tooLong}' is longer than file systems allow ({MaxFileNameLength} characters). Give a shorter -OpportunityName.", dir);
            }
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw Failures.OutputNotWritable.With($"The output folder '{dir}' cannot be created: {ex.Message}", dir, ex);
            }
            var existing = finals.Where(f => File.Exists(f) || Directory.Exists(f)).ToList();
            var folders = existing.Where(Directory.Exists).ToList();
            if (folders.Count > 0)
            {
                throw Failures.OutputNotWritable.With(
                    $"Outputs cannot be written where folders of the same name are: {string.Join(", ", folders)}.", dir);
            }
            if (existing.Count > 0 && !request.Force)
            {
                throw Failures.OutputExists.With(
                    $"These outputs exist already: {string.Join(", ", existing.Select(Path.GetFileName))}. Use -Force to replace them, or another -OutputDirectory.", dir);
            }
        }

        private const int MaxFileNameLength = 255;

        /// <summary>A name's length as the file system counts it: UTF-16 units on Windows, UTF-8 bytes elsewhere.</summary>
        private static int NameLength(string name) =>
            Path.DirectorySeparatorChar == '\\' ? name.Length : System.Text.Encoding.UTF8.GetByteCount(name);

        private static RepricingResult Summarise(RepricingRequest request, MergedData data, string opp, RowIssue[] issues)
        {
            // One pass over the rows for every count; NetTotals are over priced claims (spec §5).
            var result = new RepricingResult { OpportunityName = opp, MergedRows = data.Rows.Length, File1Rows = request.File1.RowCount, File2Rows = request.File2.RowCount, Issues = issues };
            var totals = new NetTotals();
            string[] moneyColumns = { Schema.Awp, Schema.IngCost, Schema.DispenseFee, Schema.TotalCost, Schema.GrossCost };
            var money = new ColumnReader[moneyColumns.Length];
            for (int m = 0; m < money.Length; m++) money[m] = new ColumnReader(data, moneyColumns[m]);
            var sums = new decimal?[money.Length];
            for (int m = 0; m < money.Length; m++) sums[m] = money[m].Exists ? 0m : (decimal?)null; // a total only where the column exists
            foreach (MergedRow r in data.Rows)
            {
                if (r.Side == MergeSide.Both) result.BothRows++;
                else if (r.Side == MergeSide.File1Only) result.File1OnlyRows++;
                else result.File2OnlyRows++;
                if (r.Quantity > 0) result.Claims++;
                if (r.Quantity < 0) result.Reversals++;
                if (r.Quantity < 0 && r.MatchStatus == MatchStatus.Matched) result.MatchedPairs++;
                if (r.MatchStatus == MatchStatus.UnmatchedReversal) result.UnmatchedReversals++;
                if (r.Flag == OrFlag.OR) result.ORRows++;
                if (r.Side == MergeSide.File1Only && r.Quantity > 0) totals.UnpricedClaims++;
                if (r.Side == MergeSide.Both && r.Flag == OrFlag.None && r.Quantity > 0)
                {
                    totals.ClaimCount++;
                    for (int m = 0; m < money.Length; m++)
                    {
                        if (money[m].Decimal(r) is decimal d) sums[m] += d;
                    }
                }
            }
            totals.TotalAwp = sums[0];
            totals.IngCost = sums[1];
            totals.DispenseFee = sums[2];
            totals.TotalCost = sums[3];
            totals.GrossCost = sums[4];
            result.NetTotals = totals;
            return result;
        }

        private void Report(string stage, int percent, string message) =>
            _progress?.Report(new RepricingProgress { Stage = stage, Percent = percent, Message = message });

        /// <summary>An input file read on a thread of its own (with the caller's culture, for the numbers in messages).</summary>
        internal sealed class BackgroundRead : IDisposable
        {
            /// <summary>
            /// Below this (both files together, about 40,000 claims) a second thread is not worth its start-up: a small run in a
            /// fresh console reads its files one after the other, with no more code to compile than before.
            /// </summary>
            private const long MinBytes = 8L << 20;

            private readonly CancellationTokenSource _stop;
            private readonly Thread _thread;
            private RepricingFile? _file;
            private ExceptionDispatchInfo? _failure;

            internal BackgroundRead(string path, FileRole role, bool strict, CancellationToken cancel)
            {
                _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                CancellationToken token = _stop.Token;
                CultureInfo culture = CultureInfo.CurrentCulture, uiCulture = CultureInfo.CurrentUICulture;
                _thread = new Thread(() =>
                {
                    Thread.CurrentThread.CurrentCulture = culture;
                    Thread.CurrentThread.CurrentUICulture = uiCulture;
                    try
                    {
                        _file = FileImporter.Import(path, role, null, strict, token);
                    }
                    catch (Exception ex)
                    {
                        // Rethrown on the caller's thread by Result (an exception escaping a thread would end the process).
                        _failure = ExceptionDispatchInfo.Capture(ex);
                    }
                })
                { IsBackground = true, Name = "RepricingPS " + role + " reader" };
                _thread.Start();
            }

            /// <summary>Whether both inputs are files large enough to be worth reading at the same time.</summary>
            internal static bool Worthwhile(string? path1, string? path2)
            {
                if (path1 == null || path2 == null) return false;
                try
                {
                    FileInfo info1 = new FileInfo(path1), info2 = new FileInfo(path2);
                    return info1.Exists && info2.Exists && info1.Length + info2.Length >= MinBytes;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException || ex is System.Security.SecurityException)
                {
                    return false; // the read reports what is wrong with the path
                }
            }

            /// <summary>The file, once read; the reader's exception, rethrown as it was thrown.</summary>
            internal RepricingFile Result()
            {
                _thread.Join();
                _failure?.Throw();
                return _file!;
            }

            /// <summary>Stops the reader if it is still reading (File1 failed) and waits for it: no thread outlives the run.</summary>
            public void Dispose()
            {
                _stop.Cancel();
                _thread.Join();
                _stop.Dispose();
            }
        }
    }
}
