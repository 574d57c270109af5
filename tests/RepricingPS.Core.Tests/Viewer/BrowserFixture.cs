using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit;

namespace RepricingPS.Core.Tests.Viewer
{
    /// <summary>
    /// One headless Debian chromium for the browser tests, driven through Debian's chromedriver at fixed paths: nothing is
    /// downloaded (SE_OFFLINE, explicit driver path), --no-sandbox because CI runs as root. Started on first use only,
    /// so a machine without the browser reports the tests skipped without trying.
    /// </summary>
    public sealed class BrowserFixture : IDisposable
    {
        internal const string ChromiumPath = "/usr/bin/chromium";
        internal const string DriverPath = "/usr/bin/chromedriver";

        internal const string HowToInstall =
            "Skipped: the live viewer's browser tests need Chromium and its driver at /usr/bin/chromium and /usr/bin/chromedriver. " +
            "Install them with: apt-get update && apt-get install -y chromium chromium-driver (.ci/run does this on CI).";

        private ChromeDriver? _driver;

        internal static bool Installed => File.Exists(ChromiumPath) && File.Exists(DriverPath);

        internal ChromeDriver Driver
        {
            get
            {
                if (_driver != null) return _driver;
                Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
                var options = new ChromeOptions { BinaryLocation = ChromiumPath };
                options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,860",
                    "--no-first-run", "--disable-extensions", "--disable-background-networking", "--lang=en-US");
                options.SetLoggingPreference(LogType.Browser, LogLevel.All);
                ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
                service.SuppressInitialDiagnosticInformation = true;
                service.HideCommandPromptWindow = true;
                _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
                return _driver;
            }
        }

        /// <summary>Console messages at error level since the last call (reading them drains the log).</summary>
        internal List<string> ConsoleErrors() =>
            Driver.Manage().Logs.GetLog(LogType.Browser).Where(l => l.Level >= LogLevel.Severe).Select(l => l.Message).ToList();

        /// <summary>Where test artifacts go: out/test-results/viewer under the repository (git-ignored).</summary>
        internal static string ArtifactDir
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RepricingPS.sln"))) dir = dir.Parent;
                string path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "out", "test-results", "viewer");
                Directory.CreateDirectory(path);
                return path;
            }
        }

        /// <summary>Polls a condition in the page until it holds or the time is up; returns how long it took.</summary>
        internal static TimeSpan WaitFor(Func<bool> condition, TimeSpan timeout, string what)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if (condition()) return clock.Elapsed;
                }
                catch (StaleElementReferenceException)
                {
                    // the list was re-rendered between finding and reading: look again
                }
                if (clock.Elapsed > timeout) throw new Xunit.Sdk.XunitException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
                Thread.Sleep(25);
            }
        }

        internal object? Js(string script, params object[] args) => ((IJavaScriptExecutor)Driver).ExecuteScript(script, args);

        /// <summary>The texts of the listed rows' cells, row by row.</summary>
        internal List<string[]> Rows() =>
            ((IReadOnlyCollection<object>)Js("return Array.from(document.querySelectorAll('#rows tr')).map(tr => Array.from(tr.cells).map(td => td.textContent));")!)
                .Select(r => ((IReadOnlyCollection<object>)r).Select(c => (string)c).ToArray()).ToList();

        internal long PageTotal() => long.Parse((string)Js("return document.getElementById('total').dataset.count;")!, System.Globalization.CultureInfo.InvariantCulture);

        internal string Live() => Driver.FindElement(By.Id("live")).Text;

        public void Dispose()
        {
            _driver?.Quit();
            _driver?.Dispose();
        }
    }
}
