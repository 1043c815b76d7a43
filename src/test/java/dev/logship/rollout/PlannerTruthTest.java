package dev.logship.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.MaxConcurrent;
import dev.logship.model.RolloutPolicy;
import dev.logship.model.Wave;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 holes 3, 4 and 7 at the planner: health that predates a commit is not the commit's
 * fault, a stuck canary halts the rollout, and RolledBack is said only of what was rolled back.
 */
class PlannerTruthTest {
    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    static final Duration BAKE = Duration.ofMinutes(10);
    static final RolloutPolicy POLICY = new RolloutPolicy("rings", List.of(
            new Wave("canary", Map.of("ring", "canary"), new MaxConcurrent(1, false)),
            new Wave("staging", Map.of("ring", "staging"), MaxConcurrent.UNLIMITED)), BAKE, RolloutPolicy.OnFailure.ROLLBACK, List.of());

    private final Planner planner = new Planner(POLICY, PlannerTest.CRON);
    private final Map<String, Observation> seen = new HashMap<>();

    private Observation obs(String name, String ring, ClusterHealth health, boolean needsChange) {
        return new Observation(name, Map.of("ring", ring), health, needsChange, health == ClusterHealth.DEGRADED ? "it was already Degraded" : "");
    }

    private Rollout start() {
        return planner.start("c".repeat(40), List.of(obs("c1", "canary", ClusterHealth.PROGRESSING, true),
                obs("s1", "staging", ClusterHealth.PROGRESSING, true), obs("s2", "staging", ClusterHealth.PROGRESSING, true)), T0);
    }

    @Test
    void aDegradedClusterTheCommitDoesNotChangeNeitherHaltsNorWaits() {
        Decision d = planner.step(start(), seen, T0);
        assertThat(d.apply()).containsExactly("c1");
        // s1 was Degraded before this commit, which changes nothing there; s2 too is unchanged
        seen.put("s1", obs("s1", "staging", ClusterHealth.DEGRADED, false));
        seen.put("s2", obs("s2", "staging", ClusterHealth.HEALTHY, false));
        seen.put("c1", obs("c1", "canary", ClusterHealth.HEALTHY, true));
        d = planner.step(d.rollout(), seen, T0.plusSeconds(30));
        assertThat(d.rollout().state()).isEqualTo(Rollout.State.RUNNING);
        assertThat(d.rollBack()).isEmpty();
        assertThat(d.rollout().clusters().get("s1").phase()).isEqualTo(Phase.DONE);
        assertThat(d.rollout().clusters().get("s1").changed()).isFalse();
        assertThat(d.notices()).noneMatch(n -> n.event().equals("Degraded") || n.event().equals("Halted"));

        // the wave of unchanged clusters does not wait out wave 1's bake: the rollout ends when c1 has baked
        d = planner.step(d.rollout(), seen, T0.plusSeconds(30).plus(BAKE));
        assertThat(d.rollout().state()).isEqualTo(Rollout.State.DONE);
        assertThat(d.apply()).isEmpty();
    }

    @Test
    void aStuckCanaryHaltsTheRolloutWithANotice() {
        Decision d = planner.step(start(), seen, T0);
        seen.put("c1", new Observation("c1", Map.of("ring", "canary"), ClusterHealth.DEGRADED, true,
                "RolloutStuck: no progress for 10m (ECS cluster c1 not found)"));
        d = planner.step(d.rollout(), seen, T0.plus(Duration.ofMinutes(10)));
        assertThat(d.rollout().state()).isEqualTo(Rollout.State.HALTED);
        assertThat(d.notices()).extracting(Notice::event).contains("Degraded", "Halted");
        assertThat(d.rollout().haltReason()).contains("RolloutStuck");
    }

    @Test
    void aClusterWithoutAnEarlierHealthyCommitIsNotRolledBack() {
        Decision d = planner.step(start(), seen, T0);
        seen.put("c1", obs("c1", "canary", ClusterHealth.DEGRADED, true));
        d = planner.step(d.rollout(), seen, T0.plusSeconds(60), cluster -> false);
        assertThat(d.rollout().state()).isEqualTo(Rollout.State.HALTED);
        assertThat(d.rollBack()).isEmpty();
        assertThat(d.rollout().clusters().get("c1").phase()).isEqualTo(Phase.FAILED);
        seen.put("c1", obs("c1", "canary", ClusterHealth.HEALTHY, true));
        d = planner.step(d.rollout(), seen, T0.plusSeconds(90), cluster -> false);
        assertThat(d.notices()).noneMatch(n -> n.event().equals("RolledBack"));
    }

    @Test
    void aClusterThatRecordsTheHaltOfThisCommitFailsWithoutAChangeAndHaltsTheRollout() {
        Decision d = planner.step(start(), seen, T0);
        seen.put("c1", obs("c1", "canary", ClusterHealth.HEALTHY, true).haltedHere("cccc was halted on this cluster"));
        d = planner.step(d.rollout(), seen, T0.plusSeconds(5));
        assertThat(d.rollout().state()).isEqualTo(Rollout.State.HALTED);
        assertThat(d.rollBack()).as("nothing was changed, nothing is rolled back").isEmpty();
        assertThat(d.rollout().clusters().get("c1").changed()).isFalse();
        assertThat(d.rollout().haltReason()).contains("was halted on this cluster");
    }
}
