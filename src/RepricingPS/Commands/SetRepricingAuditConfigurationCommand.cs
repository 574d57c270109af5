using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Saves the per-user audit log root after expanding and checking it.</para>
    /// <para type="description">The path is saved as given, so %OneDrive% or $env:OneDrive keep working on every machine; it is expanded now only to check it. REPRICING_AUDIT_PATH, when set, still wins.</para>
    /// </summary>
    /// <example>
    /// <code>Set-RepricingAuditConfiguration -Path '%OneDrive%\Repricing\AuditLog' -WhatIf</code>
    /// <para>Shows what would be saved; the path is kept unexpanded so it works on every machine.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Set, "RepricingAuditConfiguration", SupportsShouldProcess = true)]
    [OutputType(typeof(AuditConfiguration))]
    public sealed class SetRepricingAuditConfigurationCommand : RepricingCmdlet
    {
        /// <summary>The log root, such as '%OneDrive%\Repricing\AuditLog' or a UNC path.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Saves the path even when the folder does not exist yet.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            var paths = new AuditPaths(AuditEnvironment.Current);
            string expanded;
            try
            {
                expanded = paths.Expand(Path, "-Path");
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
                return;
            }
            if (Core.Audit.Postgres.PostgresTarget.IsConnection(expanded))
            {
                SaveConnection(paths, expanded);
                return;
            }
            try
            {
                AuditPaths.CheckFolder(expanded, Path, Force);
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
            }
            if (!ShouldProcess(paths.ConfigFile, $"Save audit log path '{Path}' (now '{expanded}')")) return;
            paths.Save(Path);
            WriteTyped(OpenAudit(paths.Resolve(null)).Describe(paths), "RepricingPS.AuditConfiguration");
        }

        /// <summary>A database connection is saved without a password, ever (central-store.md §1).</summary>
        private void SaveConnection(AuditPaths paths, string expanded)
        {
            Core.Audit.Postgres.PostgresTarget target;
            try
            {
                target = Core.Audit.Postgres.PostgresTarget.Parse(expanded);
            }
            catch (RepricingException ex)
            {
                ThrowTerminatingError(Errors.From(ex));
                return;
            }
            if (target.HasPassword)
            {
                ThrowTerminatingError(Errors.From(Failures.AuditConnectionHasPassword.With($"The connection for {target.Display} holds a password, and a password is never saved in the settings file. Save it without the password " +
                    "and give the password through the PGPASSWORD environment variable or the user's .pgpass file (pgpass.conf on Windows), or use Kerberos.", target.Display)));
            }
            if (!ShouldProcess(paths.ConfigFile, $"Save audit log database '{target.Display}'")) return;
            paths.Save(Path);
            WriteTyped(OpenAudit(paths.Resolve(null)).Describe(paths), "RepricingPS.AuditConfiguration");
        }
    }
}
