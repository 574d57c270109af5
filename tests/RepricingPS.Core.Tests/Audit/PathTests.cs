using System;
using System.Collections.Generic;
using System.IO;
using RepricingPS.Core.Audit;
using Xunit;

namespace RepricingPS.Core.Tests.Audit
{
    public class PathTests
    {
        private static AuditPaths Paths(Dictionary<string, string> vars, bool windows = false) =>
            new AuditPaths(new AuditEnvironment(n => vars.TryGetValue(n, out var v) ? v : null, windows));

        [Fact]
        public void Resolve_Order_ParameterThenEnvironmentThenSavedThenDefault()
        {
            using var t = new TempDir();
            var vars = new Dictionary<string, string> { ["XDG_DATA_HOME"] = t.Path, ["HOME"] = t.Path };
            var paths = Paths(vars);
            Assert.Equal(AuditPathSource.Default, paths.Resolve(null).Source);
            Assert.Equal(Path.Combine(t.Path, "RepricingPS", "AuditLog"), paths.Resolve(null).Root);

            paths.Save(t.Combine("saved"));
            Assert.Equal((AuditPathSource.Configuration, t.Combine("saved")), (paths.Resolve(null).Source, paths.Resolve(null).Root));

            vars["REPRICING_AUDIT_PATH"] = t.Combine("env");
            Assert.Equal((AuditPathSource.Environment, t.Combine("env")), (paths.Resolve(null).Source, paths.Resolve(null).Root));

            Assert.Equal((AuditPathSource.Parameter, t.Combine("param")), (paths.Resolve(t.Combine("param")).Source, paths.Resolve(t.Combine("param")).Root));
        }

        [Theory]
        [InlineData("%OneDrive%/Repricing/AuditLog")]
        [InlineData("$env:OneDrive/Repricing/AuditLog")]
        [InlineData("${env:OneDrive}/Repricing/AuditLog")]
        public void Expand_VariableForms_ExpandOnEveryPlatform(string configured)
        {
            var paths = Paths(new Dictionary<string, string> { ["OneDrive"] = "/mnt/onedrive" });
            Assert.Equal(Path.GetFullPath("/mnt/onedrive/Repricing/AuditLog"), paths.Expand(configured, "test"));
        }

        [Fact]
        public void Expand_UnsetVariable_IsConfigErrorNamingIt()
        {
            var paths = Paths(new Dictionary<string, string>());
            var ex = Assert.Throws<RepricingException>(() => paths.Expand("%OneDrive%/Repricing", "REPRICING_AUDIT_PATH"));
            Assert.Equal("CONFIG_ERROR", ex.Category);
            Assert.Equal("AuditPathVariableNotSet", ex.ErrorId);
            Assert.Contains("'OneDrive'", ex.Message);
        }

        [Fact]
        public void Resolve_SavedSettingWithUnsetVariable_IsConfigError()
        {
            using var t = new TempDir();
            var vars = new Dictionary<string, string> { ["XDG_DATA_HOME"] = t.Path };
            var paths = Paths(vars);
            paths.Save("$env:NOT_SET_ANYWHERE/log");
            var ex = Assert.Throws<RepricingException>(() => paths.Resolve(null));
            Assert.Equal("CONFIG_ERROR", ex.Category);
            Assert.Contains("NOT_SET_ANYWHERE", ex.Message);
        }

        [Fact]
        public void Expand_Tilde_IsHome()
        {
            var paths = Paths(new Dictionary<string, string> { ["HOME"] = "/home/jdoe" });
            Assert.Equal("/home/jdoe/logs", paths.Expand("~/logs", "test"));
        }

        [Fact]
        public void Spool_VariableOverridesDefault()
        {
            var paths = Paths(new Dictionary<string, string> { ["REPRICING_SPOOL_PATH"] = "/tmp/spool-x", ["XDG_DATA_HOME"] = "/tmp/d" });
            Assert.Equal("/tmp/spool-x", paths.SpoolRoot);
            Assert.Equal("/tmp/spool-x", paths.Resolve(null).SpoolRoot);
        }
    }
}
