using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using RepricingPS;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Audit.Folder;

// A real separate process for the concurrency and fault tests (writer identities are injected here, for tests only).
//   append <root> <count> <writer-name> [<spool>]   appends <count> entries, then prints "done <count>"
//   tail <root> <expected> <timeout-seconds>        follows the root until <expected> entries were seen; prints "seen <n>"
//   whoami <root> <spool>                           appends one entry as the real OS account (run it under setpriv)
//   query <root> <spool>                            reads the whole root; prints "entries <n> malformed <m> skipped <sources>" (run it unprivileged)
//   legacy-query <root> <index|-> <since|-> <until|-> <block-records>  reads the root in a window (round-trip
//                                                    times, "-" for none) with a legacy index folder (or none); prints
//                                                    one line per entry and per malformed row, then "malformed <m> incomplete <b>"
//   hold-output <dir>                               owns a temporary output in <dir> (as a run does), prints "started", waits to be killed
//   reprice <file1> <file2> <out> <opp> <log> [force]  one whole repricing run; prints "ok" or "failed <ErrorId>"
//   write <root> <spool> <writer> <status> <message> writes one entry; prints "started", then "done 1"
//   viewer <root> <spool> <days>                     serves the live viewer; prints its "Listening on" line; on stdin,
//                                                    "mem" prints "mem <managed-heap-bytes> <working-set-bytes> <held>", "stop" (or EOF) stops
switch (args.Length > 0 ? args[0] : "")
{
    case "append" when args.Length >= 4:
    {
        string root = args[1];
        int count = int.Parse(args[2], CultureInfo.InvariantCulture);
        string writer = args[3];
        string spool = args.Length > 4 ? args[4] : System.IO.Path.Combine(root, "..", "spool-" + writer);
        var location = TestAccess.Location(root, spool);
        var log = new AuditWriter(new FolderAuditStore(location), TestAccess.Identity(writer, "HOST-" + writer), AuditWriter.NewSessionId());
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
        var log = new AuditWriter(new FolderAuditStore(TestAccess.Location(args[1], args[2])), AuditIdentity.Current("test"), AuditWriter.NewSessionId());
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
    case "legacy-query" when args.Length >= 6:
    {
        var stats = new ReadStats();
        var location = TestAccess.Location(args[1], args[1] + "-spool", indexRoot: args[2] == "-" ? null : args[2]);
        var query = new AuditQuery
        {
            Since = args[3] == "-" ? null : DateTimeOffset.Parse(args[3], CultureInfo.InvariantCulture),
            Until = args[4] == "-" ? null : DateTimeOffset.Parse(args[4], CultureInfo.InvariantCulture),
        };
        var reader = new AuditLogReader(location) { LegacyBlockRecords = int.Parse(args[5], CultureInfo.InvariantCulture) };
        foreach (AuditEntry e in reader.Read(query, stats))
        {
            Console.WriteLine($"entry {e.EntryId} {e.Timestamp:o} {e.Source} {e.Status} {e.Message}");
        }
        foreach (ReadProblem p in stats.Problems) Console.WriteLine($"problem {p.File}:{p.Line} {p.Reason} {p.Raw}");
        Console.WriteLine($"malformed {stats.MalformedRows} incomplete {stats.Incomplete}");
        return 0;
    }
    case "hold-output" when args.Length >= 2:
    {
        var set = RepricingPS.Core.Repricing.OutputSet.Begin(args[1], new System.Collections.Generic.List<string>());
        System.IO.File.WriteAllText(set.NewTemp(System.IO.Path.Combine(args[1], "x_merged_file_with_OR.csv")), "half written");
        Console.WriteLine("started");
        Thread.Sleep(Timeout.Infinite);
        GC.KeepAlive(set);
        return 0;
    }
    case "reprice" when args.Length >= 6:
    {
        var location = TestAccess.Location(args[5], args[5] + "-spool");
        var service = new RepricingPS.Core.Repricing.RepricingService(
            new AuditWriter(new FolderAuditStore(location), TestAccess.Identity("runner", "HOST"), AuditWriter.NewSessionId()), "Invoke-Repricing", null);
        Console.WriteLine("started");
        try
        {
            var request = new RepricingPS.Core.Repricing.RepricingRequest
            {
                File1 = service.Import(args[1], FileRole.File1, null, false, CancellationToken.None),
                File2 = service.Import(args[2], FileRole.File2, null, false, CancellationToken.None),
                OutputDirectory = args[3],
                OpportunityName = args[4],
                Force = args.Length > 6 && args[6] == "force",
            };
            service.Run(request, CancellationToken.None);
            Console.WriteLine("ok");
            return 0;
        }
        catch (RepricingPS.Core.RepricingException ex)
        {
            Console.WriteLine("failed " + ex.ErrorId + " " + ex.Message.Replace('\n', ' '));
            return 1;
        }
    }
    case "write" when args.Length >= 6:
    {
        var location = TestAccess.Location(args[1], args[2]);
        var log = new AuditWriter(new FolderAuditStore(location), TestAccess.Identity(args[3], "HOST-" + args[3]), AuditWriter.NewSessionId());
        Console.WriteLine("started");
        log.Write(new AuditEntry { Script = "TestHost", Status = args[4], Message = args[5] });
        Console.WriteLine("done 1");
        return 0;
    }
    case "viewer" when args.Length >= 4:
    {
        var location = TestAccess.Location(args[1], args[2]);
        using var server = new RepricingPS.Core.Viewer.AuditViewerServer(location,
            new RepricingPS.Core.Viewer.AuditViewerOptions { Days = int.Parse(args[3], CultureInfo.InvariantCulture) });
        server.Start();
        Console.WriteLine(server.ListeningLine);
        string? line;
        while ((line = Console.ReadLine()) != null && line != "stop")
        {
            if (line != "mem") continue;
            long heap = GC.GetTotalMemory(forceFullCollection: true);
            using var self = Process.GetCurrentProcess();
            Console.WriteLine(FormattableString.Invariant($"mem {heap} {self.WorkingSet64} {server.HeldEntries}"));
        }
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: append <root> <count> <writer-name> [<spool>] | tail <root> <expected> <timeout-seconds> | write <root> <spool> <writer> <status> <message> | viewer <root> <spool> <days>");
        return 2;
}
