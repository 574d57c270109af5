using System.Linq;
using RepricingPS.Core;
using Xunit;

namespace RepricingPS.Core.Tests
{
    public sealed class ArchitectureTests
    {
        [Fact]
        public void Core_NeverReferencesPowerShell()
        {
            // All logic lives in Core where xunit reaches it; PowerShell stays in the cmdlet project (style.md).
            var references = typeof(RepricingException).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
            Assert.DoesNotContain("System.Management.Automation", references);
            Assert.DoesNotContain("RepricingPS", references);
        }
    }
}
