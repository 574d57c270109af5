using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Core
{
    /// <summary>
    /// One audited piece of work, written the way Invoke-Repricing writes it (repricing.md §7, audit-log.md §3): PROCESS_START
    /// with the inputs and options, FILE_ACCESS per file, the categorised error of a failure, and PROCESS_END whose message
    /// starts "Outcome: Succeeded", "Outcome: Failed" or "Outcome: Cancelled".
    /// </summary>
    internal sealed class AuditedRun
    {
        private readonly AuditWriter _audit;
        private readonly IProgress<RepricingProgress>? _progress;
        private readonly Stopwatch _watch = new Stopwatch();

        internal AuditedRun(AuditWriter audit, string script, string action, IProgress<RepricingProgress>? progress)
        {
            _audit = audit;
            Script = script;
            Action = action;
            _progress = progress;
        }

        internal string Script { get; }
        internal string Action { get; }
        internal string Stage { get; set; } = "read";
        internal TimeSpan Elapsed => _watch.Elapsed;
        internal string SessionId => _audit.SessionId;

        /// <summary>
        /// Runs <paramref name="body"/> between PROCESS_START and PROCESS_END: the one place a piece of work writes its outcome
        /// (Succeeded, Failed, Cancelled). A failure is logged with its category and rethrown; <paramref name="outputs"/> (null
        /// when the body disposes its own) is discarded on failure or cancellation so nothing is left behind.
        /// </summary>
        internal T Run<T>(string startMessage, RunOutputs? outputs, Func<T> body, Func<T, string> headline, CancellationToken cancel)
        {
            _watch.Start();
            _audit.Write(new AuditEntry { Script = Script, Status = AuditStatus.ProcessStart, Action = Action, Message = startMessage });
            try
            {
                T result = body();
                _audit.Write(new AuditEntry
                {
                    Script = Script, Status = AuditStatus.ProcessEnd, Action = Action,
                    Message = $"Outcome: Succeeded | {headline(result)} | Duration: {_watch.Elapsed.TotalSeconds:F1} s",
                });
                return result;
            }
            catch (Exception ex) when (ex is OperationCanceledException || cancel.IsCancellationRequested)
            {
                outputs?.Discard();
                _audit.Write(new AuditEntry { Script = Script, Status = AuditStatus.ProcessEnd, Action = Action, Message = $"Outcome: Cancelled at stage {Stage} | Duration: {_watch.Elapsed.TotalSeconds:F1} s | No outputs written" });
                throw;
            }
            catch (Exception ex)
            {
                outputs?.Discard();
                _audit.WriteError(Script, $"{Action} ({Stage})", ex, Stage);
                _audit.Write(new AuditEntry { Script = Script, Status = AuditStatus.ProcessEnd, Action = Action, Message = $"Outcome: Failed at stage {Stage} | Duration: {_watch.Elapsed.TotalSeconds:F1} s | No outputs written" });
                throw;
            }
        }

        /// <summary>Reads an input as text: FILE_ACCESS LOADING first, then the file; its warnings become WARNING entries.</summary>
        internal RepricingFile Read(string path, FileRole role, string what, string? sheet, string? preferredSheet, CancellationToken cancel)
        {
            _audit.Write(new AuditEntry { Script = Script, Status = AuditStatus.FileAccess, Action = "Read " + what, File = path }, "LOADING");
            Report("read", 0, $"Reading {what}: {path}");
            RepricingFile file = FileImporter.ImportText(path, role, sheet, preferredSheet, cancel);
            foreach (string w in file.Warnings) Warning("Read " + what, w, path);
            return file;
        }

        internal void Info(string action, string message) => _audit.Write(new AuditEntry { Script = Script, Status = AuditStatus.Info, Action = action, Message = message });

        internal void Warning(string action, string message, string file = "") =>
            _audit.Write(new AuditEntry { Script = Script, Status = AuditStatus.Warning, Action = action, Message = message, File = file });

        /// <summary>One DATA_ERROR summarising the row issues (count and first examples), as Import-RepricingFile writes it.</summary>
        internal void RowIssues(string action, string file, IReadOnlyList<RowIssue> issues)
        {
            if (issues.Count == 0) return;
            _audit.Write(new AuditEntry
            {
                Script = Script, Status = Failures.RowIssues.Status, Action = action, File = file, ErrorType = Failures.RowIssues.ErrorType,
                Error = $"{issues.Count} value(s) do not parse; first: {string.Join("; ", issues.Take(5))}",
                Details = string.Join(Environment.NewLine, issues.Take(100)),
            });
        }

        internal void Created(string path) =>
            _audit.Write(new AuditEntry { Script = Script, Status = AuditStatus.FileAccess, Action = "Write output", File = path }, "CREATED");

        internal void Report(string stage, int percent, string message) =>
            _progress?.Report(new RepricingProgress { Stage = stage, Percent = percent, Message = message });
    }

    /// <summary>
    /// The outputs of an analysis run (disruption, line-by-line): checked up front, then written under temporary names and
    /// committed all or nothing through the same <see cref="Repricing.OutputSet"/> as a repricing run (a lock while the run
    /// owns temporaries, never deleting an output it was not told to replace, the old set kept until the new one is in place).
    /// </summary>
    internal sealed class RunOutputs
    {
        private Repricing.OutputSet? _set;

        /// <summary>What cleaning up after runs that are gone had to say.</summary>
        internal List<string> Warnings { get; } = new List<string>();

        /// <summary>Creates the folder and checks the finals: a folder in the way is a FILE_ERROR, an existing file a USER_ERROR unless forced.</summary>
        internal static void Prepare(string dir, IReadOnlyList<string> finals, bool force)
        {
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw Failures.OutputNotWritable.With($"The output folder '{dir}' cannot be created: {ex.Message}", dir, ex);
            }
            var folders = finals.Where(Directory.Exists).ToList();
            if (folders.Count > 0)
            {
                throw Failures.OutputNotWritable.With(
                    $"Outputs cannot be written where folders of the same name are: {string.Join(", ", folders)}.", dir);
            }
            var existing = finals.Where(File.Exists).ToList();
            if (existing.Count > 0 && !force)
            {
                throw Failures.OutputExists.With(
                    $"These outputs exist already: {string.Join(", ", existing.Select(Path.GetFileName))}. Use -Force to replace them, or another -OutputDirectory.", dir);
            }
        }

        /// <summary>A temporary for <paramref name="final"/> (the run takes its lock in the output folder on the first one).</summary>
        internal string Temp(string final)
        {
            _set ??= Repricing.OutputSet.Begin(Path.GetDirectoryName(final) ?? ".", Warnings);
            return _set.NewTemp(final);
        }

        /// <summary>Moves every temporary into place, all or nothing; with <paramref name="force"/> existing outputs are replaced.</summary>
        internal void Commit(bool force)
        {
            _set?.Commit(force);
            Discard();
        }

        /// <summary>Deletes the temporaries not moved in and releases the run's lock.</summary>
        internal void Discard()
        {
            _set?.Dispose();
            _set = null;
        }
    }
}
