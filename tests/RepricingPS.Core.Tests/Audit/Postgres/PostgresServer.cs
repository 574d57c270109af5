using System;
using Npgsql;
using RepricingPS.Core.Audit.Postgres;
using Xunit;

namespace RepricingPS.Core.Tests.Audit.Postgres
{
    /// <summary>
    /// The throwaway PostgreSQL cluster that Build.ps1 -Task Test starts (build/TestPostgres.ps1) and names in
    /// REPRICING_TEST_POSTGRES (a superuser test login). Without it the tests that need a server report Skipped.
    /// </summary>
    internal static class PostgresServer
    {
        internal const string Variable = "REPRICING_TEST_POSTGRES";

        internal static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

        internal static void SkipUnlessAvailable() =>
            Skip.If(AdminConnectionString == null,
                $"No PostgreSQL test server: {Variable} is not set. Run the tests through 'dotnet pwsh -NoProfile -File ./Build.ps1 -Task Test', " +
                "which starts a throwaway cluster when PostgreSQL server binaries are installed (Debian/Ubuntu: apt-get install postgresql).");
    }

    /// <summary>A fresh database for one test (created by the superuser, schema initialised), dropped afterwards.</summary>
    internal sealed class TestDatabase : IDisposable
    {
        internal TestDatabase(bool initialise = true)
        {
            PostgresServer.SkipUnlessAvailable();
            Name = "rps_" + Guid.NewGuid().ToString("N").Substring(0, 16);
            Admin(b => b.Database = "postgres", $"CREATE DATABASE {Name}");
            Target = PostgresTarget.Parse(PostgresServer.AdminConnectionString!).With(b => b.Database = Name);
            if (initialise) PostgresSchema.Initialize(Target, apply: true);
        }

        internal string Name { get; }

        /// <summary>The superuser login on this database.</summary>
        internal PostgresTarget Target { get; }

        /// <summary>Runs SQL as the superuser.</summary>
        internal void Sql(string sql) => Admin(b => b.Database = Name, sql);

        internal object? Scalar(string sql)
        {
            var b = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = Name, Pooling = false };
            using var c = new NpgsqlConnection(b.ConnectionString);
            c.Open();
            using var cmd = new NpgsqlCommand(sql, c);
            return cmd.ExecuteScalar();
        }

        /// <summary>A login role that is a member of <paramref name="role"/>, with a password, as a target.</summary>
        internal PostgresTarget Login(string role, out string password)
        {
            string login = role + "_" + Guid.NewGuid().ToString("N").Substring(0, 8);
            password = "pw'" + Guid.NewGuid().ToString("N");
            Sql($"CREATE ROLE {login} LOGIN PASSWORD '{password.Replace("'", "''")}' IN ROLE {role}");
            string pw = password;
            return Target.With(b => { b.Username = login; b.Password = pw; });
        }

        private static void Admin(Action<NpgsqlConnectionStringBuilder> change, string sql)
        {
            var b = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Pooling = false };
            change(b);
            using var c = new NpgsqlConnection(b.ConnectionString);
            c.Open();
            using var cmd = new NpgsqlCommand(sql, c);
            cmd.ExecuteNonQuery();
        }

        public void Dispose()
        {
            PostgresSchema.ForgetChecks();
            try { Admin(b => b.Database = "postgres", $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)"); }
            catch (NpgsqlException) { }
        }
    }
}
