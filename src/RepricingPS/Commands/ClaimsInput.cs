using System;
using System.IO;
using System.Management.Automation;
using RepricingPS.Core;
using RepricingPS.Core.Repricing;

namespace RepricingPS.Commands
{
    /// <summary>The claims input of the disruption and line-by-line cmdlets.</summary>
    internal static class ClaimsInput
    {
        /// <summary>A path, a FileInfo, or a RepricingResult's filled template (else its claim detail); anything else sets <paramref name="wrong"/>.</summary>
        internal static string? PathOf(object value, Func<string, string> toFileSystemPath, out RepricingException? wrong) =>
            PathOf(value, toFileSystemPath, out wrong, out _);

        /// <summary>As above, with the opportunity name of a RepricingResult (else null).</summary>
        internal static string? PathOf(object value, Func<string, string> toFileSystemPath, out RepricingException? wrong, out string? opportunityName)
        {
            wrong = null;
            opportunityName = null;
            object v = value is PSObject pso ? pso.BaseObject : value;
            switch (v)
            {
                case string s when s.Length > 0:
                    return toFileSystemPath(s);
                case FileInfo fi:
                    return fi.FullName;
                case RepricingResult r:
                    string? file = RepricingOutputs.Find(r, RepricingOutput.FilledTemplate) ?? RepricingOutputs.Find(r, RepricingOutput.ClaimDetail);
                    opportunityName = r.OpportunityName;
                    if (file != null) return file;
                    break;
            }
            wrong = Failures.InvalidClaimsArgument.With($"-Claims takes a .csv or .xlsx path or the result of Invoke-Repricing, not {v?.GetType().Name ?? "null"}.", null);
            return null;
        }
    }
}
