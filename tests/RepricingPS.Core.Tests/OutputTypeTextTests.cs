using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace RepricingPS.Core.Tests
{
    /// <summary>
    /// Issue 9: Export-Csv writes each property's ToString(). Every collection or nested property of an output type must print
    /// its values, so its type (or its items' type) overrides ToString; the Pester file OutputCsv.Tests.ps1 checks the cells of
    /// real cmdlet output, this checks the properties those runs happen to leave empty.
    /// </summary>
    public class OutputTypeTextTests
    {
        private static readonly Type[] Plain =
        {
            typeof(string), typeof(bool), typeof(int), typeof(long), typeof(decimal), typeof(double), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan),
        };

        private static bool PrintsItsValue(Type t)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            if (Plain.Contains(t) || t.IsEnum) return true;
            if (t == typeof(object)) return false;
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ItemList<>)) return PrintsItsValue(t.GetGenericArguments()[0]);
            MethodInfo toString = t.GetMethod(nameof(ToString), Type.EmptyTypes)!;
            return toString.DeclaringType == t;
        }

        public static IEnumerable<object[]> OutputTypes() =>
            typeof(RepricingResult).Assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract && t.Namespace == "RepricingPS" && !t.IsGenericType && t != typeof(SupportReportText))
                .Append(typeof(RepricingPS.Core.Repricing.RepricingFile))
                .Select(t => new object[] { t.FullName! });

        [Theory]
        [MemberData(nameof(OutputTypes))]
        public void EveryPropertyOfAnOutputType_PrintsItsValues_NotATypeName(string typeName)
        {
            Type type = typeof(RepricingResult).Assembly.GetType(typeName) ?? typeof(RepricingPS.Core.Repricing.RepricingFile).Assembly.GetType(typeName)!;
            var silent = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !PrintsItsValue(p.PropertyType)).Select(p => $"{p.Name} ({p.PropertyType})");
            Assert.Empty(silent);
        }

        [Fact]
        public void TheCheck_FlagsAListOrNestedObjectWithoutToString()
        {
            Assert.False(PrintsItsValue(typeof(List<string>)));
            Assert.False(PrintsItsValue(typeof(string[])));
            Assert.False(PrintsItsValue(typeof(ItemList<object>)));
            Assert.True(PrintsItsValue(typeof(ItemList<StatusCount>)));
            Assert.True(PrintsItsValue(typeof(NetTotals)));
        }
    }
}
