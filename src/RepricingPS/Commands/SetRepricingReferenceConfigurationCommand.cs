using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Disruption;

namespace RepricingPS.Commands
{
    /// <summary>
    /// <para type="synopsis">Saves, for this user, the reference tables the disruption analyses use, so Invoke-RepricingDisruption can leave them out.</para>
    /// <para type="description">Only the tables given change; the others keep their saved paths. A path with %OneDrive% or $env:OneDrive is saved as given, so it works on every machine; other paths are saved in full. A file that does not exist is refused unless -Force.</para>
    /// </summary>
    /// <example>
    /// <code>Set-RepricingReferenceConfiguration -MediSpan '%OneDrive%\Reference\MediSpan.xlsx' -Network '%OneDrive%\Reference\network.csv'</code>
    /// <para>Saves two of the five tables.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Set, "RepricingReferenceConfiguration", SupportsShouldProcess = true)]
    [OutputType(typeof(ReferenceConfiguration))]
    public sealed class SetRepricingReferenceConfigurationCommand : RepricingCmdlet
    {
        /// <summary>The Medi-Span table (NDC, Maint Drug?, Product Name).</summary>
        [Parameter]
        public string? MediSpan { get; set; }

        /// <summary>The Universal formulary table (NDC, Tier).</summary>
        [Parameter]
        public string? Universal { get; set; }

        /// <summary>The Exclusive formulary table (NDC, Tier, Alternative).</summary>
        [Parameter]
        public string? Exclusive { get; set; }

        /// <summary>The Open MDF formulary table (NDC, Tier).</summary>
        [Parameter]
        public string? OpenMdf { get; set; }

        /// <summary>The pharmacy network table (pharmacy_nabp, pharmacy_npi, pharmacy_is_excluded).</summary>
        [Parameter]
        public string? Network { get; set; }

        /// <summary>Saves a path even when the file does not exist yet.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            var env = AuditEnvironment.Current;
            var settings = new ReferenceSettings(env);
            ReferenceConfiguration config = settings.Read();
            var given = new Dictionary<ReferenceTable, string?>
            {
                [ReferenceTable.MediSpan] = MediSpan, [ReferenceTable.Universal] = Universal, [ReferenceTable.Exclusive] = Exclusive,
                [ReferenceTable.OpenMdf] = OpenMdf, [ReferenceTable.Network] = Network,
            };
            foreach (var pair in given)
            {
                if (string.IsNullOrWhiteSpace(pair.Value)) continue;
                string value = pair.Value!.Trim();
                bool variable = value.Contains("%") || value.IndexOf("$env:", System.StringComparison.OrdinalIgnoreCase) >= 0 || value.StartsWith("~", System.StringComparison.Ordinal);
                string saved = variable ? value : ToFileSystemPath(value);
                string? expanded;
                try
                {
                    expanded = new AuditPaths(env).Expand(saved, "-" + pair.Key, $"The {pair.Key} table path",
                        $"give a full path, or use -Force to save it as given (each machine expands it when the table is used)",
                        Failures.ReferencePathInvalid, Failures.ReferencePathInvalid);
                }
                catch (RepricingException) when (Force && variable)
                {
                    expanded = null; // a variable this machine lacks (OneDrive on a build server): saved as given, checked where it is used
                }
                catch (RepricingException ex)
                {
                    ThrowTerminatingError(Errors.From(ex));
                    return;
                }
                if (expanded != null && !File.Exists(expanded) && !Force)
                {
                    ThrowTerminatingError(Errors.From(Failures.ReferenceFileNotFound.With(
                        $"The {pair.Key} table '{expanded}' does not exist. Check the path (or wait for OneDrive to sync it), or use -Force to save it anyway.", value)));
                }
                config.Set(pair.Key, saved);
            }
            if (!ShouldProcess(settings.File, "Save the reference table paths")) return;
            settings.Save(config);
            WriteTyped(settings.Read(), "RepricingPS.ReferenceConfiguration");
        }
    }
}
