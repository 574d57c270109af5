using System;
using System.Collections.Generic;
using System.IO;
using OpenQA.Selenium;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Tests.Viewer;
using Xunit;

namespace RepricingPS.Core.Tests.Audit
{
    /// <summary>The HTML support report as a person opens it: in a real (headless Debian) Chromium.</summary>
    public class SupportReportBrowserTests : IClassFixture<BrowserFixture>
    {
        private readonly BrowserFixture _browser;

        public SupportReportBrowserTests(BrowserFixture browser) => _browser = browser;

        [SkippableFact]
        public void HtmlReport_LoadsWithoutConsoleErrors_AndTheChartHasOneSlotPerDayOfTheWindow()
        {
            Skip.IfNot(BrowserFixture.Installed, BrowserFixture.HowToInstall);
            var now = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
            AuditEntry E(double daysAgo, string status, string message = "m") => new AuditEntry
            {
                Timestamp = now.AddDays(-daysAgo), User = "dan", Status = status, Script = "Invoke-Repricing", Message = message,
                Error = status.EndsWith("ERROR", StringComparison.Ordinal) ? "<script>alert(1)</script> could not read" : "",
                EntryId = Guid.NewGuid().ToString("N"), Computer = "PC1", File = "/data/a & b.csv",
            };
            var entries = new List<AuditEntry>
            {
                E(6.5, "FILE_ERROR"), E(3, "SYSTEM_ERROR"), E(3, "USER_ERROR"), E(1, "PROCESS_END", "Outcome: Succeeded | Merged rows: 9"), E(0, "DATA_ERROR"),
            };
            // -Days 7 ending 2026-11-20: 8 slots, 2026-11-13 .. 2026-11-20, errors on three of them.
            var report = SupportReports.ForUser("dan", entries, new ReadStats(), new AuditQuery { Since = now.AddDays(-7) }, 7, now);
            string path = Path.Combine(BrowserFixture.ArtifactDir, "support-report.html");
            File.WriteAllText(path, UserReportHtml.UserReport(report));

            _browser.ConsoleErrors();
            _browser.Driver.Navigate().GoToUrl(new Uri(path).AbsoluteUri);
            Assert.Equal("RepricingPS support report: dan", _browser.Driver.Title);
            Assert.Empty(_browser.ConsoleErrors());
            Assert.Equal(8L, (long)_browser.Js("return document.querySelectorAll('svg g.day').length;")!);
            Assert.Equal("2026-11-13", (string)_browser.Js("return document.querySelector('svg g.day').dataset.day;")!);
            // The chart takes the content width (not a thumbnail), and hostile text shows as text.
            long chartWidth = (long)_browser.Js("return Math.round(document.querySelector('.chart svg').getBoundingClientRect().width);")!;
            long bodyWidth = (long)_browser.Js("return Math.round(document.querySelector('.chart').getBoundingClientRect().width);")!;
            Assert.Equal(bodyWidth, chartWidth);
            Assert.True(chartWidth > 600, $"chart {chartWidth}px wide");
            Assert.Contains("<script>alert(1)</script> could not read", _browser.Driver.FindElement(By.TagName("body")).Text);
            Assert.Equal(0L, (long)_browser.Js("return document.querySelectorAll('body script').length;")!);
            ((ITakesScreenshot)_browser.Driver).GetScreenshot().SaveAsFile(Path.Combine(BrowserFixture.ArtifactDir, "support-report.png"));
        }
    }
}
