using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using OpenQA.Selenium;
using Xunit;
using Xunit.Abstractions;

namespace RepricingPS.Core.Tests.Viewer
{
    /// <summary>The live viewer's page in a real (headless) chromium. Reported skipped, never passed, without one.</summary>
    public class ViewerBrowserTests : IClassFixture<BrowserFixture>
    {
        private static readonly TimeSpan Load = TimeSpan.FromSeconds(10);
        private readonly BrowserFixture _b;
        private readonly ITestOutputHelper _out;

        public ViewerBrowserTests(BrowserFixture browser, ITestOutputHelper output)
        {
            _b = browser;
            _out = output;
        }

        private void Open(string url, int expectedTotal)
        {
            // The previous test's page may have logged its stream reconnecting after that test stopped its server:
            // leave it and drop those messages, so each test checks only its own page's console.
            _b.Driver.Navigate().GoToUrl("about:blank");
            _b.ConsoleErrors();
            _b.Driver.Navigate().GoToUrl(url);
            BrowserFixture.WaitFor(() => _b.Live() == "Live" && _b.PageTotal() == expectedTotal, Load, $"the page to go live with {expectedTotal} entries");
        }

        private static Process Host(params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RepricingPS.TestHost.dll"));
            foreach (string a in args) psi.ArgumentList.Add(a);
            return Process.Start(psi)!;
        }

        private void AssertNoConsoleErrors()
        {
            var errors = _b.ConsoleErrors();
            Assert.True(errors.Count == 0, "console errors: " + string.Join(" | ", errors));
        }

        [SkippableFact]
        public void Page_ListsNewestFirst_AndShowsAnEntryFromAnotherProcessWithinTwoSeconds()
        {
            Skip.IfNot(BrowserFixture.Installed, BrowserFixture.HowToInstall);
            using var log = new ViewerLog();
            using var server = log.Serve();
            Open(server.Url, ViewerLog.Total);
            var rows = _b.Rows();
            Assert.Equal(ViewerLog.Total, rows.Count);
            var times = rows.Select(r => r[0]).ToList();
            Assert.Equal(times.OrderByDescending(t => t, StringComparer.Ordinal), times); // newest first
            Assert.Equal("SYSTEM_ERROR", rows[0][1]); // dan's last entry is the newest written

            var writer = Host("write", log.Root, log.Spool, "otherproc", "FILE_ERROR", "written by another process");
            Assert.Equal("started", writer.StandardOutput.ReadLine());
            Assert.Equal("done 1", writer.StandardOutput.ReadLine()); // on disk now
            TimeSpan took = BrowserFixture.WaitFor(() => _b.Rows().FirstOrDefault()?[4] == "written by another process", TimeSpan.FromSeconds(2), "the new entry at the top");
            _out.WriteLine($"entry from another process shown {took.TotalMilliseconds:F0} ms after it was written");
            Assert.Equal(ViewerLog.Total + 1, _b.PageTotal());
            Assert.True(writer.WaitForExit(10000));
            AssertNoConsoleErrors();
        }

        [SkippableFact]
        public void TypingAUserName_FiltersTheList_AndTheAddressKeepsTheFilter()
        {
            Skip.IfNot(BrowserFixture.Installed, BrowserFixture.HowToInstall);
            using var log = new ViewerLog();
            using var server = log.Serve();
            Open(server.Url, ViewerLog.Total);
            _b.Driver.FindElement(By.Id("q")).SendKeys("Jordan");
            BrowserFixture.WaitFor(() => _b.PageTotal() == 3 && _b.Rows().Count == 3, Load, "Jordan's 3 entries");
            Assert.All(_b.Rows(), r => Assert.Equal("Jordan", r[2]));
            Assert.Contains("q=Jordan", _b.Driver.Url);
            // The address is the view: opening it again shows the same filter.
            _b.Driver.Navigate().Refresh();
            BrowserFixture.WaitFor(() => _b.Live() == "Live" && _b.PageTotal() == 3, Load, "the filtered view after reload");
            Assert.Equal("Jordan", _b.Driver.FindElement(By.Id("q")).GetAttribute("value"));
            // The user quick filter is exact: dan is not Jordan.
            _b.Driver.FindElement(By.Id("q")).SendKeys(Keys.Control + "a");
            _b.Driver.FindElement(By.Id("q")).SendKeys(Keys.Backspace);
            BrowserFixture.WaitFor(() => _b.PageTotal() == ViewerLog.Total, Load, "every entry again once the search is empty");
            _b.Driver.FindElement(By.CssSelector("#user option[value='dan']")).Click();
            BrowserFixture.WaitFor(() => _b.PageTotal() == 3 && _b.Rows().All(r => r[2] == "dan"), Load, "dan's 3 entries");
            Assert.Contains("user=dan", _b.Driver.Url);
            AssertNoConsoleErrors();
        }

        [SkippableFact]
        public void ErrorsOnly_ShowsExactlyTheErrorSet_WithCountsAndChart()
        {
            Skip.IfNot(BrowserFixture.Installed, BrowserFixture.HowToInstall);
            using var log = new ViewerLog();
            using var server = log.Serve();
            Open(server.Url, ViewerLog.Total);
            _b.Driver.FindElement(By.CssSelector("#status option[value='errors']")).Click();
            BrowserFixture.WaitFor(() => _b.PageTotal() == 6, Load, "the 6 errors");
            Assert.Equal(ViewerLog.ErrorStatuses.OrderBy(s => s), _b.Rows().Select(r => r[1]).OrderBy(s => s));
            Assert.Contains("status=errors", _b.Driver.Url);
            // One count button per error status, each 1; the chart's bars add up to 6.
            var counts = _b.Driver.FindElements(By.CssSelector("#counts button[data-count]")).Select(b => b.GetAttribute("data-status") + "=" + b.GetAttribute("data-count"));
            Assert.Equal(ViewerLog.ErrorStatuses.Select(s => s + "=1").OrderBy(s => s), counts.OrderBy(s => s));
            long charted = _b.Driver.FindElements(By.CssSelector("#chart .bar")).Sum(b => long.Parse(b.GetAttribute("aria-label")!.Split(' ')[1], CultureInfo.InvariantCulture));
            Assert.Equal(6, charted);
            AssertNoConsoleErrors();
        }

        [SkippableFact]
        public void MarkupInAMessage_IsShownAsText_AndRunsNothing()
        {
            Skip.IfNot(BrowserFixture.Installed, BrowserFixture.HowToInstall);
            const string evil = "<img src=x onerror=alert(1)>";
            using var log = new ViewerLog(seed: false);
            log.Write("<b>mallory</b>", "DATA_ERROR", evil);
            using var server = log.Serve();
            Open(server.Url, 1);
            Assert.Equal(evil, _b.Rows()[0][4]);
            Assert.Equal("<b>mallory</b>", _b.Rows()[0][2]);
            _b.Driver.FindElement(By.CssSelector("#rows tr")).Click();
            BrowserFixture.WaitFor(() => _b.Driver.FindElement(By.Id("details")).Displayed, Load, "the details dialog");
            Assert.Contains(evil, _b.Driver.FindElement(By.Id("fields")).Text);
            Assert.Contains(evil, _b.Driver.FindElement(By.Id("session")).Text);
            Assert.Equal(0L, _b.Js("return document.images.length + document.querySelectorAll('b').length;"));
            Assert.Throws<NoAlertPresentException>(() => _b.Driver.SwitchTo().Alert());
            AssertNoConsoleErrors();
        }

        [SkippableFact]
        public void ClickingAnError_ShowsEveryFieldTheStackTraceAndItsSessionInTimeOrder_ByKeyboardToo()
        {
            Skip.IfNot(BrowserFixture.Installed, BrowserFixture.HowToInstall);
            using var log = new ViewerLog();
            using var server = log.Serve();
            Open(server.Url, ViewerLog.Total);
            IWebElement row = _b.Driver.FindElements(By.CssSelector("#rows tr")).First(r => r.FindElements(By.TagName("td"))[1].Text == "FILE_ERROR");
            row.SendKeys(Keys.Enter); // rows are focusable and open with Enter
            BrowserFixture.WaitFor(() => _b.Driver.FindElement(By.Id("details")).Displayed && _b.Driver.FindElement(By.Id("session")).FindElements(By.TagName("li")).Count == 4, Load, "the details and the session");
            string fields = _b.Driver.FindElement(By.Id("fields")).Text;
            foreach (string expected in new[] { "FILE_NOT_FOUND", "/data/missing_data.xlsx", "Could not find file", "L01403-DATA", log.JdoeSession })
            {
                Assert.Contains(expected, fields);
            }
            Assert.StartsWith("at RepricingPS.Core.Repricing.FileImporter.Open()", _b.Driver.FindElement(By.Id("stack")).Text);
            var session = _b.Driver.FindElements(By.CssSelector("#session li .status")).Select(s => s.Text).ToList();
            Assert.Equal(new[] { "START", "INFO", "FILE_ERROR", "END" }, session);
            _b.Driver.FindElement(By.Id("close")).SendKeys(Keys.Escape);
            BrowserFixture.WaitFor(() => !_b.Driver.FindElement(By.Id("details")).Displayed, Load, "Escape to close the dialog");
            AssertNoConsoleErrors();
        }

        [SkippableFact]
        public void PauseStopsTheStream_ResumeCatchesUp_AndTheScreenshotIsKept()
        {
            Skip.IfNot(BrowserFixture.Installed, BrowserFixture.HowToInstall);
            using var log = new ViewerLog();
            using var server = log.Serve();
            Open(server.Url, ViewerLog.Total);
            _b.Driver.FindElement(By.Id("pause")).Click();
            Assert.Equal("Paused", _b.Live());
            log.Write("latecomer", "INFO", "written while paused");
            System.Threading.Thread.Sleep(800);
            Assert.Equal(ViewerLog.Total, _b.PageTotal());
            _b.Driver.FindElement(By.Id("pause")).Click();
            BrowserFixture.WaitFor(() => _b.Live() == "Live" && _b.PageTotal() == ViewerLog.Total + 1, Load, "resume to catch up");
            string shot = Path.Combine(BrowserFixture.ArtifactDir, "viewer.png");
            ((ITakesScreenshot)_b.Driver).GetScreenshot().SaveAsFile(shot);
            _b.Driver.Manage().Window.Size = new System.Drawing.Size(420, 860);
            string narrow = Path.Combine(BrowserFixture.ArtifactDir, "viewer-narrow.png");
            ((ITakesScreenshot)_b.Driver).GetScreenshot().SaveAsFile(narrow);
            // Narrow: no horizontal scrolling of the whole page.
            Assert.True((long)_b.Js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")! <= 0, "the page scrolls sideways in a narrow window");
            _b.Driver.Manage().Window.Size = new System.Drawing.Size(1280, 860);
            Assert.True(new FileInfo(shot).Length > 10_000);
            _out.WriteLine("screenshots: " + shot + ", " + narrow);
            AssertNoConsoleErrors();
        }

        [SkippableFact]
        public void PageWithoutTheToken_IsForbidden()
        {
            Skip.IfNot(BrowserFixture.Installed, BrowserFixture.HowToInstall);
            using var log = new ViewerLog();
            using var server = log.Serve();
            _b.Driver.Navigate().GoToUrl($"http://127.0.0.1:{server.Port}/api/entries");
            Assert.StartsWith("Forbidden", _b.Driver.FindElement(By.TagName("body")).Text);
            _b.Driver.Navigate().GoToUrl($"http://localhost:{server.Port}/");
            Assert.StartsWith("Forbidden", _b.Driver.FindElement(By.TagName("body")).Text);
            _b.ConsoleErrors(); // the 403s are logged by the browser; drain them
        }

        [SkippableFact]
        public void EightWriterProcesses_PageShowsAll8000_AndServerMemoryStaysBounded()
        {
            Skip.IfNot(BrowserFixture.Installed, BrowserFixture.HowToInstall);
            using var log = new ViewerLog(seed: false);
            Process viewer = Host("viewer", log.Root, log.Spool, "7");
            try
            {
                string line = viewer.StandardOutput.ReadLine()!;
                Assert.StartsWith("Listening on http://127.0.0.1:", line);
                Open(line.Substring("Listening on ".Length), 0);
                string before = Mem(viewer);
                var clock = Stopwatch.StartNew();
                var writers = Enumerable.Range(0, 8).Select(i => Host("append", log.Root, "1000", "w" + i, log.Spool)).ToList();
                foreach (Process w in writers)
                {
                    Assert.True(w.WaitForExit(240_000), "a writer did not finish");
                    Assert.True(w.ExitCode == 0, w.StandardError.ReadToEnd());
                }
                TimeSpan written = clock.Elapsed;
                BrowserFixture.WaitFor(() => _b.PageTotal() == 8000, TimeSpan.FromSeconds(30), "all 8,000 entries in the page");
                TimeSpan shown = clock.Elapsed;
                int store = Fixtures.ReadAll(log.Location).Count;
                Assert.Equal(8000, store);
                Assert.Equal(store, _b.PageTotal());
                Assert.Equal(500, _b.Rows().Count); // the page keeps only the newest 500 rows
                string after = Mem(viewer);
                string report = $"8 writers x 1,000 entries: written in {written.TotalSeconds:F1} s, all 8,000 in the page at {shown.TotalSeconds:F1} s; " +
                                $"server {before} before, {after} after (managed heap bytes, working set bytes, entries held)";
                _out.WriteLine(report);
                File.WriteAllText(Path.Combine(BrowserFixture.ArtifactDir, "load.txt"), report + Environment.NewLine);
                long heapAfter = long.Parse(after.Split(' ')[1], CultureInfo.InvariantCulture);
                Assert.True(heapAfter < 200L << 20, $"the server's managed heap is {heapAfter:N0} bytes holding 8,000 entries");
                AssertNoConsoleErrors();
            }
            finally
            {
                viewer.StandardInput.WriteLine("stop");
                if (!viewer.WaitForExit(10000)) viewer.Kill();
            }
        }

        private static string Mem(Process viewer)
        {
            viewer.StandardInput.WriteLine("mem");
            string line = viewer.StandardOutput.ReadLine()!;
            Assert.StartsWith("mem ", line);
            return line.Substring(4);
        }
    }
}
