package dev.logship.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.cron.CronSchedules;
import dev.logship.model.SyncWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Sync windows across the 2026 daylight-saving changes of Europe/Berlin and America/New_York. */
class WallClockWindowsTest {
    private static final CronTimes CRON = new CronTimes() {
        @Override
        public Optional<Instant> lastStart(String schedule, ZoneId zone, Instant at) {
            return CronSchedules.lastStart(schedule, zone, at);
        }

        @Override
        public Optional<Instant> nextStart(String schedule, ZoneId zone, Instant at) {
            return CronSchedules.nextStart(schedule, zone, at);
        }
    };

    private static Windows deny(String schedule, Duration duration, String zone) {
        return new Windows(List.of(new SyncWindow(SyncWindow.Kind.DENY, schedule, duration, zone)), CRON);
    }

    private static Instant at(String local, String zone) {
        return LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant();
    }

    /** The README's weekend freeze ends on Monday 08:00 local on every weekend of 2026, the two DST weekends included. */
    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York"})
    void theReadmesWeekendFreezeEndsMondayAtEightOnEveryWeekend(String zone) {
        Windows freeze = deny("0 18 * * 5", Duration.ofDays(2).plusHours(14), zone);
        ZoneId id = ZoneId.of(zone);
        LocalDate friday = LocalDate.of(2026, 1, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        int weekends = 0;
        for (; friday.getYear() == 2026; friday = friday.plusWeeks(1), weekends++) {
            Instant opens = friday.atTime(18, 0).atZone(id).toInstant();
            Instant monday8 = friday.plusDays(3).atTime(8, 0).atZone(id).toInstant();
            assertThat(freeze.allowed(opens.minusSeconds(60))).as("Friday 17:59 %s", friday).isTrue();
            assertThat(freeze.allowed(opens)).as("Friday 18:00 %s", friday).isFalse();
            assertThat(freeze.allowed(monday8.minusSeconds(60))).as("Monday 07:59 after %s", friday).isFalse();
            assertThat(freeze.allowed(monday8)).as("Monday 08:00 after %s", friday).isTrue();
            assertThat(freeze.nextAllowed(opens.plusSeconds(3600))).as("after %s", friday).contains(monday8);
        }
        assertThat(weekends).isEqualTo(52);
    }

    @Test
    void theBerlinFreezeOverBothTransitionsInUtc() {
        Windows freeze = deny("0 18 * * 5", Duration.ofDays(2).plusHours(14), "Europe/Berlin");
        // Clocks go forward on Sunday 29 March: Monday 08:00 CEST is 06:00 UTC (not 07:00 UTC = 09:00 CEST).
        assertThat(freeze.nextAllowed(Instant.parse("2026-03-28T12:00:00Z"))).contains(Instant.parse("2026-03-30T06:00:00Z"));
        // Clocks go back on Sunday 25 October: Monday 08:00 CET is 07:00 UTC (not 06:00 UTC = 07:00 CET).
        assertThat(freeze.nextAllowed(Instant.parse("2026-10-24T12:00:00Z"))).contains(Instant.parse("2026-10-26T07:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York"})
    void aStartInsideTheSpringForwardGapOpensAtTheFirstInstantAfterIt(String zone) {
        String day = zone.equals("Europe/Berlin") ? "2026-03-29" : "2026-03-08";
        Windows nightly = deny("30 2 * * *", Duration.ofHours(1), zone);
        Instant afterGap = at(day + "T03:00", zone); // 02:30 does not exist that night
        assertThat(nightly.allowed(afterGap.minusSeconds(1))).isTrue();
        assertThat(nightly.allowed(afterGap)).as("opens when the clock jumps to 03:00").isFalse();
        assertThat(nightly.allowed(at(day + "T03:29", zone))).isFalse();
        assertThat(nightly.allowed(at(day + "T03:30", zone))).as("ends at 02:30 + 1h on the wall clock").isTrue();
        assertThat(nightly.nextAllowed(afterGap)).contains(at(day + "T03:30", zone));
        // The night before and after, the same window opens at 02:30 as usual.
        LocalDate before = LocalDate.parse(day).minusDays(1);
        assertThat(nightly.allowed(at(before + "T02:30", zone))).isFalse();
        assertThat(nightly.allowed(at(before.plusDays(2) + "T02:30", zone))).isFalse();
        assertThat(nightly.allowed(at(before.plusDays(2) + "T02:29", zone))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York"})
    void aStartInsideTheFallBackOverlapOpensOnceAtItsFirstOccurrence(String zone) {
        boolean berlin = zone.equals("Europe/Berlin");
        String schedule = berlin ? "30 2 * * *" : "30 1 * * *";
        Instant first = Instant.parse(berlin ? "2026-10-25T00:30:00Z" : "2026-11-01T05:30:00Z");
        Windows nightly = deny(schedule, Duration.ofMinutes(20), zone);
        assertThat(nightly.allowed(first.minusSeconds(60))).isTrue();
        assertThat(nightly.allowed(first)).isFalse();
        assertThat(nightly.nextAllowed(first)).contains(first.plus(Duration.ofMinutes(20)));
        // An hour later the wall clock shows the same time again: the window does not open a second time.
        assertThat(nightly.allowed(first.plus(Duration.ofHours(1)))).isTrue();
        assertThat(nightly.allowed(first.plus(Duration.ofMinutes(70)))).isTrue();
        // A window still open when the clock goes back ends at its wall-clock end, an hour later in elapsed time.
        Windows long_ = deny(schedule, Duration.ofMinutes(50), zone);
        Instant wallEnd = first.plus(Duration.ofMinutes(50)).plus(Duration.ofHours(1));
        assertThat(long_.allowed(first.plus(Duration.ofMinutes(70)))).as("second pass through the overlap").isFalse();
        assertThat(long_.nextAllowed(first.plusSeconds(60))).contains(wallEnd);
    }
}
