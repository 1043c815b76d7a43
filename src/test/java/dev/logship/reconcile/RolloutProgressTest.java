package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recheck schedule as a function of a fake clock: no sleeps, exact times. */
class RolloutProgressTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final RolloutProgress progress = new RolloutProgress(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(10));

    @Test
    void aRolloutWithoutProgressIsRecheckedAfter2DoublingTo60SecondsAndIsStuckAtExactly10Minutes() {
        List<Long> looks = new ArrayList<>();
        Instant now = T0;
        RolloutProgress.Verdict verdict = progress.observe("prod", "0/3 running", now);
        while (!verdict.stuck()) {
            now = now.plus(verdict.recheckAfter());
            looks.add(Duration.between(T0, now).toSeconds());
            verdict = progress.observe("prod", "0/3 running", now);
        }
        assertThat(looks).containsExactly(2L, 6L, 14L, 30L, 62L, 122L, 182L, 242L, 302L, 362L, 422L, 482L, 542L, 600L);
        assertThat(verdict.sinceProgress()).isEqualTo(Duration.ofMinutes(10));
        // stuck, it is still looked at, every 60 s, and stays stuck while nothing moves
        RolloutProgress.Verdict later = progress.observe("prod", "0/3 running", now.plusSeconds(60));
        assertThat(later.recheckAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(later.stuck()).isTrue();
    }

    @Test
    void anyChangeInWhatEcsReportsIsProgressAndStartsTheRechecksOver() {
        progress.observe("prod", "0/3 running", T0);
        progress.observe("prod", "0/3 running", T0.plusSeconds(2));
        progress.observe("prod", "0/3 running", T0.plusSeconds(6));
        RolloutProgress.Verdict moved = progress.observe("prod", "1/3 running", T0.plusSeconds(14));
        assertThat(moved.recheckAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(moved.sinceProgress()).isZero();
        RolloutProgress.Verdict recovered = progress.observe("prod", "2/3 running", T0.plusSeconds(3600));
        assertThat(recovered.stuck()).isFalse();
    }

    @Test
    void clustersAreTrackedApartAndASettledRolloutStartsAfresh() {
        progress.observe("prod", "x", T0);
        assertThat(progress.observe("prod", "x", T0.plusSeconds(2)).recheckAfter()).isEqualTo(Duration.ofSeconds(4));
        assertThat(progress.observe("staging", "x", T0.plusSeconds(2)).recheckAfter()).isEqualTo(Duration.ofSeconds(2));
        progress.settled("prod");
        RolloutProgress.Verdict fresh = progress.observe("prod", "x", T0.plusSeconds(3600));
        assertThat(fresh.recheckAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(fresh.stuck()).isFalse();
    }
}
