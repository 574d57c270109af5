using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace RepricingPS.Core
{
    /// <summary>
    /// What kind of failure a <see cref="Failure"/> is, without a reference to PowerShell: each value has the name of the
    /// System.Management.Automation.ErrorCategory the cmdlet project maps it to, one to one.
    /// </summary>
    public enum FailureKind
    {
        /// <summary>ErrorCategory.NotSpecified: an unexpected failure.</summary>
        NotSpecified,
        /// <summary>ErrorCategory.InvalidArgument: a parameter value or setting that cannot be used.</summary>
        InvalidArgument,
        /// <summary>ErrorCategory.InvalidData: the data broke a rule.</summary>
        InvalidData,
        /// <summary>ErrorCategory.ObjectNotFound: a file, folder or user that is not there.</summary>
        ObjectNotFound,
        /// <summary>ErrorCategory.PermissionDenied: the account may not read or write it.</summary>
        PermissionDenied,
        /// <summary>ErrorCategory.ResourceBusy: another program holds it.</summary>
        ResourceBusy,
        /// <summary>ErrorCategory.ResourceExists: it exists already and would be replaced.</summary>
        ResourceExists,
        /// <summary>ErrorCategory.ResourceUnavailable: it cannot be reached now.</summary>
        ResourceUnavailable,
        /// <summary>ErrorCategory.ReadError: it could not be read.</summary>
        ReadError,
        /// <summary>ErrorCategory.WriteError: it could not be written.</summary>
        WriteError,
    }

    /// <summary>
    /// One kind of RepricingPS failure, as the catalogue (<see cref="Failures"/>) defines it: the ErrorRecord's id, its
    /// PowerShell category, the audit status and ErrorType the log gets, whether it stops the command, and what its message says.
    /// </summary>
    public sealed class Failure
    {
        private Failure(string id, string status, string errorType, FailureKind kind, bool terminating, string shape)
        {
            Id = id;
            Status = status;
            ErrorType = errorType;
            Kind = kind;
            Terminating = terminating;
            Shape = shape;
        }

        /// <summary>The stable id of the ErrorRecord, such as FileNotFound.</summary>
        public string Id { get; }

        /// <summary>The audit status: USER_ERROR, FILE_ERROR, DATA_ERROR, SYSTEM_ERROR or CONFIG_ERROR (<see cref="ErrorCategories"/>).</summary>
        public string Status { get; }

        /// <summary>The stable code written as the entry's ErrorType, such as FILE_NOT_FOUND (a contract of the log: never renamed).</summary>
        public string ErrorType { get; }

        /// <summary>The PowerShell category, by name.</summary>
        public FailureKind Kind { get; }

        /// <summary>
        /// True for an unusable parameter combination or configuration: the cmdlet cannot do anything, so it throws a
        /// terminating error. False for a failure of the work itself (a missing or bad input, an output in the way): a
        /// non-terminating error that -ErrorAction governs, as with Import-Csv.
        /// </summary>
        public bool Terminating { get; }

        /// <summary>What the message says, for whoever writes a new site: every message also says what to do.</summary>
        public string Shape { get; }

        /// <summary>The exception of this failure with its message, the object at fault, and the exception behind it.</summary>
        public RepricingException With(string message, object? target = null, Exception? inner = null) => new RepricingException(this, message, target, inner);

        /// <inheritdoc/>
        public override string ToString() => $"{Id} ({Status}, {ErrorType}, {Kind})";

        internal static Failure Work(string id, string status, string errorType, FailureKind kind, string shape) =>
            new Failure(id, status, errorType, kind, terminating: false, shape);

        internal static Failure Stop(string id, string status, string errorType, FailureKind kind, string shape) =>
            new Failure(id, status, errorType, kind, terminating: true, shape);
    }

    /// <summary>
    /// The catalogue of RepricingPS failures: a new error is one line here, thrown as <c>throw Failures.X.With(message, target)</c>.
    /// <see cref="Failure.Work"/> is a per-input failure (non-terminating in a cmdlet), <see cref="Failure.Stop"/> an unusable
    /// parameter combination or configuration (terminating).
    /// </summary>
    public static class Failures
    {
        private const string User = ErrorCategories.User, File = ErrorCategories.File, Data = ErrorCategories.Data,
            Config = ErrorCategories.Config, System = ErrorCategories.System;

        // ---- Inputs: files given to import, repricing, disruption, line-by-line ----

        /// <summary>An input file or template that is not there.</summary>
        public static readonly Failure FileNotFound = Failure.Work("FileNotFound", File, "FILE_NOT_FOUND", FailureKind.ObjectNotFound, "'<path>' does not exist; check the path");
        /// <summary>An input path that is a folder.</summary>
        public static readonly Failure PathIsFolder = Failure.Work("PathIsFolder", File, "PATH_IS_FOLDER", FailureKind.ReadError, "'<path>' is a folder; give the file in it");
        /// <summary>An input the account may not read.</summary>
        public static readonly Failure FileAccessDenied = Failure.Work("FileAccessDenied", File, "ACCESS_DENIED", FailureKind.PermissionDenied, "'<path>' cannot be read by this account; fix its permissions");
        /// <summary>An input another program holds open.</summary>
        public static readonly Failure FileLocked = Failure.Work("FileLocked", File, "FILE_LOCKED", FailureKind.ResourceBusy, "'<path>' is open in another program; close it and run again");
        /// <summary>A CSV that cannot be parsed.</summary>
        public static readonly Failure InvalidCsv = Failure.Work("InvalidCsv", File, "INVALID_CSV", FailureKind.ReadError, "'<path>' is not readable CSV (why); save it again as CSV");
        /// <summary>A workbook that cannot be opened.</summary>
        public static readonly Failure InvalidWorkbook = Failure.Work("InvalidWorkbook", File, "INVALID_WORKBOOK", FailureKind.ReadError, "'<path>' is not a valid .xlsx workbook (why); save it again in Excel");
        /// <summary>An input of a type the module does not read.</summary>
        public static readonly Failure UnsupportedFileType = Failure.Work("UnsupportedFileType", User, "UNSUPPORTED_FILE_TYPE", FailureKind.InvalidArgument, "'<path>' is <extension>; give .csv or .xlsx");
        /// <summary>A workbook too large to load.</summary>
        public static readonly Failure WorkbookTooLarge = Failure.Work("WorkbookTooLarge", User, "WORKBOOK_TOO_LARGE", FailureKind.InvalidArgument, "'<path>' is N MB; save it as .csv and import that");
        /// <summary>A worksheet asked for that the workbook lacks.</summary>
        public static readonly Failure SheetNotFound = Failure.Work("SheetNotFound", User, "SHEET_NOT_FOUND", FailureKind.InvalidArgument, "'<path>' has no sheet '<name>'; its sheets: ...");
        /// <summary>A header cell left blank.</summary>
        public static readonly Failure BlankHeader = Failure.Work("BlankHeader", User, "BLANK_HEADER", FailureKind.InvalidArgument, "'<path>' has a blank header in column N; name it or delete the column");
        /// <summary>The same column twice.</summary>
        public static readonly Failure DuplicateHeader = Failure.Work("DuplicateHeader", User, "DUPLICATE_HEADER", FailureKind.InvalidArgument, "'<path>' has the column '<name>' twice; rename or remove one");
        /// <summary>Required columns missing from an input.</summary>
        public static readonly Failure MissingColumns = Failure.Work("MissingColumns", User, "MISSING_COLUMNS", FailureKind.InvalidArgument, "Missing required columns: <names>; the file has: <names>");
        /// <summary>Required columns missing from a reference table.</summary>
        public static readonly Failure MissingReferenceColumns = Failure.Work("MissingReferenceColumns", User, "MISSING_COLUMNS", FailureKind.InvalidArgument, "The <table> table '<path>' lacks <names>; give the table with <names>");
        /// <summary>Rows with more fields than the header.</summary>
        public static readonly Failure ExtraFields = Failure.Work("ExtraFields", Data, "EXTRA_FIELDS", FailureKind.InvalidData, "'<path>' line N has more fields than the header; fix the line");
        /// <summary>A quote that never closes.</summary>
        public static readonly Failure UnbalancedQuote = Failure.Work("UnbalancedQuote", Data, "UNBALANCED_QUOTE", FailureKind.InvalidData, "'<path>' has a quote opening on line N that does not close; fix it");
        /// <summary>An input without data rows.</summary>
        public static readonly Failure NoDataRows = Failure.Work("NoDataRows", Data, "EMPTY_FILE", FailureKind.InvalidData, "<role> has no data rows (<path>)");
        /// <summary>Values that do not parse, under -Strict (and the DATA_ERROR summary of row issues).</summary>
        public static readonly Failure RowIssues = Failure.Work("RowIssues", Data, "ROW_ISSUES", FailureKind.InvalidData, "N value(s) do not parse: <first five>");
        /// <summary>A SOURCERECORDID more than once.</summary>
        public static readonly Failure DuplicateKey = Failure.Work("DuplicateKey", Data, "DUPLICATE_KEY", FailureKind.InvalidData, "Duplicate SOURCERECORDID in <file>: <ids>; fix the file or use -AllowDuplicateKeys");
        /// <summary>A template without the headers to fill.</summary>
        public static readonly Failure TemplateHeadersNotFound = Failure.Work("TemplateHeadersNotFound", User, "TEMPLATE_NO_MATCHING_HEADERS", FailureKind.InvalidArgument, "The template's sheet has none of the merged columns as headers; give the repricing template");
        /// <summary>A template without the sheet to fill.</summary>
        public static readonly Failure TemplateSheetMissing = Failure.Work("TemplateSheetMissing", User, "TEMPLATE_SHEET_MISSING", FailureKind.InvalidArgument, "The template '<path>' has no sheet '<name>'; its sheets: ...");
        /// <summary>More claims than the line-by-line sheet holds.</summary>
        public static readonly Failure TooManyRows = Failure.Work("TooManyRows", User, "TOO_MANY_ROWS", FailureKind.InvalidArgument, "N claims, the sheet holds M rows; split the claims");
        /// <summary>A reference table listing an NDC twice with different values.</summary>
        public static readonly Failure DuplicateReferenceNdc = Failure.Work("DuplicateReferenceNdc", Data, "DUPLICATE_REFERENCE_NDC", FailureKind.InvalidData, "The <table> table lists N NDC(s) twice: <ndcs>; keep one row per NDC");
        /// <summary>Claims without a usable date.</summary>
        public static readonly Failure NoDatedClaims = Failure.Work("NoDatedClaims", Data, "NO_DATED_CLAIMS", FailureKind.InvalidData, "'<path>' has no dated claims (counts dropped); check DATEFILLED");
        /// <summary>Every claim dropped by the filters.</summary>
        public static readonly Failure NoClaimsKept = Failure.Work("NoClaimsKept", Data, "NO_CLAIMS_KEPT", FailureKind.InvalidData, "Every one of the N claims was dropped (by filter); check the claims and references");

        // ---- Outputs ----

        /// <summary>An output that exists already, without -Force.</summary>
        public static readonly Failure OutputExists = Failure.Work("OutputExists", User, "OUTPUT_EXISTS", FailureKind.ResourceExists, "'<names>' exist already; use -Force or another folder");
        /// <summary>An output folder or file that cannot be written.</summary>
        public static readonly Failure OutputNotWritable = Failure.Work("OutputNotWritable", File, "OUTPUT_NOT_WRITABLE", FailureKind.WriteError, "The outputs could not be written to '<dir>' (why); check permissions and space; what is on disk now");
        /// <summary>An output name longer than file systems allow.</summary>
        public static readonly Failure OutputNameTooLong = Failure.Work("OutputNameTooLong", User, "OUTPUT_NAME_TOO_LONG", FailureKind.InvalidArgument, "The output name '<name>' is longer than N characters; give a shorter -OpportunityName");
        /// <summary>The audit export's folder is missing.</summary>
        public static readonly Failure ExportFolderNotFound = Failure.Work("ExportFolderNotFound", File, "FOLDER_NOT_FOUND", FailureKind.ObjectNotFound, "Cannot export to '<path>': the folder does not exist; create it or choose another -Path");
        /// <summary>The audit export could not be written.</summary>
        public static readonly Failure ExportWriteFailed = Failure.Work("ExportWriteFailed", File, "WRITE_FAILED", FailureKind.WriteError, "Cannot write '<path>': <why>");
        /// <summary>The support report's -OutFile folder is missing.</summary>
        public static readonly Failure OutFileFolderNotFound = Failure.Work("OutFileFolderNotFound", File, "OUTPUT_FOLDER_NOT_FOUND", FailureKind.WriteError, "The folder of -OutFile '<path>' does not exist; create it");
        /// <summary>The support report's -OutFile cannot be written.</summary>
        public static readonly Failure OutFileNotWritable = Failure.Work("OutFileNotWritable", File, "OUTPUT_NOT_WRITABLE", FailureKind.WriteError, "-OutFile '<path>' cannot be written: <why>");

        /// <summary>No entries for the user of a support report.</summary>
        public static readonly Failure UserNotFound = Failure.Work("UserNotFound", User, "USER_NOT_FOUND", FailureKind.ObjectNotFound, "No entries for user '<user>' in the last N days of '<root>'; try a longer -Days or a wildcard");

        // ---- Unusable parameters (terminating) ----

        /// <summary>A parameter value of the wrong kind for -File1/-File2.</summary>
        public static readonly Failure InvalidFileArgument = Failure.Stop("InvalidFileArgument", User, "INVALID_PARAMETER", FailureKind.InvalidArgument, "-<role> takes a path or the output of Import-RepricingFile -Role <role>, not <type>");
        /// <summary>A parameter value of the wrong kind for -Claims.</summary>
        public static readonly Failure InvalidClaimsArgument = Failure.Stop("InvalidClaimsArgument", User, "INVALID_PARAMETER", FailureKind.InvalidArgument, "-Claims takes a .csv or .xlsx path or the result of Invoke-Repricing, not <type>");
        /// <summary>File2 given as -File1 or the other way round.</summary>
        public static readonly Failure WrongFileRole = Failure.Stop("WrongFileRole", User, "WRONG_ROLE", FailureKind.InvalidArgument, "-<role> was given the <other> file '<path>'; pass File1 as -File1 and File2 as -File2");
        /// <summary>The template inside -OutputDirectory, where its filled copy goes.</summary>
        public static readonly Failure TemplateIsOutput = Failure.Stop("TemplateIsOutput", User, "TEMPLATE_IS_OUTPUT", FailureKind.InvalidArgument, "The template '<path>' is where the output would go; keep it in another folder");
        /// <summary>A disruption reference table neither given nor saved.</summary>
        public static readonly Failure MissingReference = Failure.Stop("MissingReference", User, "MISSING_REFERENCE", FailureKind.InvalidArgument, "The <kind> analysis needs the <tables> table(s): give -<table> or save it with Set-RepricingReferenceConfiguration");
        /// <summary>-OutFile of a type the report is not written as.</summary>
        public static readonly Failure InvalidOutFileType = Failure.Stop("InvalidOutFileType", User, "INVALID_PARAMETER", FailureKind.InvalidArgument, "-OutFile '<path>': use a .txt or .html file name");
        /// <summary>-Wait with -Until.</summary>
        public static readonly Failure WaitWithUntil = Failure.Stop("WaitWithUntil", User, "INVALID_PARAMETER", FailureKind.InvalidArgument, "-Wait follows new entries, so it cannot take -Until");
        /// <summary>-Days with -Since.</summary>
        public static readonly Failure DaysAndSince = Failure.Stop("DaysAndSince", User, "INVALID_PARAMETER", FailureKind.InvalidArgument, "Use either -Days or -Since, not both");
        /// <summary>-Since after -Until.</summary>
        public static readonly Failure EmptyWindow = Failure.Stop("EmptyWindow", User, "INVALID_PARAMETER", FailureKind.InvalidArgument, "-Since (<date>) is after -Until (<date>)");
        /// <summary>A status Write-RepricingAuditEntry does not write.</summary>
        public static readonly Failure InvalidStatus = Failure.Stop("InvalidStatus", User, "INVALID_PARAMETER", FailureKind.InvalidArgument, "-Status '<value>' is not a status; use one of <statuses>");
        /// <summary>A viewer port that cannot be listened on.</summary>
        public static readonly Failure ViewerPortUnavailable = Failure.Stop("ViewerPortUnavailable", User, "PORT_IN_USE", FailureKind.InvalidArgument, "Cannot listen on 127.0.0.1:<port> (why); choose another -Port");

        // ---- Configuration (terminating) ----

        /// <summary>A log path that is not a usable path.</summary>
        public static readonly Failure AuditPathInvalid = Failure.Stop("AuditPathInvalid", Config, "INVALID_PATH", FailureKind.InvalidArgument, "The log path '<path>' (from <source>) is not valid: <why>");
        /// <summary>A log path naming an environment variable that is not set.</summary>
        public static readonly Failure AuditPathVariableNotSet = Failure.Stop("AuditPathVariableNotSet", Config, "UNSET_VARIABLE", FailureKind.InvalidArgument, "The log path '<path>' uses %<name>%, which is not set");
        /// <summary>Set-RepricingAuditConfiguration given a file.</summary>
        public static readonly Failure AuditPathIsFile = Failure.Stop("AuditPathIsFile", Config, "LOG_ROOT_NOT_FOLDER", FailureKind.InvalidArgument, "'<path>' is a file; give the folder that should hold the log");
        /// <summary>Set-RepricingAuditConfiguration given a folder that does not exist.</summary>
        public static readonly Failure AuditPathNotFound = Failure.Stop("AuditPathNotFound", Config, "LOG_ROOT_NOT_FOUND", FailureKind.InvalidArgument, "The folder '<path>' does not exist; create it or use -Force");
        /// <summary>A database connection saved with a password.</summary>
        public static readonly Failure AuditConnectionHasPassword = Failure.Stop("AuditConnectionHasPassword", Config, "PASSWORD_IN_SETTING", FailureKind.InvalidArgument, "The connection for <db> holds a password; save it without, use PGPASSWORD or .pgpass");
        /// <summary>A database connection string that does not parse.</summary>
        public static readonly Failure AuditStoreConnectionInvalid = Failure.Stop("AuditStoreConnectionInvalid", Config, "INVALID_CONNECTION", FailureKind.InvalidArgument, "The audit database connection '<display>' is not valid: <why>");
        /// <summary>A saved reference path that cannot be used.</summary>
        public static readonly Failure ReferencePathInvalid = Failure.Stop("ReferencePathInvalid", Config, "INVALID_REFERENCE_PATH", FailureKind.InvalidArgument, "The saved <table> path '<path>' cannot be used (why); save it again or give -<table>");
        /// <summary>Set-RepricingReferenceConfiguration given a table that does not exist.</summary>
        public static readonly Failure ReferenceFileNotFound = Failure.Stop("ReferenceFileNotFound", File, "FILE_NOT_FOUND", FailureKind.ObjectNotFound, "The <table> table '<path>' does not exist; check the path or use -Force");

        // ---- The audit log folder ----

        /// <summary>The log root is not there.</summary>
        public static readonly Failure AuditLogNotFound = Failure.Stop("AuditLogNotFound", File, "LOG_ROOT_NOT_FOUND", FailureKind.ObjectNotFound, "The audit log '<root>' does not exist or cannot be reached; check -LogPath");
        /// <summary>The log root is a file.</summary>
        public static readonly Failure AuditLogRootIsFile = Failure.Stop("AuditLogRootIsFile", File, "LOG_ROOT_NOT_FOLDER", FailureKind.ReadError, "The audit log '<root>' is a file, not a folder");
        /// <summary>The log cannot be read by this account.</summary>
        public static readonly Failure AuditLogAccessDenied = Failure.Stop("AuditLogAccessDenied", File, "ACCESS_DENIED", FailureKind.PermissionDenied, "The audit log '<root>' cannot be read by this account (why)");
        /// <summary>Spooled entries cannot be moved to the log root (Sync-RepricingAuditLog).</summary>
        public static readonly Failure AuditLogUnavailable = Failure.Stop("AuditLogUnavailable", File, "LOG_ROOT_UNAVAILABLE", FailureKind.ResourceUnavailable, "Spooled entries cannot be moved: <why>; they stay in '<spool>'; run Sync-RepricingAuditLog again");
        /// <summary>An entry could be written neither to the log nor to the local spool: it is lost.</summary>
        public static readonly Failure AuditSpoolUnavailable = Failure.Stop("AuditSpoolUnavailable", System, "AUDIT_LOG_UNAVAILABLE", FailureKind.NotSpecified, "The entry could not be written to the log '<root>' (why) nor to the spool '<spool>' (why); free space or fix permissions");
        /// <summary>Retention asked to remove something outside the root.</summary>
        public static readonly Failure AuditLogRetentionRefused = Failure.Work("AuditLogRetentionRefused", File, "OUTSIDE_ROOT", FailureKind.ReadError, "'<path>' is not inside the log root '<root>'");
        /// <summary>Retention asked to remove through a link.</summary>
        public static readonly Failure AuditLogLinkRefused = Failure.Work("AuditLogLinkRefused", File, "LINK_REFUSED", FailureKind.ReadError, "'<path>' is a link; '<file>' was left in place");
        /// <summary>Retention could not remove a file.</summary>
        public static readonly Failure AuditLogRemoveFailed = Failure.Work("AuditLogRemoveFailed", File, "REMOVE_FAILED", FailureKind.WriteError, "'<path>' could not be removed: <why>");
        /// <summary>A log file with malformed rows or chain breaks (Test-RepricingAuditLog).</summary>
        public static readonly Failure AuditLogIntegrity = Failure.Work("AuditLogIntegrity", Data, "LOG_INTEGRITY", FailureKind.InvalidData, "'<file>': N malformed row(s), M chain break(s): <problems>");

        // ---- The audit database ----

        /// <summary>The database cannot be reached.</summary>
        public static readonly Failure AuditStoreUnreachable = Failure.Stop("AuditStoreUnreachable", File, "DB_UNREACHABLE", FailureKind.ReadError, "Could not <do>: the audit database <db> cannot be reached (why); check server, port, network");
        /// <summary>The database refused the login.</summary>
        public static readonly Failure AuditStoreAuthenticationFailed = Failure.Stop("AuditStoreAuthenticationFailed", Config, "DB_AUTH_FAILED", FailureKind.InvalidArgument, "Could not <do>: <db> refused the login (why); check the user and PGPASSWORD/.pgpass");
        /// <summary>The database does not exist.</summary>
        public static readonly Failure AuditStoreDatabaseNotFound = Failure.Stop("AuditStoreDatabaseNotFound", Config, "DB_NOT_FOUND", FailureKind.InvalidArgument, "Could not <do>: <db> does not exist; check the name or ask an administrator");
        /// <summary>The login lacks the role for what it asked.</summary>
        public static readonly Failure AuditStorePermissionDenied = Failure.Stop("AuditStorePermissionDenied", Config, "ACCESS_DENIED", FailureKind.InvalidArgument, "Could not <do>: <db> refused it (why); ask for repricing_writer/reader/admin");
        /// <summary>The database has no RepricingPS schema.</summary>
        public static readonly Failure AuditStoreSchemaMissing = Failure.Stop("AuditStoreSchemaMissing", Config, "DB_SCHEMA_MISSING", FailureKind.InvalidArgument, "Could not <do>: <db> has no RepricingPS schema; run Initialize-RepricingAuditStore");
        /// <summary>The database's schema is newer than this module.</summary>
        public static readonly Failure AuditStoreSchemaNewer = Failure.Stop("AuditStoreSchemaNewer", Config, "DB_SCHEMA_NEWER", FailureKind.InvalidArgument, "<db> has schema version N; this RepricingPS knows M; update the module");
        /// <summary>Any other database failure.</summary>
        public static readonly Failure AuditStoreFailed = Failure.Stop("AuditStoreFailed", System, "DB_ERROR", FailureKind.NotSpecified, "Could not <do>: <db> answered <sqlstate> (why)");

        private static readonly Lazy<IReadOnlyList<Failure>> Catalogue = new Lazy<IReadOnlyList<Failure>>(() =>
            typeof(Failures).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(Failure))
                .Select(f => (Failure)f.GetValue(null)!)
                .ToList());

        /// <summary>Every failure in the catalogue.</summary>
        public static IReadOnlyList<Failure> All => Catalogue.Value;

        /// <summary>The failure with <paramref name="id"/>; an id not in the catalogue is a bug.</summary>
        public static Failure ById(string id) =>
            All.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal))
            ?? throw new ArgumentException($"'{id}' is not in the failure catalogue (Failures).", nameof(id));
    }
}
