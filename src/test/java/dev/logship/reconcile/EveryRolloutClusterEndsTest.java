package dev.logship.reconcile;

import static dev.logship.reconcile.EcsRolloutRig.GOOD;
import static dev.logship.reconcile.EcsRolloutRig.commit;
import static dev.logship.reconcile.EcsRolloutRig.stateOf;
import static dev.logship.reconcile.EcsRolloutRig.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 holes 4 and 7 against local-ecs: a canary whose ECS cluster is missing, or has no
 * nodes, never proves the commit Healthy; after --rollout-timeout (1 s here) it is Degraded
 * (RolloutStuck) and the rollout halts with a notice, instead of staying in flight forever or
 * passing its wave with nothing running. Wave 2 is never touched.
 */
class EveryRolloutClusterEndsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void aCanaryWhoseEcsClusterIsMissingEndsStuckAndHaltsTheRollout() throws Exception {
        try (EcsRolloutRig rig = new EcsRolloutRig(Map.of("c02", 2))) { // c01's ECS cluster does not exist
            rig.head.set(commit("a", GOOD, "rollback"));
            Controller serve = rig.controller(TIMEOUT);
            waitUntil("the rollout halts", () -> stateOf(serve, "aaaa") == Rollout.State.HALTED);
            Rollout halted = serve.rollouts().get(0);
            assertThat(halted.clusters().get("c01").phase()).isEqualTo(Phase.FAILED);
            assertThat(halted.haltReason()).contains("RolloutStuck").contains("c01");
            assertThat(halted.clusters().get("c02").phase()).isEqualTo(Phase.PENDING);
            assertThat(serve.events()).anyMatch(e -> e.type().equals("Halted"));
            assertThat(rig.ecs.mutatingCallCountsByCluster()).doesNotContainKey("c02");
        }
    }

    @Test
    void aCanaryWithoutNodesIsNotHealthyForItsWave() throws Exception {
        try (EcsRolloutRig rig = new EcsRolloutRig(Map.of("c01", 0, "c02", 2))) {
            rig.head.set(commit("a", GOOD, "rollback"));
            Controller serve = rig.controller(TIMEOUT);
            waitUntil("the rollout halts", () -> stateOf(serve, "aaaa") == Rollout.State.HALTED);
            Rollout halted = serve.rollouts().get(0);
            assertThat(halted.haltReason()).contains("RolloutStuck").contains("no ECS nodes");
            assertThat(halted.clusters().get("c02").phase()).isEqualTo(Phase.PENDING);
            assertThat(rig.ecs.mutatingCallCountsByCluster()).doesNotContainKey("c02");
        }
    }
}
