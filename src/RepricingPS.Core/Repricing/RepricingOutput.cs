using System;
using System.IO;
using System.Linq;

namespace RepricingPS.Core.Repricing
{
    /// <summary>The outputs of Invoke-Repricing (spec §5), in the order <c>RepricingResult.OutputFiles</c> lists them.</summary>
    public enum RepricingOutput
    {
        /// <summary><c>&lt;Opp&gt;_merged_file_with_OR.csv</c>.</summary>
        Merged,
        /// <summary><c>&lt;Opp&gt; Claim Detail.csv</c>.</summary>
        ClaimDetail,
        /// <summary><c>&lt;Opp&gt;_unmatched_reversals.csv</c>.</summary>
        UnmatchedReversals,
        /// <summary><c>&lt;Opp&gt;_merged_file_with_OR.xlsx</c>, with -Xlsx.</summary>
        MergedWorkbook,
        /// <summary><c>_Rx Repricing_wf.xlsx</c>, the template filled, with -Template.</summary>
        FilledTemplate,
    }

    /// <summary>The file name of each repricing output, and which of a result's files is which.</summary>
    public static class RepricingOutputs
    {
        /// <summary>The file name of <paramref name="output"/> for an opportunity name already made safe for file names.</summary>
        public static string FileName(RepricingOutput output, string opportunityName) => output switch
        {
            RepricingOutput.Merged => opportunityName + "_merged_file_with_OR.csv",
            RepricingOutput.ClaimDetail => opportunityName + " Claim Detail.csv",
            RepricingOutput.UnmatchedReversals => opportunityName + "_unmatched_reversals.csv",
            RepricingOutput.MergedWorkbook => opportunityName + "_merged_file_with_OR.xlsx",
            _ => Outputs.TemplateFileName,
        };

        /// <summary>The path of <paramref name="output"/> among the result's <c>OutputFiles</c>, or null when the run did not write it.</summary>
        public static string? Find(RepricingResult result, RepricingOutput output)
        {
            string name = FileName(output, result.OpportunityName);
            return result.OutputFiles.FirstOrDefault(f => string.Equals(Path.GetFileName(f), name, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>What a run writes into <paramref name="directory"/>, in the order the result lists it.</summary>
        internal static NamedOutputs<RepricingOutput> Plan(string directory, string opportunityName, bool xlsx, bool template)
        {
            var outputs = new NamedOutputs<RepricingOutput>(directory);
            foreach (RepricingOutput o in new[] { RepricingOutput.Merged, RepricingOutput.ClaimDetail, RepricingOutput.UnmatchedReversals })
            {
                outputs.Add(o, FileName(o, opportunityName));
            }
            if (xlsx) outputs.Add(RepricingOutput.MergedWorkbook, FileName(RepricingOutput.MergedWorkbook, opportunityName));
            if (template) outputs.Add(RepricingOutput.FilledTemplate, FileName(RepricingOutput.FilledTemplate, opportunityName));
            return outputs;
        }
    }
}
