using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using RepricingPS.Core.Audit;

// A real separate process for the concurrency and fault tests (writer identities are injected here, for tests only).
//   append <root> <count> <writer-name> [<spool>]   appends <count> entries, then prints "done <count>"
//   tail <root> <expected> <timeout-seconds>        follows the root until <expected> entries were seen; prints "seen <n>"
//   whoami <root> <spool>                           appends one entry as the real OS account (run it under setpriv)
//   query <root> <spool>                            reads the whole root; prints "entries <n> malformed <m> skipped <sources>" (run it unprivileged)
switch (args.Length > 0 ? args[0] : "")
{
    case "append" when args.Length >= 4:
    {
        string root = args[1];
        int count = int.Parse(args[2], CultureInfo.InvariantCulture);
        string writer = args[3];
        string spool = args.Length > 4 ? args[4] : System.IO.Path.Combine(root, "..", "spool-" + writer);
        var location = TestAccess.Location(root, spool);
        var log = new AuditLog(new AuditStore(location), TestAccess.Identity(writer, "HOST-" + writer), AuditLog.NewSessionId());
        Console.WriteLine("started");
        for (int i = 0; i < count; i++)
        {
            log.Write(new AuditEntry { Script = "TestHost", Status = AuditStatus.Info, Message = $"entry {i} of {writer}, with a comma and \"quotes\"\nand a second line" });
        }
        Console.WriteLine("done " + count.ToString(CultureInfo.InvariantCulture));
        return 0;
    }
    case "tail" when args.Length >= 4:
    {
        var location = TestAccess.Location(args[1], args[1] + "-tail-spool");
        int expected = int.Parse(args[2], CultureInfo.InvariantCulture);
        var deadline = Stopwatch.StartNew();
        var tail = new AuditTail(location, new AuditQuery());
        int seen = 0, malformed = 0;
        Console.WriteLine("started");
        while (seen < expected && deadline.Elapsed.TotalSeconds < int.Parse(args[3], CultureInfo.InvariantCulture))
        {
            var stats = new ReadStats();
            try
            {
                seen += tail.Poll(stats, CancellationToken.None).Count;
                malformed += stats.MalformedRows;
            }
            catch (RepricingPS.Core.RepricingException) { }
            Thread.Sleep(100);
        }
        Console.WriteLine($"seen {seen} malformed {malformed}");
        return seen == expected ? 0 : 1;
    }
    case "whoami" when args.Length >= 3:
    {
        var log = new AuditLog(new AuditStore(TestAccess.Location(args[1], args[2])), AuditIdentity.Current("test"), AuditLog.NewSessionId());
        Console.WriteLine("started");
        AppendResult r = log.Write(new AuditEntry { Script = "TestHost", Message = "who am I" });
        Console.WriteLine("wrote " + r.File);
        return 0;
    }
    case "query" when args.Length >= 3:
    {
        var stats = new ReadStats();
        Console.WriteLine("started");
        var entries = new AuditLogReader(TestAccess.Location(args[1], args[2])).Read(new AuditQuery(), stats);
        Console.WriteLine($"entries {entries.Count} malformed {stats.MalformedRows} skipped {string.Join("|", stats.SkippedSources)}");
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: append <root> <count> <writer-name> [<spool>] | tail <root> <expected> <timeout-seconds>");
        return 2;
}
