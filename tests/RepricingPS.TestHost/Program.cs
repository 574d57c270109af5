using System;
using System.Globalization;
using RepricingPS.Core.Audit;

// Usage: RepricingPS.TestHost append <root> <count> <writer-name> [<spool>]
// Appends <count> entries to <root> as a simulated writer identity (tests only), then prints "done <count>".
if (args.Length < 4 || args[0] != "append")
{
    Console.Error.WriteLine("usage: append <root> <count> <writer-name> [<spool>]");
    return 2;
}
string root = args[1];
int count = int.Parse(args[2], CultureInfo.InvariantCulture);
string writer = args[3];
string spool = args.Length > 4 ? args[4] : System.IO.Path.Combine(root, "..", "spool-" + writer);
var location = TestAccess.Location(root, spool);
var log = new AuditLog(new AuditStore(location), TestAccess.Identity(writer, "HOST-" + writer), AuditLog.NewSessionId());
for (int i = 0; i < count; i++)
{
    log.Write(new AuditEntry { Script = "TestHost", Status = AuditStatus.Info, Message = $"entry {i} of {writer}, with a comma and \"quotes\"" });
}
Console.WriteLine("done " + count.ToString(CultureInfo.InvariantCulture));
return 0;
