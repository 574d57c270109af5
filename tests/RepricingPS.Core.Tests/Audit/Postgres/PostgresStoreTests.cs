using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Npgsql;
using RepricingPS.Core.Audit;
using RepricingPS.Core.Audit.Postgres;
using Xunit;

namespace RepricingPS.Core.Tests.Audit.Postgres
{
    public sealed class PostgresTargetTests
    {
        [Theory]
        [InlineData("postgresql://alice@db01:5432/repricing", true)]
        [InlineData("postgres://db01/repricing", true)]
        [InlineData("Host=db01;Database=repricing;Username=alice", true)]
        [InlineData("server=db01; database=repricing", true)]
        [InlineData("/srv/logs/Host=1", false)]
        [InlineData(@"C:\Logs\Audit", false)]
        [InlineData(@"\\fs01\share\AuditLog", false)]
        public void IsConnection_RecognisesUrisAndConnectionStrings_NotFolders(string value, bool expected) =>
            Assert.Equal(expected, PostgresTarget.IsConnection(value));

        [Fact]
        public void Resolve_KeepsAConnectionStringAsIs_InsteadOfMakingItAFolderPath()
        {
            var paths = new AuditPaths(new AuditEnvironment(n => n == "DBHOST" ? "db01" : null, isWindows: false));
            AuditLocation l = paths.Resolve("Host=%DBHOST%;Database=repricing;Username=alice");
            Assert.Equal("Host=db01;Database=repricing;Username=alice", l.Root);
            Assert.True(l.IsDatabase);
            var env = new AuditEnvironment(n => n == AuditPaths.RootVariable ? "postgresql://alice@db01/repricing" : null, isWindows: false);
            AuditLocation fromEnv = new AuditPaths(env).Resolve(null);
            Assert.Equal("postgresql://alice@db01/repricing", fromEnv.Root);
            Assert.Equal(AuditPathSource.Environment, fromEnv.Source);
        }

        [Fact]
        public void Parse_UriWithPassword_DisplayNeverShowsIt()
        {
            PostgresTarget t = PostgresTarget.Parse("postgresql://alice:s3cr%40t@db01:6432/audit?sslmode=prefer");
            Assert.True(t.HasPassword);
            Assert.Equal("db01", t.Host);
            Assert.Equal(6432, t.Port);
            Assert.Equal("audit", t.Database);
            Assert.Equal("alice", t.Username);
            Assert.Equal("postgresql://alice@db01:6432/audit", t.Display);
            Assert.DoesNotContain("s3cr", t.Display);
        }

        [Fact]
        public void Parse_MalformedConnection_IsConfigErrorThatDoesNotEchoIt()
        {
            var ex = Assert.Throws<RepricingException>(() => PostgresTarget.Parse("Host=db01;Password=hunter2;Bogus Key=1"));
            Assert.Equal(ErrorCategories.Config, ex.Category);
            Assert.DoesNotContain("hunter2", ex.Message);
        }
    }

    public sealed class PostgresStoreTests
    {
        private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

        private static AuditEntry Entry(string user, string status, DateTimeOffset ts, string message = "m", string script = "Invoke-Repricing") => new AuditEntry
        {
            Timestamp = ts, User = user, Computer = "PC1", Script = script, Status = status, Message = message,
            SessionId = "s1", EntryId = Guid.NewGuid().ToString("N"), PSVersion = "7.6", OS = "Linux",
        };

        [SkippableFact]
        public void Initialize_CreatesVersion1_AndASecondRunOnlyRegrants()
        {
            using var db = new TestDatabase(initialise: false);
            Assert.Equal(0, PostgresSchema.ReadVersion(db.Target));
            AuditStoreInitialization plan = PostgresSchema.Initialize(db.Target, apply: false);
            Assert.False(plan.Applied);
            Assert.Equal(0, PostgresSchema.ReadVersion(db.Target)); // -WhatIf changes nothing
            AuditStoreInitialization first = PostgresSchema.Initialize(db.Target, apply: true);
            Assert.Equal(0, first.PreviousVersion);
            Assert.Equal(1, first.SchemaVersion);
            AuditStoreInitialization second = PostgresSchema.Initialize(db.Target, apply: true);
            Assert.Equal(1, second.PreviousVersion);
            Assert.Equal(1L, db.Scalar("SELECT count(*) FROM repricing.schema_version"));
            Assert.Equal(3L, db.Scalar("SELECT count(*) FROM pg_roles WHERE rolname IN ('repricing_writer', 'repricing_reader', 'repricing_admin')"));
        }

        [SkippableFact]
        public void Initialize_NewerSchema_IsRefusedWithConfigError_AndStoresRefuseIt()
        {
            using var db = new TestDatabase();
            db.Sql("INSERT INTO repricing.schema_version (version) VALUES (2)");
            var ex = Assert.Throws<RepricingException>(() => PostgresSchema.Initialize(db.Target, apply: true));
            Assert.Equal(ErrorCategories.Config, ex.Category);
            Assert.Equal("AuditStoreSchemaNewer", ex.ErrorId);
            PostgresSchema.ForgetChecks();
            var write = Assert.Throws<RepricingException>(() => new PostgresAuditStore(db.Target).Insert(Entry("a", "INFO", Now)));
            Assert.Equal("AuditStoreSchemaNewer", write.ErrorId);
        }

        [SkippableFact]
        public void Store_SchemaMissing_IsANamedConfigError()
        {
            using var db = new TestDatabase(initialise: false);
            var ex = Assert.Throws<RepricingException>(() => new PostgresAuditStore(db.Target).Query(new AuditQuery(), new ReadStats()));
            Assert.Equal(ErrorCategories.Config, ex.Category);
            Assert.Equal("AuditStoreSchemaMissing", ex.ErrorId);
            Assert.Contains("Initialize-RepricingAuditStore", ex.Message);
        }

        [SkippableFact]
        public void Store_HostileText_RoundTripsExactly_WithTheWritersOffset()
        {
            using var db = new TestDatabase();
            var store = new PostgresAuditStore(db.Target);
            string big = new string('x', 1_048_576);
            var ts = new DateTimeOffset(2026, 11, 26, 14, 3, 5, 123, TimeSpan.FromMinutes(330));
            var e = new AuditEntry
            {
                Timestamp = ts, User = "O'Brien\\dom", Computer = "PC\"1", Script = "=cmd|' /C calc'!A0", Status = "DATA_ERROR",
                Message = "nul:\0 end \\0 literal, quote ' \" backslash \\ \r\n tab\t", Action = "+SUM(1)", File = @"C:\data\f.xlsx",
                ErrorType = "-1", Error = "@evil", Details = big, SessionId = "s", EntryId = "id-1", PSVersion = "7.6", OS = "\0",
            };
            Assert.True(store.Insert(e));
            AuditEntry back = store.Query(new AuditQuery(), new ReadStats()).Single();
            Assert.Equal(ts, back.Timestamp);
            Assert.Equal(ts.Offset, back.Timestamp.Offset);
            foreach (var p in new Func<AuditEntry, string>[] { x => x.User, x => x.Computer, x => x.Script, x => x.Status, x => x.Message, x => x.Action,
                x => x.File, x => x.ErrorType, x => x.Error, x => x.Details, x => x.SessionId, x => x.EntryId, x => x.PSVersion, x => x.OS })
            {
                Assert.Equal(p(e), p(back));
            }
            Assert.StartsWith(db.Target.Display + " row ", back.Source);
            Assert.True(store.Verify().IsValid);
        }

        [SkippableFact]
        public void Insert_SameEntryIdTwice_IsStoredOnce()
        {
            using var db = new TestDatabase();
            var store = new PostgresAuditStore(db.Target);
            AuditEntry e = Entry("alice", "INFO", Now);
            Assert.True(store.Insert(e));
            Assert.False(store.Insert(e));
            Assert.Equal(1, store.InsertMany(new[] { e, Entry("alice", "INFO", Now) }));
            Assert.Equal(2L, db.Scalar("SELECT count(*) FROM repricing.audit_entry"));
        }

        [SkippableFact]
        public void Insert_ReusesThePooledSession_NoResetBetweenWrites_AndTheInsertStaysPrepared()
        {
            // Issue 11 (8 writers >= 2,000 entries/s): Npgsql's default reset sent DISCARD ALL with every write (two statements
            // per entry, and the server re-planned the insert function each time). A value set for the session survives the
            // connection going back to the pool, and the insert is prepared once per session, not parsed per write.
            using var db = new TestDatabase();
            PostgresTarget writer = db.Login("repricing_writer", out _);
            var store = new PostgresAuditStore(writer);
            using (NpgsqlConnection c = writer.DataSource.OpenConnection())
            using (var set = new NpgsqlCommand("SELECT set_config('repricing.probe', 'kept', false)", c)) set.ExecuteScalar();
            for (int i = 0; i < 3; i++) Assert.True(store.Insert(Entry("alice", "INFO", Now)));
            using (NpgsqlConnection c = writer.DataSource.OpenConnection())
            {
                using var probe = new NpgsqlCommand("SELECT current_setting('repricing.probe', true)", c);
                Assert.Equal("kept", probe.ExecuteScalar());
                using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%repricing.insert_entry(%'", c);
                Assert.Equal(1L, prepared.ExecuteScalar());
            }
            Assert.Equal(3L, db.Scalar("SELECT count(*) FROM repricing.audit_entry"));
        }

        [SkippableFact]
        public void Insert_StoresTheHashTheFolderStoreGivesTheSameEntryAsAFilesFirstRecord()
        {
            // The hash is the folder store's function (StoreFormat.ChainHash), each row hashed alone (no previous hash), as
            // the first record of a day file is: the prepared insert path must not change what is hashed.
            using var db = new TestDatabase();
            var store = new PostgresAuditStore(db.Login("repricing_writer", out _));
            AuditEntry e = Entry("alice", "USER_ERROR", new DateTimeOffset(2026, 3, 1, 9, 30, 15, 123, TimeSpan.FromHours(-5)), "Could not find file, \"claims.xlsx\"");
            e.Details = "line 1\r\nline 2";
            Assert.True(store.Insert(e));
            RepricingPS.Core.Audit.Folder.StoreFormat.RecordBytes(e, "", out string folderHash);
            Assert.Equal(folderHash, db.Scalar("SELECT hash FROM repricing.audit_entry"));
        }

        [SkippableFact]
        public void Query_UsersCaseInsensitiveExact_NotSubstring_WildcardsWindowAndErrorSet()
        {
            using var db = new TestDatabase();
            var store = new PostgresAuditStore(db.Target);
            store.InsertMany(new[]
            {
                Entry("Dan", "ERROR", Now.AddDays(-1)),
                Entry("Jordan", "FILE_ERROR", Now.AddDays(-1)),
                Entry("daniel", "CONFIG_ERROR", Now.AddDays(-2)),
                Entry("dan", "INFO", Now.AddDays(-1)),
                Entry("DAN", "USER_ERROR", Now.AddDays(-10)),
                Entry("dan", "ERRORS", Now.AddDays(-1)),
            });
            List<AuditEntry> Q(AuditQuery q) => store.Query(q, new ReadStats());
            // Exact, case-insensitive, never substring: Jordan and daniel are not "dan" (spec §8); 7 days drops the 10-day-old one.
            var dan = Q(new AuditQuery { Users = new[] { "dan" }, Since = Now.AddDays(-7) });
            // Same timestamp: row order breaks the tie, as file and line order do for the folder.
            Assert.Equal(new[] { "ERROR", "INFO", "ERRORS" }, dan.Select(e => e.Status).ToArray());
            // The error set is ERROR and *_ERROR, not ERRORS.
            var errors = Q(new AuditQuery { Users = new[] { "DAN" }, ErrorsOnly = true });
            Assert.Equal(new[] { "USER_ERROR", "ERROR" }, errors.Select(e => e.Status).ToArray());
            var wild = Q(new AuditQuery { Users = new[] { "dan*" }, ErrorsOnly = true, Since = Now.AddDays(-7) });
            Assert.Equal(new[] { "CONFIG_ERROR", "ERROR" }, wild.Select(e => e.Status).ToArray());
            Assert.Equal(new[] { "Dan", "Jordan" }, Q(new AuditQuery { Statuses = new[] { "*file*", "error" } }).Select(e => e.User).OrderBy(u => u, StringComparer.Ordinal).ToArray());
            Assert.Equal(6L, store.Count(new AuditQuery()));
            var byStatus = store.CountBy(new AuditQuery { ErrorsOnly = true }, "status");
            Assert.Equal(4, byStatus.Count);
        }

        [SkippableFact]
        public void Query_NewestN_ReturnsTheNewestInOldestFirstOrder()
        {
            using var db = new TestDatabase();
            var store = new PostgresAuditStore(db.Target);
            store.InsertMany(Enumerable.Range(1, 5).Select(i => Entry("u", "INFO", Now.AddMinutes(i), "m" + i)).ToList());
            Assert.Equal(new[] { "m4", "m5" }, store.Query(new AuditQuery(), new ReadStats(), newest: 2).Select(e => e.Message).ToArray());
        }

        [SkippableFact]
        public void Query_UserInputIsNeverSql()
        {
            using var db = new TestDatabase();
            var store = new PostgresAuditStore(db.Target);
            store.Insert(Entry("alice", "ERROR", Now));
            string hostile = "x'); DROP TABLE repricing.audit_entry; --";
            Assert.Empty(store.Query(new AuditQuery { Users = new[] { hostile }, Scripts = new[] { hostile + "*" }, Match = hostile }, new ReadStats()));
            Assert.Single(store.Query(new AuditQuery { Users = new[] { "alice" } }, new ReadStats()));
        }

        [SkippableFact]
        public void WriterRole_InsertsIdempotently_ButTheServerRefusesItsUpdateDeleteAndSelect()
        {
            using var db = new TestDatabase();
            PostgresTarget writer = db.Login("repricing_writer", out _);
            var store = new PostgresAuditStore(writer);
            AuditEntry e = Entry("alice", "INFO", Now);
            Assert.True(store.Insert(e));
            Assert.False(store.Insert(e)); // ON CONFLICT works without SELECT, through the SECURITY DEFINER function
            foreach (string sql in new[] { "UPDATE repricing.audit_entry SET message = 'x'", "DELETE FROM repricing.audit_entry", "TRUNCATE repricing.audit_entry" })
            {
                using var c = writer.DataSource.OpenConnection();
                using var cmd = new NpgsqlCommand(sql, c);
                var ex = Assert.Throws<PostgresException>(() => cmd.ExecuteNonQuery());
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
            }
            var read = Assert.Throws<RepricingException>(() => store.Query(new AuditQuery(), new ReadStats()));
            Assert.Equal("AuditStorePermissionDenied", read.ErrorId);
            Assert.Equal(1L, db.Scalar("SELECT count(*) FROM repricing.audit_entry WHERE message = 'm'"));
        }

        [SkippableFact]
        public void ReaderRole_Selects_ButCannotInsert()
        {
            using var db = new TestDatabase();
            new PostgresAuditStore(db.Target).Insert(Entry("alice", "INFO", Now));
            PostgresTarget reader = db.Login("repricing_reader", out _);
            var store = new PostgresAuditStore(reader);
            Assert.Single(store.Query(new AuditQuery(), new ReadStats()));
            var ex = Assert.Throws<RepricingException>(() => store.Insert(Entry("bob", "INFO", Now)));
            Assert.Equal("AuditStorePermissionDenied", ex.ErrorId);
        }

        [SkippableFact]
        public void WrongPassword_IsAuthenticationFailed_AndTheMessageNeverShowsAPassword()
        {
            using var db = new TestDatabase();
            PostgresTarget good = db.Login("repricing_reader", out string password);
            PostgresTarget bad = good.With(b => b.Password = "Wr0ng-" + password);
            var ex = Assert.Throws<RepricingException>(() => new PostgresAuditStore(bad).Query(new AuditQuery(), new ReadStats()));
            Assert.Equal("AuditStoreAuthenticationFailed", ex.ErrorId);
            Assert.Equal(ErrorCategories.Config, ex.Category);
            Assert.DoesNotContain(password, ex.Message);
            Assert.DoesNotContain(password, ex.ToString());
            Assert.Contains("PGPASSWORD", ex.Message);
        }

        [SkippableFact]
        public void ConnectionRefused_IsUnreachable_AndNamesTheServer()
        {
            PostgresServer.SkipUnlessAvailable();
            int port = FreePort();
            PostgresTarget t = PostgresTarget.Parse($"Host=127.0.0.1;Port={port};Database=x;Username=u;Password=Secret-42;Timeout=3");
            var ex = Assert.Throws<RepricingException>(() => new PostgresAuditStore(t).Insert(Entry("a", "INFO", Now)));
            Assert.Equal("AuditStoreUnreachable", ex.ErrorId);
            Assert.Contains($"127.0.0.1:{port}", ex.Message);
            Assert.DoesNotContain("Secret-42", ex.ToString());
        }

        internal static int FreePort()
        {
            var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            l.Start();
            int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        [SkippableFact]
        public void Tail_ReturnsARowThatCommitsOutOfIdOrder_ExactlyOnce()
        {
            using var db = new TestDatabase();
            var store = new PostgresAuditStore(db.Target);
            var tail = new PostgresTail(store, new AuditQuery());
            Assert.Empty(tail.Poll(CancellationToken.None));
            // A takes the lower id but commits after B.
            using var ca = db.Target.DataSource.OpenConnection();
            using var txa = ca.BeginTransaction();
            using (var cmd = new NpgsqlCommand(PostgresRow.InsertCall, ca, txa))
            {
                PostgresRow.AddInsertParameters(cmd.Parameters, Entry("a", "INFO", Now, "late"));
                cmd.ExecuteNonQuery();
            }
            store.Insert(Entry("b", "INFO", Now, "early"));
            Assert.Equal(new[] { "early" }, tail.Poll(CancellationToken.None).Select(e => e.Message).ToArray());
            txa.Commit();
            Assert.Equal(new[] { "late" }, tail.Poll(CancellationToken.None).Select(e => e.Message).ToArray());
            Assert.Empty(tail.Poll(CancellationToken.None));
        }

        [SkippableFact]
        public void Tail_FirstPollOfOnlyTheNewest_SaysWhenOlderWereLeftOut()
        {
            using var db = new TestDatabase();
            var store = new PostgresAuditStore(db.Target);
            store.InsertMany(Enumerable.Range(1, 5).Select(i => Entry("a", "INFO", Now.AddMinutes(-10 + i), "m" + i)).ToList());
            var three = new ReadStats();
            Assert.Equal(new[] { "m3", "m4", "m5" }, new PostgresTail(store, new AuditQuery(), 3).Poll(three, CancellationToken.None).Select(e => e.Message));
            Assert.True(three.OlderLeftOut);
            var five = new ReadStats();
            Assert.Equal(new[] { "m1", "m2", "m3", "m4", "m5" }, new PostgresTail(store, new AuditQuery(), 5).Poll(five, CancellationToken.None).Select(e => e.Message));
            Assert.False(five.OlderLeftOut);
            var all = new ReadStats();
            Assert.Equal(5, new PostgresTail(store, new AuditQuery()).Poll(all, CancellationToken.None).Count);
            Assert.False(all.OlderLeftOut);
            Assert.Null(three.FutureDatedWarning);

            // A writer whose clock is two days ahead: not one of the newest N (as -Last N without -Wait), and said so.
            store.Insert(Entry("b", "INFO", Now.AddDays(2), "ahead"));
            var ahead = new ReadStats();
            var tail = new PostgresTail(store, new AuditQuery(), 3);
            Assert.Equal(new[] { "m3", "m4", "m5" }, tail.Poll(ahead, CancellationToken.None).Select(e => e.Message));
            Assert.True(ahead.OlderLeftOut);
            Assert.Contains("1 entry dated more than 24 hours after", ahead.FutureDatedWarning);
            Assert.Empty(tail.Poll(CancellationToken.None)); // and not returned later as new
            var huge = new ReadStats();
            Assert.Equal(5, new PostgresTail(store, new AuditQuery(), int.MaxValue).Poll(huge, CancellationToken.None).Count);
            Assert.False(huge.OlderLeftOut);
        }

        [SkippableFact]
        public void Retain_RemovesWholeWriterLocalDaysOlderThanTheLimit()
        {
            using var db = new TestDatabase();
            var store = new PostgresAuditStore(db.Target);
            var plus2 = TimeSpan.FromHours(2);
            store.InsertMany(new[]
            {
                Entry("a", "INFO", new DateTimeOffset(2026, 10, 1, 0, 30, 0, plus2)),  // Oct 1 for its writer (Sep 30 UTC)
                Entry("a", "INFO", new DateTimeOffset(2026, 10, 1, 23, 59, 0, plus2)),
                Entry("a", "INFO", new DateTimeOffset(2026, 10, 2, 0, 0, 0, plus2)),
                Entry("a", "INFO", new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)),
            });
            // 30 days before Nov 1 is Oct 2: days before Oct 2 go.
            var plan = store.Retain(30, new DateTime(2026, 11, 1), remove: false);
            Assert.Equal(new DateTime(2026, 10, 1), plan.Single().Day);
            Assert.Equal(2, plan.Single().Entries);
            Assert.Equal(4L, store.Count(new AuditQuery())); // -WhatIf removed nothing
            store.Retain(30, new DateTime(2026, 11, 1), remove: true);
            Assert.Equal(2L, store.Count(new AuditQuery()));
        }

        [SkippableFact]
        public void Verify_FindsARowEditedAfterItWasWritten()
        {
            using var db = new TestDatabase();
            var store = new PostgresAuditStore(db.Target);
            store.InsertMany(new[] { Entry("a", "ERROR", Now), Entry("b", "INFO", Now) });
            Assert.True(store.Verify().IsValid);
            db.Sql("UPDATE repricing.audit_entry SET status = 'INFO' WHERE user_name = 'a'");
            IntegrityReport r = store.Verify();
            Assert.Equal(2, r.Entries);
            Assert.Equal(1, r.ChainBreaks);
            Assert.False(r.IsValid);
        }

        [SkippableFact]
        public void Copy_LegacyAndNewFormat_KeepsTheFolderReadersEntryIds_AndASecondRunAddsNothing()
        {
            using var db = new TestDatabase();
            using var t = new TempDir();
            Fixtures.WriteLegacy(t.Combine("jdoe", "Audit_Log.csv"),
                "Timestamp,User,Script,Message,Status\r\n" +
                "2026-11-01 10:00:00,jdoe,merge.py,\"USER ERROR - FILE_NOT_FOUND | User: jdoe on PC | Error: x, y\",USER_ERROR\r\n" +
                "2026-11-01 10:01:00,jdoe,merge.py,Processing,INFO\r\n" +
                "not a row\r\n");
            AuditLocation location = Fixtures.Location(t.Path);
            Fixtures.Log(location, user: "alice").Write(new AuditEntry { Script = "Invoke-Repricing", Status = "INFO", Message = "new format" });
            List<AuditEntry> folder = Fixtures.ReadAll(location);
            Assert.Equal(3, folder.Count);

            AuditCopyResult first = PostgresCopy.Copy(location, db.Target, null, CancellationToken.None);
            Assert.Equal(3, first.Read);
            Assert.Equal(3, first.Copied);
            Assert.Equal(0, first.AlreadyPresent);
            Assert.Equal(1, first.MalformedRows);
            AuditCopyResult second = PostgresCopy.Copy(location, db.Target, null, CancellationToken.None);
            Assert.Equal(3, second.Read);
            Assert.Equal(0, second.Copied);
            Assert.Equal(3, second.AlreadyPresent);

            List<AuditEntry> stored = new PostgresAuditStore(db.Target).Query(new AuditQuery(), new ReadStats());
            Assert.Equal(folder.Select(e => e.EntryId).OrderBy(x => x, StringComparer.Ordinal), stored.Select(e => e.EntryId).OrderBy(x => x, StringComparer.Ordinal));
            Assert.Equal(folder.Select(e => e.Message), stored.Select(e => e.Message));
            Assert.Equal(folder.Select(e => e.Timestamp), stored.Select(e => e.Timestamp));
        }
    }
}
