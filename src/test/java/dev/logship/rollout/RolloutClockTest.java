package dev.logship.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RolloutClockTest {
    private static final Instant START = Instant.parse("2026-11-30T16:00:00Z");

    @Test
    void startsAtTheGivenInstantAndRunsScaleTimesAsFast() {
        HandClock real = new HandClock(START);
        RolloutClock clock = RolloutClock.scaled(real, Instant.parse("2030-01-07T08:55:00Z"), 60);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-07T08:55:00Z"));
        real.advance(Duration.ofSeconds(5));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-07T09:00:00Z"));
        real.advance(Duration.ofMillis(500));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-07T09:00:30Z"));
        assertThat(clock.isScaled()).isTrue();
    }

    @Test
    void realDelayUntilAnInstantIsItsDistanceDividedByTheScale() {
        HandClock real = new HandClock(START);
        RolloutClock clock = RolloutClock.scaled(real, null, 60);
        assertThat(clock.instant()).isEqualTo(real.instant());
        assertThat(clock.realDelayUntil(clock.instant().plus(Duration.ofMinutes(2)))).isEqualTo(Duration.ofSeconds(2));
        assertThat(clock.realDelayUntil(clock.instant().minusSeconds(1))).isEqualTo(Duration.ZERO);
        real.advance(Duration.ofSeconds(1));
        assertThat(clock.realDelayUntil(real.instant().plus(Duration.ofMinutes(1)).minusSeconds(60))).isEqualTo(Duration.ZERO);
    }

    @Test
    void withoutScaleOrStartItIsRealTime() {
        HandClock real = new HandClock(START);
        RolloutClock clock = RolloutClock.scaled(real, null, 1);
        real.advance(Duration.ofSeconds(90));
        assertThat(clock.instant()).isEqualTo(real.instant());
        assertThat(clock.realDelayUntil(real.instant().plusSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(clock.isScaled()).isFalse();
        assertThat(RolloutClock.system().isScaled()).isFalse();
    }

    @Test
    void scaleMustBePositive() {
        assertThatThrownBy(() -> RolloutClock.scaled(new HandClock(START), null, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> RolloutClock.scaled(new HandClock(START), null, Double.NaN)).hasMessageContaining("positive");
    }
}
