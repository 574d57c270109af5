using System;
using System.Globalization;
using Xunit;

namespace RepricingPS.Core.Tests
{
    /// <summary>
    /// The view rules that moved from script blocks in RepricingPS.format.ps1xml to C# (issue 15). Every expected value is
    /// worked out by hand from the script block it replaced (kept in each case's comment); bench/Compare-ViewOutput.ps1
    /// renders every view with main's module and this one and the two are diffed byte for byte.
    /// </summary>
    public class ViewTextTests
    {
        // $text = if ($_.Error) { $_.Error } else { ($_.Message -split ' \| ' | Where-Object { $_ -notmatch
        //   '^(User|Computer|PowerShell|Python|OS|File|Action): ' }) -join ' | ' -replace ' - User: .*$', '' -replace
        //   ' for user: .*$', '' ).Trim() }; $leaf = ($_.File -split '[\\/]')[-1]; if ($leaf -and -not $text.Contains($leaf))
        //   { "[$leaf] $text" } else { $text }
        [Theory]
        // The error wins over the message; the file's leaf goes in front.
        [InlineData("Could not find file", "ignored", "/data/in/claims.xlsx", "[claims.xlsx] Could not find file")]
        // A session message: every segment but the first is shown by another column.
        [InlineData("", "Session started | User: jdoe on PC1 | Computer: PC1 | PowerShell: 7.4 | OS: Linux", "", "Session started")]
        [InlineData(null, "User: x | Computer: y | kept | PowerShell: 7 | Python: 3 | OS: z | File: f | Action: a", null, "kept")]
        // The names match in any case, only as a whole name followed by ": "; a '|' without spaces around it is text.
        [InlineData(null, "user: lower | COMPUTER: upper | OSX: kept | Files: kept | a|b | c |d", "/data/in/", "OSX: kept | Files: kept | a|b | c |d")]
        // A trailing " - User: ..." or " for user: ..." goes; the leaf is not repeated when the text names it.
        [InlineData(null, "Saved claims.csv - User: jdoe on PC1", "/out/claims.csv", "Saved claims.csv")]
        [InlineData(null, "Processed 3 files for user: jdoe", @"relative\dir/mixed\leaf.txt", "[leaf.txt] Processed 3 files")]
        // ... and everything after the first " - User: ", even across later segments.
        [InlineData(null, "A - User: b | c", null, "A")]
        // Windows paths; the error text is shown as it is (not trimmed).
        [InlineData("  spaced error  ", null, @"C:\in\claims.xlsx", "[claims.xlsx]   spaced error  ")]
        // '.' stops at a line break and '$' is the end (or before a final line break): a tail on an inner line stays.
        [InlineData(null, "line one - User: a\nline two", "leaf.txt", "[leaf.txt] line one - User: a\nline two")]
        // Empty pieces around a dropped segment are joined back and trimmed: " | " -> "|".
        [InlineData(null, " | User: only | ", @"\", "|")]
        // A folder path (ends in a separator) has no leaf; nothing at all gives nothing.
        [InlineData(null, "File: /x/y.csv | Action: Import | the text", "/x/", "the text")]
        [InlineData("", "File: /x/y.csv | Action: Import | the text", "/x/y.csv", "[y.csv] the text")]
        [InlineData("bad [leaf.csv] input", null, "/x/leaf.csv", "bad [leaf.csv] input")]
        [InlineData(null, null, null, "")]
        [InlineData("", "", "", "")]
        public void MessageColumn_FollowsTheViewsRule(string? error, string? message, string? file, string expected)
        {
            Assert.Equal(expected, ViewText.MessageColumn(error, message, file));
        }

        [Theory]
        [InlineData("abcdefghij", 10, "abcdefghij")]
        [InlineData("abcdefghijk", 10, "abcdefghi\u2026")]
        [InlineData("", 10, "")]
        [InlineData(null, 10, null)]
        [InlineData("Export a very long action name", 14, "Export a very\u2026")]
        public void Cut_ShortensWithAnEllipsisOnlyWhenLonger(string? text, int width, string? expected)
        {
            Assert.Equal(expected, ViewText.Cut(text, width));
        }

        // if (-not $ansi) { $s } elseif ($_.IsError) { red + $s + reset } elseif ($s -eq 'WARNING') { yellow + $s + reset } else { $s }
        [Theory]
        [InlineData("FILE_ERROR", true, "<red>FILE_ERROR<reset>")]
        [InlineData("error", true, "<red>error<reset>")]
        [InlineData("WARNING", false, "<yellow>WARNING<reset>")]
        [InlineData("warning", false, "<yellow>warning<reset>")]
        [InlineData("WARNINGS", false, "WARNINGS")]
        [InlineData("INFO", false, "INFO")]
        [InlineData("", false, "")]
        public void StatusColumn_ColoursErrorsAndWarnings(string status, bool isError, string expected)
        {
            Assert.Equal(expected, ViewText.StatusColumn(status, isError, new HostStyle.Colours("<red>", "<yellow>", "<reset>")));
        }

        [Fact]
        public void StatusColumn_WithoutAnsi_IsThePlainWord()
        {
            Assert.Equal("FILE_ERROR", ViewText.StatusColumn("FILE_ERROR", true, null));
            // Outside PowerShell (this test process) there is no $PSStyle: plain, as on Windows PowerShell 5.1.
            Assert.Null(HostStyle.Current());
            Assert.Equal("WARNING", new AuditEntry { Status = "WARNING" }.DisplayStatus);
            Assert.Equal("", new AuditEntry { Status = null! }.DisplayStatus);
        }

        [Fact]
        public void AuditEntry_DisplayProperties_AreTheTableColumns()
        {
            WithCulture(CultureInfo.InvariantCulture, () =>
            {
                var e = new AuditEntry
                {
                    Timestamp = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 89, TimeSpan.FromHours(-5)),
                    User = "Zoe Odegaard-Longname", Script = "Import-RepricingFile", Action = "", Status = "FILE_ERROR",
                    Message = "Import failed | File: /in/a.csv", File = "/in/a.csv",
                };
                Assert.Equal("03-04 05:06:07", e.DisplayTime);
                Assert.Equal("2026-03-04 05:06:07.089 -05:00", e.DisplayTimestamp);
                Assert.Equal("Zoe Odega\u2026", e.DisplayUser);
                Assert.Equal("Import-Repric\u2026", e.DisplayAction);
                Assert.Equal("[a.csv] Import failed", e.DisplayText);
                e.Action = "Import";
                Assert.Equal("Import", e.DisplayAction);
            });
        }

        [Fact]
        public void ResultDisplayProperties_FormatInTheCurrentCulture_AndCountNothingAsZero()
        {
            WithCulture(CultureInfo.InvariantCulture, () =>
            {
                var r = new RepricingResult { BothRows = 1234567, File1OnlyRows = 0, File2OnlyRows = -5, OutputFiles = new[] { "/o/a.csv", "/o/b.csv" } };
                Assert.Equal("1,234,567 both, 0 File1 only, -5 File2 only", r.DisplaySides);
                Assert.Equal("/o/a.csv" + Environment.NewLine + "/o/b.csv", r.DisplayOutputFiles);
                Assert.Equal(0, r.DisplayIssues);
                r.Issues = null!;
                r.OutputFiles = null!;
                r.NetTotals = null!;
                Assert.Equal(0, r.DisplayIssues);
                Assert.Equal("", r.DisplayOutputFiles);
                Assert.Null(r.DisplayNetTotals);

                var d = new DisruptionResult { ClaimsRead = 1000000, ClaimsKept = 999, TotalMembers = 1500, TotalClaims = 1234.5m, Network = null!, Summary = null! };
                Assert.Null(d.DisplayWindow);
                d.WindowStart = new DateTime(2025, 2, 3);
                Assert.Equal("2025-02-03 to ", d.DisplayWindow);
                d.WindowEnd = new DateTime(2026, 1, 31);
                Assert.Equal("2025-02-03 to 2026-01-31", d.DisplayWindow);
                Assert.Equal("1,000,000 read, 999 kept", d.DisplayClaims);
                // N0 rounds half away from zero: 1234.5 -> 1,235.
                Assert.Equal("Members: 1,500   Claims: 1,235", d.DisplayMembersAndClaims);
                Assert.Equal("0 pharmacies excluded or to review", d.DisplayNetwork);
                // '{0,-20} {1,10} {2,10} {3,12}' of the four headings: padded to 20, 10, 10 and 12.
                string header = "Formulary" + new string(' ', 11) + " " + " Utilizers" + " " + "       Rxs" + " " + " % of claims";
                Assert.Equal(header, d.DisplaySummary);
                d.Summary = new[] { new DisruptionSummaryRow { Formulary = "Tier 1", Utilizers = 1234, Rxs = 5678.5m, PercentOfClaims = 0.1234m }, null! };
                string row = "Tier 1" + new string(' ', 14) + " " + "     1,234" + " " + "     5,679" + " " + "     12.34 %";
                string empty = new string(' ', 20) + " " + new string(' ', 10) + " " + new string(' ', 10) + " " + new string(' ', 12);
                Assert.Equal(header + Environment.NewLine + row + Environment.NewLine + empty, d.DisplaySummary);
                Assert.Equal("12.34 %", new DisruptionSummaryRow { PercentOfClaims = 0.1234m }.DisplayPercentOfClaims);
                Assert.Equal(0, new LineByLineResult { Issues = null! }.DisplayIssues);
                Assert.Equal(0, new AuditConfiguration { LegacyFiles = null! }.DisplayLegacyFiles);
                Assert.Equal(2, new AuditConfiguration { LegacyFiles = new[] { "a", "b" } }.DisplayLegacyFiles);
            });
            WithCulture(new CultureInfo("de-DE"), () =>
            {
                Assert.Equal("1.234.567 both, 0 File1 only, 0 File2 only", new RepricingResult { BothRows = 1234567 }.DisplaySides);
            });
        }

        private static void WithCulture(CultureInfo culture, Action test)
        {
            CultureInfo saved = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = culture;
            try { test(); }
            finally { CultureInfo.CurrentCulture = saved; }
        }
    }
}
