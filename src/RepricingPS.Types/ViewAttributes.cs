#if NET
global using JsonIgnore = Newtonsoft.Json.JsonIgnoreAttribute;
#else
global using JsonIgnore = RepricingPS.NoJsonIgnoreAttribute;
#endif
global using Hidden = System.Management.Automation.HiddenAttribute;

#if !NET
namespace RepricingPS
{
    /// <summary>
    /// Stands in for Newtonsoft's [JsonIgnore] in the Windows PowerShell 5.1 build, whose ConvertTo-Json reads
    /// System.Web.Extensions' ScriptIgnoreAttribute instead (a .NET Framework assembly netstandard2.0 cannot reference).
    /// </summary>
    [System.AttributeUsage(System.AttributeTargets.Property)]
    internal sealed class NoJsonIgnoreAttribute : System.Attribute
    {
    }
}
#endif
