package dev.logship.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RolloutClockTest {
    /** A real clock the test moves by hand. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-11-30T16:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void startsAtTheGivenInstantAndRunsScaleTimesAsFast() {
        Hand real = new Hand();
        RolloutClock clock = RolloutClock.scaled(real, Instant.parse("2030-01-07T08:55:00Z"), 60);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-07T08:55:00Z"));
        real.now = real.now.plusSeconds(5);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-07T09:00:00Z"));
        real.now = real.now.plusMillis(500);
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-07T09:00:30Z"));
        assertThat(clock.isScaled()).isTrue();
    }

    @Test
    void realDelayUntilAnInstantIsItsDistanceDividedByTheScale() {
        Hand real = new Hand();
        RolloutClock clock = RolloutClock.scaled(real, null, 60);
        assertThat(clock.instant()).isEqualTo(real.now);
        assertThat(clock.realDelayUntil(clock.instant().plus(Duration.ofMinutes(2)))).isEqualTo(Duration.ofSeconds(2));
        assertThat(clock.realDelayUntil(clock.instant().minusSeconds(1))).isEqualTo(Duration.ZERO);
        real.now = real.now.plusSeconds(1);
        assertThat(clock.realDelayUntil(real.now.plus(Duration.ofMinutes(1)).minusSeconds(60))).isEqualTo(Duration.ZERO);
    }

    @Test
    void withoutScaleOrStartItIsRealTime() {
        Hand real = new Hand();
        RolloutClock clock = RolloutClock.scaled(real, null, 1);
        real.now = real.now.plusSeconds(90);
        assertThat(clock.instant()).isEqualTo(real.now);
        assertThat(clock.realDelayUntil(real.now.plusSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(clock.isScaled()).isFalse();
        assertThat(RolloutClock.system().isScaled()).isFalse();
    }

    @Test
    void scaleMustBePositive() {
        assertThatThrownBy(() -> RolloutClock.scaled(new Hand(), null, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> RolloutClock.scaled(new Hand(), null, Double.NaN)).hasMessageContaining("positive");
    }
}
