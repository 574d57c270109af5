using System;
using System.Net.Sockets;
using Npgsql;

namespace RepricingPS.Core.Audit.Postgres
{
    /// <summary>
    /// Turns Npgsql failures into named, categorised errors. Messages name the database by its display form
    /// (never the connection string) so a password can never reach a message, the log or the console.
    /// </summary>
    internal static class PostgresErrors
    {

        internal static RepricingException Translate(Exception ex, PostgresTarget target, string doing)
        {
            if (ex is RepricingException known) return known;
            string where = $"the audit database {target.Display}";
            if (ex is PostgresException pg)
            {
                switch (pg.SqlState)
                {
                    case PostgresErrorCodes.InvalidPassword:
                    case PostgresErrorCodes.InvalidAuthorizationSpecification:
                        return Failures.AuditStoreAuthenticationFailed.With(
                            $"Could not {doing}: {where} refused the login ({pg.MessageText}). Check the user name, and put the password in PGPASSWORD or the user's .pgpass file (never in the log path).", target.Display, ex);
                    case PostgresErrorCodes.InvalidCatalogName:
                        return Failures.AuditStoreDatabaseNotFound.With(
                            $"Could not {doing}: {where} does not exist ({pg.MessageText}). Check the database name, or ask an administrator to create it and run Initialize-RepricingAuditStore.", target.Display, ex);
                    case PostgresErrorCodes.InvalidSchemaName:
                    case PostgresErrorCodes.UndefinedTable:
                    case PostgresErrorCodes.UndefinedFunction:
                        return SchemaMissingError(target, doing);
                    case PostgresErrorCodes.InsufficientPrivilege:
                        return Failures.AuditStorePermissionDenied.With(
                            $"Could not {doing}: {where} refused it ({pg.MessageText}). Ask an administrator to grant this login repricing_writer (to write), repricing_reader (to query) or repricing_admin (retention, copy).", target.Display, ex);
                    case PostgresErrorCodes.AdminShutdown:
                    case PostgresErrorCodes.CannotConnectNow:
                    case PostgresErrorCodes.TooManyConnections:
                        return UnreachableError(target, doing, pg.MessageText, ex);
                }
                if (pg.SqlState.StartsWith("08", StringComparison.Ordinal)) return UnreachableError(target, doing, pg.MessageText, ex);
                return Failures.AuditStoreFailed.With(
                    $"Could not {doing}: {where} answered {pg.SqlState} ({pg.MessageText}).", target.Display, ex);
            }
            if (ex is NpgsqlException && ex.Message.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return Failures.AuditStoreAuthenticationFailed.With(
                    $"Could not {doing}: {where} asks for a password and none was found. Put it in PGPASSWORD or the user's .pgpass file.", target.Display, ex);
            }
            string reason = ex.InnerException is SocketException se ? se.Message : ex.InnerException is TimeoutException ? "timed out" : ex.Message;
            return UnreachableError(target, doing, reason, ex);
        }

        internal static RepricingException UnreachableError(PostgresTarget target, string doing, string reason, Exception? inner) =>
            Failures.AuditStoreUnreachable.With(
                $"Could not {doing}: the audit database {target.Display} cannot be reached ({reason}). Check the server name and port, the network, and that the server is running.", target.Display, inner);

        internal static RepricingException SchemaMissingError(PostgresTarget target, string doing) =>
            Failures.AuditStoreSchemaMissing.With(
                $"Could not {doing}: the audit database {target.Display} has no RepricingPS schema. An administrator runs Initialize-RepricingAuditStore -ConnectionString '{target.Display}' once.", target.Display);

        internal static RepricingException SchemaNewerError(PostgresTarget target, int found, int known) =>
            Failures.AuditStoreSchemaNewer.With(
                $"The audit database {target.Display} has schema version {found}; this RepricingPS knows version {known} at most. Update the RepricingPS module on this machine.", target.Display);
    }
}
