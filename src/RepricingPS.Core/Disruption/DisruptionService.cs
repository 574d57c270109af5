using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Core.Disruption
{
    /// <summary>What Invoke-RepricingDisruption asks for; paths are file-system paths.</summary>
    public sealed class DisruptionRequest
    {
        /// <summary>The repriced claims (.csv or .xlsx).</summary>
        public string ClaimsPath { get; set; } = "";
        /// <summary>The claims sheet of an .xlsx; Claims Table when present, else the first, when null.</summary>
        public string? ClaimsSheet { get; set; }
        /// <summary>The analysis.</summary>
        public DisruptionKind Kind { get; set; }
        /// <summary>Where the workbook goes.</summary>
        public string OutputDirectory { get; set; } = "";
        /// <summary>The reference tables given as parameters (a missing one comes from the saved configuration).</summary>
        public Dictionary<ReferenceTable, string?> References { get; } = new Dictionary<ReferenceTable, string?>();
        /// <summary>The opportunity name, else the claims' ClientName, else the claims file's name.</summary>
        public string? OpportunityName { get; set; }
        /// <summary>The window in calendar months (default 6).</summary>
        public int Months { get; set; } = 6;
        /// <summary>Write the Data rows to a .csv beside the workbook.</summary>
        public bool DataAsCsv { get; set; }
        /// <summary>Replace an existing output.</summary>
        public bool Force { get; set; }
    }

    /// <summary>Runs a disruption analysis with every step and failure in the audit log (spec §9).</summary>
    public sealed class DisruptionService
    {
        private const string Script = "Invoke-RepricingDisruption";
        private readonly AuditWriter _audit;
        private readonly ReferenceSettings _settings;
        private readonly IProgress<RepricingProgress>? _progress;

        /// <summary>Creates the service.</summary>
        /// <param name="audit">The audit writer of this invocation.</param>
        /// <param name="settings">The saved reference paths.</param>
        /// <param name="progress">Stage reports, on the caller's thread.</param>
        public DisruptionService(AuditWriter audit, ReferenceSettings settings, IProgress<RepricingProgress>? progress)
        {
            _audit = audit;
            _settings = settings;
            _progress = progress;
        }

        /// <summary>Reads, filters, groups and writes the workbook; all or nothing.</summary>
        public DisruptionResult Run(DisruptionRequest request, CancellationToken cancel)
        {
            var run = new AuditedRun(_audit, Script, "Disruption", _progress);
            var outputs = new RunOutputs();
            string start = $"Disruption started: kind {request.Kind}, claims '{request.ClaimsPath}'{(request.ClaimsSheet != null ? $" (sheet '{request.ClaimsSheet}')" : "")}, " +
                $"output '{request.OutputDirectory}', references {string.Join(", ", request.References.Where(r => r.Value != null).Select(r => $"{r.Key} '{r.Value}'"))}" +
                $"{(request.References.Values.All(v => v == null) ? "(saved)" : "")}, months {request.Months}, opportunity '{request.OpportunityName ?? "(from claims)"}', " +
                $"data as csv {request.DataAsCsv}, force {request.Force}";
            return run.Run(start, outputs, () => Analyse(run, outputs, request, cancel),
                r => $"Kind: {r.Kind} | Claims read: {r.ClaimsRead:N0} | Kept: {r.ClaimsKept:N0} | Members: {r.TotalMembers:N0} | Claims: {Values.Plain(r.TotalClaims)} | Output: {r.OutputFile}", cancel);
        }

        private DisruptionResult Analyse(AuditedRun run, RunOutputs outputs, DisruptionRequest request, CancellationToken cancel)
        {
            run.Stage = "read";
            Dictionary<ReferenceTable, string> paths = _settings.ResolveAll(request.Kind, request.References);
            RepricingFile claims = run.Read(request.ClaimsPath, FileRole.Claims, "claims", request.ClaimsSheet, "Claims Table", cancel);
            DisruptionAnalysis.RequireColumns(claims, ClaimColumns.Required);
            if (claims.RowCount == 0)
            {
                throw Failures.NoDataRows.With($"The claims file '{claims.Path}' has no data rows.", claims.Path);
            }
            var files = new Dictionary<ReferenceTable, RepricingFile>();
            foreach (var pair in paths)
            {
                files[pair.Key] = run.Read(pair.Value, FileRole.Reference, ReferenceInfo.DisplayName(pair.Key), null, ReferenceInfo.PreferredSheet(pair.Key), cancel);
            }
            References refs = References.Build(files);
            files.Clear();
            foreach (string w in refs.Warnings) run.Warning("Read Network", w, paths[ReferenceTable.Network]);

            run.Stage = "filter";
            run.Report("filter", 30, $"Filtering {claims.RowCount:N0} claims");
            var analysis = new DisruptionAnalysis(request.Kind);
            analysis.Filter(claims, refs, request.Months, cancel);
            run.RowIssues("Read claims", claims.Path, analysis.Issues);
            DisruptionDropped d = analysis.Dropped;
            run.Info("Filter", $"Claims read: {claims.RowCount:N0} | Kept: {analysis.Kept.Count:N0} | Window: {analysis.WindowStart:yyyy-MM-dd} to {analysis.WindowEnd:yyyy-MM-dd} | Dropped: {d}");
            if (analysis.Kept.Count == 0)
            {
                throw Failures.NoClaimsKept.With(
                    $"Every one of the {claims.RowCount:N0} claims was dropped, so no workbook was written. Dropped by filter: {d}. " +
                    $"The window was {analysis.WindowStart:yyyy-MM-dd} to {analysis.WindowEnd:yyyy-MM-dd}. Check the claims and reference tables (Maint Drug?, Logic 1-10).", claims.Path);
            }

            run.Stage = "group";
            run.Report("group", 50, $"Grouping {analysis.Kept.Count:N0} kept claims");
            DisruptionResult result = analysis.Summarise(cancel);
            result.ClaimsRead = claims.RowCount;
            result.OpportunityName = OpportunityName(request, claims);
            result.Warnings = claims.Warnings.Concat(refs.Warnings).ToArray();

            run.Stage = "write";
            string dir = request.OutputDirectory;
            var written = new NamedOutputs<DisruptionOutput>(dir);
            string workbook = written.Add(DisruptionOutput.Workbook, DisruptionWorkbook.WorkbookName(result.OpportunityName, request.Kind));
            bool csv = DisruptionWorkbook.DataGoesToCsv(analysis.Kept.Count, request.DataAsCsv);
            string? dataCsv = csv ? written.Add(DisruptionOutput.DataCsv, DisruptionWorkbook.DataCsvName(result.OpportunityName, request.Kind)) : null;
            RunOutputs.Prepare(dir, written.Paths, request.Force);
            if (csv && !request.DataAsCsv)
            {
                string w = $"{analysis.Kept.Count:N0} kept rows do not fit one sheet ({DisruptionWorkbook.MaxDataRows:N0} rows): the Data rows go to '{Path.GetFileName(dataCsv)}'.";
                result.Warnings = result.Warnings.Concat(new[] { w }).ToArray();
                run.Warning("Write", w, dataCsv!);
            }
            int kept = analysis.Kept.Count;
            void Progress(int n) => run.Report("write", 60 + (int)(35L * n / Math.Max(1, kept)), $"Writing row {n:N0} of {kept:N0}");
            try
            {
                if (dataCsv != null)
                {
                    run.Report("write", 60, $"Writing {kept:N0} rows to {Path.GetFileName(dataCsv)}");
                    DisruptionWorkbook.WriteDataCsv(outputs.Temp(dataCsv), claims, analysis, Progress, cancel);
                }
                run.Report("write", dataCsv != null ? 95 : 60, "Writing the workbook");
                DisruptionWorkbook.Write(outputs.Temp(workbook), result, claims, analysis, dataCsv, dataCsv == null ? Progress : (Action<int>?)null, cancel);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Failures.OutputNotWritable.With(
                    $"The workbook could not be written to '{dir}': {ex.Message} Check the folder's permissions and free space; nothing was left behind.", dir, ex);
            }
            cancel.ThrowIfCancellationRequested();
            outputs.Commit(request.Force);
            foreach (string f in written.Paths) run.Created(f);
            result.OutputFile = written[DisruptionOutput.Workbook];
            result.DataFile = written.Find(DisruptionOutput.DataCsv);
            result.Duration = run.Elapsed;
            result.SessionId = run.SessionId;
            run.Report("write", 100, "Done");
            return result;
        }

        /// <summary>-OpportunityName, else the claims' ClientName column, else the claims file's name without its extension; cleaned as repricing.md §5.</summary>
        internal static string OpportunityName(DisruptionRequest request, RepricingFile claims)
        {
            string? name = request.OpportunityName;
            if (string.IsNullOrWhiteSpace(name))
            {
                int client = Array.FindIndex(claims.Data.Columns, c => string.Equals(c, "ClientName", StringComparison.OrdinalIgnoreCase) || string.Equals(c, "Client Name", StringComparison.OrdinalIgnoreCase));
                if (client >= 0) name = claims.Data.Rows.Select(r => r[client].Trim()).FirstOrDefault(v => v.Length > 0);
            }
            if (string.IsNullOrWhiteSpace(name)) name = Path.GetFileNameWithoutExtension(claims.Path);
            string opp = Schema.SafeFileName(name!);
            return opp.Length == 0 ? "claims" : opp;
        }
    }

    /// <summary>The files Invoke-RepricingDisruption writes (<c>DisruptionResult.OutputFile</c> and <c>DataFile</c>).</summary>
    internal enum DisruptionOutput
    {
        /// <summary>The disruption workbook.</summary>
        Workbook,
        /// <summary>The Data sheet's rows as .csv (-DataAsCsv, or too many rows for a sheet).</summary>
        DataCsv,
    }
}
