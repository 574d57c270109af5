using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit.Postgres;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates or upgrades the RepricingPS schema in a PostgreSQL database and grants its roles (an administrator runs it once).</para>
    /// <para type="description">Creates the versioned schema (entries table, indexes, the insert function) and the group roles repricing_writer (insert only), repricing_reader (select only) and repricing_admin (retention, copying old logs in). Run it again after updating the module to upgrade the schema; a database with a newer schema than this module knows is refused with a CONFIG_ERROR. Writers never create or change the schema.</para>
    /// </summary>
    /// <example>
    /// <code>$env:PGPASSWORD = Read-Host -AsSecureString | ConvertFrom-SecureString -AsPlainText; Initialize-RepricingAuditStore -ConnectionString 'postgresql://dba@db01:5432/repricing_audit' -WhatIf</code>
    /// <para>Shows the schema version found and what would be created; without -WhatIf it applies it.</para>
    /// </example>
    [Cmdlet(VerbsData.Initialize, "RepricingAuditStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AuditStoreInitialization))]
    public sealed class InitializeRepricingAuditStoreCommand : RepricingCmdlet
    {
        /// <summary>The database: 'postgresql://user@host:5432/database' or 'Host=...;Database=...;Username=...'. Give the password through PGPASSWORD or .pgpass.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string ConnectionString { get; set; } = "";

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            try
            {
                PostgresTarget target = PostgresTarget.Parse(ConnectionString);
                AuditStoreInitialization plan = PostgresSchema.Initialize(target, apply: false);
                string action = plan.PreviousVersion == PostgresSchema.CurrentVersion
                    ? $"Re-grant the RepricingPS roles (schema version {plan.PreviousVersion} is current)"
                    : $"Create or upgrade the RepricingPS audit schema from version {plan.PreviousVersion} to {PostgresSchema.CurrentVersion} and grant its roles";
                AuditStoreInitialization result = ShouldProcess(target.Display, action) ? PostgresSchema.Initialize(target, apply: true) : plan;
                WriteTyped(result, "RepricingPS.AuditStoreInitialization");
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
            }
        }
    }
}
