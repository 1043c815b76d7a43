package dev.logship.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.rollout.RolloutClock;
import dev.logship.testkit.HandClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clock.json: a scaled rollout clock restarted on the same data directory (a new clock, as a new
 * serve process makes one) continues the scaled time of the one before, by exactly the real time
 * that passed meanwhile times the scale: no jump back to the start, none ahead.
 */
class ClockAnchorFileTest {
    private static final Instant REAL = Instant.parse("2026-12-08T00:00:00Z");
    private static final Instant ASKED = Instant.parse("2030-01-07T08:55:00Z");
    private static final double SCALE = 60;

    @TempDir
    Path dataDir;

    private final HandClock real = new HandClock(REAL);

    @Test
    void aRestartContinuesScaledTimeByTheRealTimeBetweenTimesTheScale() {
        RolloutClock first = ClockAnchorFile.continued(dataDir, RolloutClock.scaled(real, ASKED, SCALE));
        real.advance(Duration.ofSeconds(10));
        Instant beforeKill = first.instant();
        assertThat(beforeKill).isEqualTo(ASKED.plus(Duration.ofMinutes(10)));

        real.advance(Duration.ofSeconds(7)); // serve is down for 7 real seconds
        RolloutClock fresh = RolloutClock.scaled(real, ASKED, SCALE);
        RolloutClock restarted = ClockAnchorFile.continued(dataDir, fresh);

        assertThat(fresh.instant()).as("without the anchor the clock would jump back to the asked start").isEqualTo(ASKED);
        assertThat(restarted.instant()).isEqualTo(beforeKill.plus(Duration.ofSeconds(7 * (long) SCALE)));
        real.advance(Duration.ofSeconds(1));
        assertThat(restarted.instant()).as("and runs on at the same scale").isEqualTo(beforeKill.plus(Duration.ofSeconds(8 * (long) SCALE)));
        assertThat(restarted.realDelayUntil(restarted.instant().plusSeconds(60))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withoutAnAskedStartTheRestartedClockDoesNotFallBackToRealTime() {
        RolloutClock first = ClockAnchorFile.continued(dataDir, RolloutClock.scaled(real, null, SCALE));
        real.advance(Duration.ofSeconds(30));
        Instant beforeKill = first.instant();
        real.advance(Duration.ofSeconds(2));

        RolloutClock restarted = ClockAnchorFile.continued(dataDir, RolloutClock.scaled(real, null, SCALE));

        // a clock started again at the real time now would be 30 x 59 s behind the times it saved
        assertThat(restarted.instant()).isEqualTo(beforeKill.plus(Duration.ofSeconds(2 * (long) SCALE)));
        assertThat(Duration.between(beforeKill, restarted.instant())).isEqualTo(Duration.ofSeconds(2 * (long) SCALE));
    }

    @Test
    void anotherScaleOrStartStartsTheClockAnewAndKeepsItsAnchorFromThen() {
        ClockAnchorFile.continued(dataDir, RolloutClock.scaled(real, ASKED, SCALE));
        real.advance(Duration.ofSeconds(10));

        RolloutClock faster = ClockAnchorFile.continued(dataDir, RolloutClock.scaled(real, ASKED, 120));
        assertThat(faster.instant()).isEqualTo(ASKED);
        real.advance(Duration.ofSeconds(1));
        RolloutClock again = ClockAnchorFile.continued(dataDir, RolloutClock.scaled(real, ASKED, 120));
        assertThat(again.instant()).isEqualTo(ASKED.plusSeconds(120));

        Instant later = ASKED.plus(Duration.ofDays(1));
        assertThat(ClockAnchorFile.continued(dataDir, RolloutClock.scaled(real, later, 120)).instant()).isEqualTo(later);
    }

    @Test
    void realTimeKeepsNoAnchor() {
        RolloutClock plain = RolloutClock.scaled(real, null, 1);
        assertThat(ClockAnchorFile.continued(dataDir, plain)).isSameAs(plain);
        assertThat(dataDir.resolve(ClockAnchorFile.NAME)).doesNotExist();
    }

    @Test
    void anUnreadableAnchorIsSetAsideAndTheClockStartsAnew() throws Exception {
        Files.writeString(dataDir.resolve(ClockAnchorFile.NAME), "{\"format\": 1, \"scale\": ");

        RolloutClock clock = ClockAnchorFile.continued(dataDir, RolloutClock.scaled(real, ASKED, SCALE));

        assertThat(clock.instant()).isEqualTo(ASKED);
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith(ClockAnchorFile.NAME + ".unreadable-"));
        }
        real.advance(Duration.ofSeconds(1));
        assertThat(ClockAnchorFile.continued(dataDir, RolloutClock.scaled(real, ASKED, SCALE)).instant())
                .as("the new anchor is kept").isEqualTo(ASKED.plusSeconds(60));
    }
}
