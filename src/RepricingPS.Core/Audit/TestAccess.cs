namespace RepricingPS.Core.Audit
{
    /// <summary>
    /// Writer identities and locations for tests and benchmarks only (internal: a user can never set who wrote an entry).
    /// </summary>
    internal static class TestAccess
    {
        internal static AuditIdentity Identity(string user, string computer) => new AuditIdentity(user, computer, "test", "test-os");

        internal static AppendResult Stored(string where) => new AppendResult { File = where };

        internal static AuditLocation Location(string root, string spool, AuditPathSource source = AuditPathSource.Parameter, string? indexRoot = null) =>
            new AuditLocation(System.IO.Path.GetFullPath(root), source, root, System.IO.Path.GetFullPath(spool), indexRoot == null ? null : System.IO.Path.GetFullPath(indexRoot));
    }
}
