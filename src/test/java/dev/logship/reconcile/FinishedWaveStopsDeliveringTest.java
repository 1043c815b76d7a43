package dev.logship.reconcile;

import static dev.logship.reconcile.EcsRolloutRig.GOOD;
import static dev.logship.reconcile.EcsRolloutRig.GOOD_2;
import static dev.logship.reconcile.EcsRolloutRig.commit;
import static dev.logship.reconcile.EcsRolloutRig.healthyOn;
import static dev.logship.reconcile.EcsRolloutRig.phaseOf;
import static dev.logship.reconcile.EcsRolloutRig.stateOf;
import static dev.logship.reconcile.EcsRolloutRig.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.delivery.ClusterDelivery;
import dev.logship.delivery.DeliveryState;
import dev.logship.delivery.ForwarderDelivery;
import dev.logship.model.Snapshot;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.RolloutClock;
import dev.logship.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rollout gated on delivery, in flight, whose canary (a finished wave) stops delivering while the
 * middle wave bakes: real controller, real SDK, local-ecs over HTTP, delivery judgements handed to
 * the controller as serve's monitor hands them, the rollout clock moved by hand. The canary is
 * treated as one that went Degraded: the last wave is not started while the canary delivers badly,
 * and once that has lasted the window the rollout halts and rolls back both clusters it moved.
 */
class FinishedWaveStopsDeliveringTest {
    static final Map<String, String> WAVES = Map.of("c01", "canary", "c02", "middle", "c03", "last");
    static final String POLICY = """
            waves:
              - {name: canary, selector: {ring: canary}}
              - {name: middle, selector: {ring: middle}}
              - {name: last, selector: {ring: last}}
            bakeTime: 10m
            requireDelivery: true
            deliveryWindow: 5m
            onFailure: rollback
            """;

    private final HandClock clock = new HandClock(Instant.parse("2026-12-07T12:00:00Z"));

    private static Map<String, ClusterDelivery> failing(String cluster) {
        ForwarderDelivery f = new ForwarderDelivery(cluster, "logs", DeliveryState.DeliveryFailing,
                "route syslog.0 failing on 2 of 2 nodes", List.of(), List.of(), 2, 2, 0);
        return Map.of(cluster, new ClusterDelivery(cluster, DeliveryState.DeliveryFailing, List.of(f), 2, 0, 0));
    }

    /** Moves the rollout clock by {@code rest}, past {@code cluster}'s bake, and runs it (what its bake-end timer does). */
    private void bakeOut(Controller serve, String commit, String cluster, Duration rest) {
        waitUntil(cluster + " bakes", () -> phaseOf(serve, commit, cluster) == Phase.BAKING);
        clock.advance(rest);
        serve.syncCluster(cluster, "bake end");
        waitUntil(cluster + " is done", () -> phaseOf(serve, commit, cluster) == Phase.DONE);
    }

    @Test
    void aCanaryThatStopsDeliveringAfterItsBakeHoldsTheLastWaveThenHaltsAndRollsBack() throws Exception {
        try (EcsRolloutRig rig = new EcsRolloutRig(Map.of("c01", 2, "c02", 2, "c03", 2))) {
            rig.head.set(commit("a", GOOD, WAVES, POLICY));
            Controller serve = rig.controller(s -> s.withRolloutClock(RolloutClock.scaled(clock, null, 1)));
            for (String cluster : List.of("c01", "c02", "c03")) { // A everywhere: where a rollback of B returns
                bakeOut(serve, "aaaa", cluster, Duration.ofMinutes(10).plusSeconds(1));
            }
            waitUntil("A runs everywhere", () -> stateOf(serve, "aaaa") == Rollout.State.DONE && healthyOn(serve, "c03", "aaaa"));
            String before = rig.service("c01").taskDefinition();
            Snapshot next = commit("b", GOOD_2, WAVES, POLICY);
            rig.head.set(next);
            serve.syncSource("push");
            bakeOut(serve, "bbbb", "c01", Duration.ofMinutes(10).plusSeconds(1));
            waitUntil("c02 runs B", () -> phaseOf(serve, "bbbb", "c02") == Phase.BAKING);
            rig.ecs.resetCallCounts();

            clock.advance(Duration.ofMinutes(8));
            serve.deliveryJudged(failing("c01")); // the canary's route fails; its wave finished 8 minutes ago
            bakeOut(serve, "bbbb", "c02", Duration.ofMinutes(2).plusSeconds(1)); // 2 of the window's 5 minutes
            waitUntil("the runs are over", serve::isIdle);
            assertThat(phaseOf(serve, "bbbb", "c03")).as("nothing moves while c01 does not deliver").isEqualTo(Phase.PENDING);
            assertThat(stateOf(serve, "bbbb")).isEqualTo(Rollout.State.RUNNING);

            clock.advance(Duration.ofMinutes(3)); // the window (5m) has passed since c01 went failing
            serve.syncCluster("c01", "window end");
            waitUntil("the rollout halts", () -> stateOf(serve, "bbbb") == Rollout.State.HALTED);
            waitUntil("c01 and c02 are rolled back", () -> phaseOf(serve, "bbbb", "c01") == Phase.ROLLED_BACK
                    && phaseOf(serve, "bbbb", "c02") == Phase.ROLLED_BACK);
            assertThat(rig.service("c01").taskDefinition()).isEqualTo(before);
            String reason = serve.rollouts().get(0).haltReason();
            System.out.println("halt reason: " + reason + "; mutating calls c01 " + rig.mutatingCalls("c01") + ", c02 "
                    + rig.mutatingCalls("c02") + ", c03 " + rig.mutatingCalls("c03"));
            assertThat(reason).startsWith("cluster c01 stopped delivering in finished wave 1 (canary): DeliveryFailing for at "
                    + "least 300 s after its bake").contains("route syslog.0 failing");
            assertThat(serve.events()).anyMatch(e -> e.type().equals("Halted") && e.message().contains("DeliveryFailing"));
            assertThat(rig.mutatingCalls("c03")).as("the last wave is never touched").isZero();
            assertThat(phaseOf(serve, "bbbb", "c03")).isEqualTo(Phase.PENDING);
        }
    }
}
