using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace RepricingPS
{
    /// <summary>
    /// What the views in RepricingPS.format.ps1xml show, computed in C# (issue 15): a script block in a view is parsed,
    /// compiled and run by PowerShell's interpreter the first time a fresh console shows an object, and the audit entry's
    /// status colour called Get-Variable, which auto-loads all of Microsoft.PowerShell.Utility. The output types expose
    /// these values as [Hidden] properties that only the views name. Each rule here is the script block it replaced,
    /// with PowerShell's semantics kept: -f and ToString(format) use the current culture, -match/-replace/-split ignore
    /// case, -eq on strings compares in the invariant culture ignoring case, $null.Count is 0.
    /// </summary>
    internal static class ViewText
    {
        /// <summary>Cut with an ellipsis when longer than <paramref name="width"/> (the column's width).</summary>
        internal static string? Cut(string? text, int width) =>
            text != null && text.Length > width ? text.Substring(0, width - 1) + "\u2026" : text;

        /// <summary>$x -f ... : PowerShell's format operator formats in the current culture.</summary>
        internal static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);

        /// <summary>$list.Count, which is 0 for $null.</summary>
        internal static int Count(ICollection? items) => items?.Count ?? 0;

        // Each as PowerShell builds it for -split/-notmatch/-replace: RegexOptions.IgnoreCase, nothing else.
        private static readonly Lazy<Regex> Pipe = new Lazy<Regex>(() => new Regex(@" \| ", RegexOptions.IgnoreCase));
        private static readonly Lazy<Regex> ShownElsewhere = new Lazy<Regex>(() => new Regex("^(User|Computer|PowerShell|Python|OS|File|Action): ", RegexOptions.IgnoreCase));
        private static readonly Lazy<Regex> UserTail = new Lazy<Regex>(() => new Regex(" - User: .*$", RegexOptions.IgnoreCase));
        private static readonly Lazy<Regex> ForUserTail = new Lazy<Regex>(() => new Regex(" for user: .*$", RegexOptions.IgnoreCase));
        private static readonly char[] PathSeparators = { '\\', '/' };

        /// <summary>
        /// The audit entry's last column: the error text, or when there is none the message without the segments other
        /// columns show ("User: ...", "Computer: ...", runtime, OS, File, Action, and a trailing " - User: ..." or
        /// " for user: ..."), trimmed; then the file's leaf name in brackets in front, unless the text contains it already.
        /// </summary>
        internal static string MessageColumn(string? error, string? message, string? file)
        {
            string text;
            if (!string.IsNullOrEmpty(error))
            {
                text = error!;
            }
            else
            {
                var kept = new List<string>();
                foreach (string segment in Pipe.Value.Split(message ?? ""))
                {
                    if (!ShownElsewhere.Value.IsMatch(segment)) kept.Add(segment);
                }
                text = ForUserTail.Value.Replace(UserTail.Value.Replace(string.Join(" | ", kept), ""), "").Trim();
            }
            string[] parts = (file ?? "").Split(PathSeparators);
            string leaf = parts[parts.Length - 1];
            return leaf.Length > 0 && !text.Contains(leaf) ? "[" + leaf + "] " + text : text;
        }

        /// <summary>
        /// The status word, coloured where the host renders ANSI: errors bright red, WARNING (any case) yellow. Colour only
        /// when $PSStyle exists (PowerShell 7.2+; Windows PowerShell 5.1 stays plain) and its OutputRendering is Ansi, or
        /// Host with the console's output not redirected (a scheduled task's redirected output, or PlainText, gets plain text).
        /// </summary>
        internal static string StatusColumn(string? status, bool isError)
        {
            string s = status ?? "";
            HostStyle.Colours? colours = HostStyle.Current();
            return StatusColumn(s, isError, colours);
        }

        /// <summary>The colour rule with the host's colours given (null: no colour).</summary>
        internal static string StatusColumn(string status, bool isError, HostStyle.Colours? colours)
        {
            if (colours == null) return status;
            if (isError) return colours.BrightRed + status + colours.Reset;
            if (CultureInfo.InvariantCulture.CompareInfo.Compare(status, "WARNING", CompareOptions.IgnoreCase) == 0) return colours.Yellow + status + colours.Reset;
            return status;
        }

        /// <summary>The disruption result's formulary summary: a header line and one line per row.</summary>
        internal static string DisruptionSummary(IEnumerable<DisruptionSummaryRow?>? rows)
        {
            var text = new StringBuilder(Format("{0,-20} {1,10} {2,10} {3,12}", "Formulary", "Utilizers", "Rxs", "% of claims"));
            foreach (DisruptionSummaryRow? s in rows ?? Array.Empty<DisruptionSummaryRow?>())
            {
                text.Append(Environment.NewLine).Append(Format("{0,-20} {1,10:N0} {2,10:N0} {3,12:P2}", s?.Formulary, s?.Utilizers, s?.Rxs, s?.PercentOfClaims));
            }
            return text.ToString();
        }
    }

    /// <summary>
    /// PowerShell 7.2+'s $PSStyle, read by reflection (RepricingPS.Types also builds for Windows PowerShell 5.1, whose
    /// System.Management.Automation has no PSStyle): the type and its members are looked up once per process, the values
    /// (OutputRendering, the colour strings a user may change) on every call, as the view's script block read them.
    /// </summary>
    internal static class HostStyle
    {
        /// <summary>The escape sequences to colour with.</summary>
        internal sealed class Colours
        {
            internal Colours(string brightRed, string yellow, string reset)
            {
                BrightRed = brightRed;
                Yellow = yellow;
                Reset = reset;
            }

            internal string BrightRed { get; }
            internal string Yellow { get; }
            internal string Reset { get; }
        }

        private sealed class Members
        {
            internal object Instance = null!;
            internal PropertyInfo OutputRendering = null!;
            internal PropertyInfo Foreground = null!;
            internal PropertyInfo BrightRed = null!;
            internal PropertyInfo Yellow = null!;
            internal PropertyInfo Reset = null!;
        }

        private static readonly Lazy<Members?> Style = new Lazy<Members?>(Find);

        private static Members? Find()
        {
            try
            {
                // By name, so that a process without PowerShell (the tests) gets null here rather than a failed load.
                Type? type = Type.GetType("System.Management.Automation.PSStyle, System.Management.Automation", throwOnError: false);
                object? instance = type?.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
                PropertyInfo? rendering = type?.GetProperty("OutputRendering");
                PropertyInfo? foreground = type?.GetProperty("Foreground");
                PropertyInfo? reset = type?.GetProperty("Reset");
                PropertyInfo? red = foreground?.PropertyType.GetProperty("BrightRed");
                PropertyInfo? yellow = foreground?.PropertyType.GetProperty("Yellow");
                if (instance == null || rendering == null || foreground == null || reset == null || red == null || yellow == null) return null;
                return new Members { Instance = instance, OutputRendering = rendering, Foreground = foreground, BrightRed = red, Yellow = yellow, Reset = reset };
            }
            catch (Exception e) when (e is TypeLoadException || e is System.IO.IOException || e is TargetInvocationException || e is AmbiguousMatchException)
            {
                return null;
            }
        }

        /// <summary>The colours to use now, or null when the host does not render ANSI here.</summary>
        internal static Colours? Current()
        {
            Members? m = Style.Value;
            if (m == null) return null;
            string rendering = m.OutputRendering.GetValue(m.Instance)?.ToString() ?? "";
            bool ansi = rendering == "Ansi" || (rendering == "Host" && !Console.IsOutputRedirected);
            if (!ansi) return null;
            object? foreground = m.Foreground.GetValue(m.Instance);
            return new Colours(
                (m.BrightRed.GetValue(foreground) as string) ?? "", (m.Yellow.GetValue(foreground) as string) ?? "", (m.Reset.GetValue(m.Instance) as string) ?? "");
        }
    }
}
