using System;
using RepricingPS.Core.Audit;
using Xunit;

namespace RepricingPS.Core.Tests.Audit
{
    /// <summary>The window rules of the query cmdlets (audit-log.md §8), each case worked out by hand.</summary>
    public class AuditQueryRequestTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

        [Fact]
        public void ThroughEndOfDay_Midnight_IsTheLastTickOfThatDay()
        {
            DateTime end = AuditQueryRequest.ThroughEndOfDay(new DateTime(2026, 11, 8, 0, 0, 0, DateTimeKind.Utc));
            Assert.Equal(new DateTime(2026, 11, 8, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999), end);
            Assert.Equal(DateTimeKind.Utc, end.Kind);
        }

        [Fact]
        public void ThroughEndOfDay_LastDayOfTheCalendar_IsTheLastTickThereIsWithoutOverflow()
        {
            DateTime end = AuditQueryRequest.ThroughEndOfDay(new DateTime(9999, 12, 31));
            Assert.Equal(DateTime.MaxValue, end);
            Assert.Equal(new DateTime(9999, 12, 31, 23, 59, 59).AddTicks(9_999_999), end);
        }

        [Fact]
        public void ThroughEndOfDay_ATimeOfDay_StaysAsGiven()
        {
            var oneSecondIn = new DateTime(2026, 11, 8, 0, 0, 1, DateTimeKind.Local);
            Assert.Equal(oneSecondIn, AuditQueryRequest.ThroughEndOfDay(oneSecondIn));
        }

        [Fact]
        public void ToQuery_UntilMidnightUtc_EndsAtTheEndOfThatDay()
        {
            AuditQuery q = new AuditQueryRequest { Until = new DateTime(2026, 11, 8, 0, 0, 0, DateTimeKind.Utc) }.ToQuery(Now);
            Assert.Equal(new DateTimeOffset(2026, 11, 8, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), q.Until);
            Assert.Null(q.Since);
        }

        [Fact]
        public void ToQuery_SinceNoonUntilThatSameDate_IsTheAfternoonNotAnEmptyWindow()
        {
            AuditQuery q = new AuditQueryRequest
            {
                Since = new DateTime(2026, 11, 8, 12, 0, 0, DateTimeKind.Utc),
                Until = new DateTime(2026, 11, 8, 0, 0, 0, DateTimeKind.Utc),
            }.ToQuery(Now);
            Assert.Equal(new DateTimeOffset(2026, 11, 8, 12, 0, 0, TimeSpan.Zero), q.Since);
            Assert.Equal(new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), q.Until);
        }

        [Fact]
        public void ToQuery_UntilLastDayOfTheCalendarUtc_IsTheLatestMoment()
        {
            AuditQuery q = new AuditQueryRequest
            {
                Since = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                Until = new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc),
            }.ToQuery(Now);
            Assert.Equal(DateTimeOffset.MaxValue, q.Until);
        }

        [Fact]
        public void ToQuery_UntilLastDayOfTheCalendarLocal_DoesNotThrowAndReachesTheLastSecond()
        {
            // In any zone the last local second of the calendar (9999-12-31 23:59:59) is inside the window, or the bound is the latest moment.
            AuditQuery q = new AuditQueryRequest { Until = new DateTime(9999, 12, 31) }.ToQuery(Now);
            Assert.NotNull(q.Until);
            Assert.True(q.Until!.Value.UtcDateTime >= new DateTime(9999, 12, 31, 23, 59, 59).Subtract(TimeSpan.FromHours(14)));
        }

        [Fact]
        public void ToQuery_Days7_IsTheRollingWindowOfTheLast168Hours()
        {
            AuditQuery q = new AuditQueryRequest { Days = 7 }.ToQuery(Now);
            Assert.Equal(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero), q.Since);
            Assert.Null(q.Until);
        }

        [Fact]
        public void ToQuery_DaysReachingBeforeYearOne_StartsAtTheEarliestMoment()
        {
            var early = new DateTimeOffset(1, 1, 5, 0, 0, 0, TimeSpan.Zero);
            AuditQuery q = new AuditQueryRequest { Days = 36500 }.ToQuery(early);
            Assert.Equal(DateTimeOffset.MinValue, q.Since);
        }

        [Fact]
        public void ToQuery_NoWindow_ReadsEverything()
        {
            AuditQuery q = new AuditQueryRequest().ToQuery(Now);
            Assert.Null(q.Since);
            Assert.Null(q.Until);
            Assert.Empty(q.Users);
            Assert.Empty(q.Statuses);
            Assert.Empty(q.Scripts);
            Assert.Empty(q.SessionIds);
            Assert.Null(q.Match);
        }

        [Fact]
        public void ToQuery_DaysAndSince_IsAUserErrorNamingBoth()
        {
            var ex = Assert.Throws<RepricingException>(() =>
                new AuditQueryRequest { Days = 7, Since = new DateTime(2026, 11, 1) }.ToQuery(Now));
            Assert.Equal(ErrorCategories.User, ex.Category);
            Assert.Equal("INVALID_PARAMETER", ex.ErrorType);
            Assert.Equal("DaysAndSince", ex.ErrorId);
            Assert.Equal("Use either -Days or -Since, not both.", ex.Message);
            Assert.Equal(7, ex.Target);
        }

        [Fact]
        public void ToQuery_SinceAfterUntil_IsAnEmptyWindowError()
        {
            var since = new DateTime(2026, 11, 9, 0, 0, 0, DateTimeKind.Utc);
            var ex = Assert.Throws<RepricingException>(() =>
                new AuditQueryRequest { Since = since, Until = new DateTime(2026, 11, 8, 0, 0, 0, DateTimeKind.Utc) }.ToQuery(Now));
            Assert.Equal(ErrorCategories.User, ex.Category);
            Assert.Equal("EmptyWindow", ex.ErrorId);
            Assert.Equal(since, ex.Target);
            Assert.StartsWith("-Since (", ex.Message);
        }

        [Fact]
        public void ToQuery_UserDan_MatchesDanInAnyCaseButNeverDanielOrJordan()
        {
            AuditQuery q = new AuditQueryRequest { Users = new[] { "dan" } }.ToQuery(Now);
            var filter = new RowFilter(q);
            Assert.True(filter.PassUser("dan"));
            Assert.True(filter.PassUser("DAN"));
            Assert.False(filter.PassUser("Daniel"));
            Assert.False(filter.PassUser("Jordan"));
        }

        [Fact]
        public void ToQuery_UserWildcard_MatchesByPattern()
        {
            var filter = new RowFilter(new AuditQueryRequest { Users = new[] { "dan*" } }.ToQuery(Now));
            Assert.True(filter.PassUser("Daniel"));
            Assert.False(filter.PassUser("Jordan"));
        }

        [Fact]
        public void ToQuery_SessionIdsAndMatch_PassThroughExactly()
        {
            AuditQuery q = new AuditQueryRequest { SessionIds = new[] { "a1b2" }, Match = "april", Statuses = new[] { "FILE_*" }, Scripts = new[] { "merge.py" } }.ToQuery(Now);
            Assert.Equal(new[] { "a1b2" }, q.SessionIds);
            Assert.Equal("april", q.Match);
            Assert.Equal(new[] { "FILE_*" }, q.Statuses);
            Assert.Equal(new[] { "merge.py" }, q.Scripts);
            var filter = new RowFilter(q);
            Assert.True(filter.PassMatch(new AuditEntry { SessionId = "a1b2", Message = "Imported the April file" }));
            Assert.False(filter.PassMatch(new AuditEntry { SessionId = "A1B2", Message = "Imported the April file" }));
        }
    }
}
