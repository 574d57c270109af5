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
        private readonly AuditLog _audit;
        private readonly IProgress<RepricingProgress>? _progress;
        private readonly Stopwatch _watch = new Stopwatch();

        internal AuditedRun(AuditLog audit, string script, string action, IProgress<RepricingProgress>? progress)
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
        /// Runs <paramref name="body"/> between PROCESS_START and PROCESS_END. A failure is logged with its category and rethrown;
        /// <paramref name="outputs"/> is discarded on failure or cancellation so nothing is left behind.
        /// </summary>
        internal T Run<T>(string startMessage, OutputSet outputs, Func<T> body, Func<T, string> headline, CancellationToken cancel)
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
                outputs.Discard();
                _audit.Write(new AuditEntry { Script = Script, Status = AuditStatus.ProcessEnd, Action = Action, Message = $"Outcome: Cancelled at stage {Stage} | Duration: {_watch.Elapsed.TotalSeconds:F1} s | No outputs written" });
                throw;
            }
            catch (Exception ex)
            {
                outputs.Discard();
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
                Script = Script, Status = ErrorCategories.Data, Action = action, File = file, ErrorType = "ROW_ISSUES",
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
    /// Outputs written under temporary names in the output folder and moved into place together: an existing output is refused
    /// unless forced, and a failure or Ctrl+C leaves nothing behind (repricing.md §5).
    /// </summary>
    internal sealed class OutputSet
    {
        private readonly List<(string Temp, string Final)> _temps = new List<(string, string)>();

        /// <summary>Creates the folder and checks the finals: a folder in the way is a FILE_ERROR, an existing file a USER_ERROR unless forced.</summary>
        internal static void Prepare(string dir, IReadOnlyList<string> finals, bool force)
        {
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new RepricingException(ErrorCategories.File, "OUTPUT_NOT_WRITABLE", "OutputNotWritable", $"The output folder '{dir}' cannot be created: {ex.Message}", dir, ex);
            }
            var folders = finals.Where(Directory.Exists).ToList();
            if (folders.Count > 0)
            {
                throw new RepricingException(ErrorCategories.File, "OUTPUT_NOT_WRITABLE", "OutputNotWritable",
                    $"Outputs cannot be written where folders of the same name are: {string.Join(", ", folders)}.", dir);
            }
            var existing = finals.Where(File.Exists).ToList();
            if (existing.Count > 0 && !force)
            {
                throw new RepricingException(ErrorCategories.User, "OUTPUT_EXISTS", "OutputExists",
                    $"These outputs exist already: {string.Join(", ", existing.Select(Path.GetFileName))}. Use -Force to replace them, or another -OutputDirectory.", dir);
            }
        }

        /// <summary>A temporary name beside <paramref name="final"/>, hidden and unique.</summary>
        internal string Temp(string final)
        {
            string dir = Path.GetDirectoryName(final) ?? ".";
            string t = Path.Combine(dir, "." + Path.GetFileName(final) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            _temps.Add((t, final));
            return t;
        }

        /// <summary>Moves every temporary file into place; on failure removes what was moved and what is left.</summary>
        internal void Commit(string dir)
        {
            var moved = new List<string>();
            try
            {
                foreach (var (temp, final) in _temps)
                {
                    if (File.Exists(final)) File.Delete(final); // only reached when forced (Prepare refuses otherwise)
                    File.Move(temp, final);
                    moved.Add(final);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                foreach (string f in moved) File.Delete(f);
                Discard();
                throw new RepricingException(ErrorCategories.File, "OUTPUT_NOT_WRITABLE", "OutputNotWritable",
                    $"The outputs could not be moved into place in '{dir}': {ex.Message} Nothing was left behind.", dir, ex);
            }
            _temps.Clear();
        }

        /// <summary>Deletes the temporary files not yet moved.</summary>
        internal void Discard()
        {
            foreach (var (temp, _) in _temps)
            {
                try { if (File.Exists(temp)) File.Delete(temp); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            _temps.Clear();
        }
    }
}
