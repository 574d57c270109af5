using System;
using System.Linq;
using System.Threading;
using RepricingPS.Core.Audit;
using Xunit;

namespace RepricingPS.Core.Tests.Audit
{
    /// <summary>The writer and the service over the in-memory store: no disk, no server.</summary>
    public sealed class AuditServiceTests
    {
        [Fact]
        public void Writer_FillsIdentitySessionAndId_AndCapsFields_ThroughTheInterface()
        {
            var store = new InMemoryAuditStore();
            var now = new DateTimeOffset(2026, 11, 26, 14, 3, 5, 123, TimeSpan.FromHours(1)).AddTicks(4567);
            var log = new AuditWriter(store, TestAccess.Identity("jdoe", "PC1"), "session-1", () => now);
            log.Write(new AuditEntry { Script = "Invoke-Repricing", Details = new string('x', AuditWriter.FieldCap + 10) });
            AuditEntry e = store.Entries.Single();
            Assert.Equal("jdoe", e.User);
            Assert.Equal("PC1", e.Computer);
            Assert.Equal("session-1", e.SessionId);
            Assert.Equal(32, e.EntryId.Length);
            Assert.Equal("INFO", e.Status);
            Assert.Equal(new DateTimeOffset(2026, 11, 26, 14, 3, 5, 123, TimeSpan.FromHours(1)), e.Timestamp); // milliseconds kept, ticks dropped
            // Spec §2 field cap: the first 1,048,576 characters, then the count of those cut off (10).
            // At most FieldCap in all: the 30-character note leaves FieldCap - 30 kept, so 40 of the FieldCap + 10 are cut.
            Assert.Equal(new string('x', AuditWriter.FieldCap - 30) + "... [truncated: 40 characters]", e.Details);
        }

        [Fact]
        public void Service_QueriesSummarisesAndFollows_WhateverStoreIsBehindIt()
        {
            var store = new InMemoryAuditStore();
            AuditService audit = AuditService.Over(TestAccess.Location("/memory", "/memory-spool"), store);
            var t = DateTimeOffset.Now;
            var log = new AuditWriter(store, TestAccess.Identity("dan", "PC1"), "s", () => t);
            IAuditTail tail = audit.Follow(new AuditQuery(), 0);
            Assert.Empty(tail.Poll(new ReadStats(), CancellationToken.None));
            log.Write(new AuditEntry { Script = "a", Status = "FILE_ERROR" });
            log.Write(new AuditEntry { Script = "a", Status = "INFO" });
            Assert.Equal(2, tail.Poll(new ReadStats(), CancellationToken.None).Count);
            Assert.Empty(tail.Poll(new ReadStats(), CancellationToken.None));
            Assert.Single(audit.Query(new AuditQuery { ErrorsOnly = true, Users = new[] { "DAN" } }, new ReadStats(), null, CancellationToken.None));
            Assert.Empty(audit.Query(new AuditQuery { Users = new[] { "da" } }, new ReadStats(), null, CancellationToken.None));
            ErrorSummary s = audit.Summarize(new AuditQuery { Since = t.AddDays(-7) }, new ReadStats(), 7, 5, DateTimeOffset.Now, null, CancellationToken.None);
            Assert.Equal(2, s.TotalEntries);
            Assert.Equal(1, s.ErrorCount);
            Assert.Equal("memory", audit.Root);
        }
    }
}
