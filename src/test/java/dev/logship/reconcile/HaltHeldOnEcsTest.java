package dev.logship.reconcile;

import static dev.logship.reconcile.EcsRolloutRig.CRASHING;
import static dev.logship.reconcile.EcsRolloutRig.GOOD;
import static dev.logship.reconcile.EcsRolloutRig.commit;
import static dev.logship.reconcile.EcsRolloutRig.healthyOn;
import static dev.logship.reconcile.EcsRolloutRig.phaseOf;
import static dev.logship.reconcile.EcsRolloutRig.stateOf;
import static dev.logship.reconcile.EcsRolloutRig.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.TestSnapshots;
import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 holes 1, 2 and 6: a halt is recorded on the ECS resources themselves, so neither a
 * restart of serve with an empty data directory nor the same commit accepted again applies a
 * halted commit to a cluster it was rolled back from; and a halted rollout's clusters get no
 * mutating call, so an operator's manual fix is shown as drift and left alone.
 */
class HaltHeldOnEcsTest {

    /** A rolled back, then a fresh controller (empty data dir) over the same bad commit. */
    @Test
    void aRestartWithAnEmptyDataDirNeverAppliesTheHaltedCommitAgain() throws Exception {
        try (EcsRolloutRig rig = new EcsRolloutRig()) {
            rig.head.set(commit("a", GOOD, "rollback"));
            Controller first = rig.controller();
            waitUntil("A is Healthy on both", () -> healthyOn(first, "c01", "aaaa") && healthyOn(first, "c02", "aaaa"));
            String goodRevision = rig.service("c01").taskDefinition();

            Snapshot bad = commit("b", CRASHING, "rollback");
            rig.head.set(bad);
            first.syncSource("push");
            waitUntil("B halts and c01 is rolled back", () -> phaseOf(first, "bbbb", "c01") == Phase.ROLLED_BACK);
            assertThat(rig.service("c01").taskDefinition()).isEqualTo(goodRevision);
            assertThat(rig.tags("c01")).containsEntry("logship.dev/halted", bad.revision().id());
            assertThat(first.events()).anyMatch(e -> e.type().equals("HaltRecorded") && "c01".equals(e.cluster()));
            first.close();

            rig.ecs.resetCallCounts();
            Controller restarted = rig.controller();
            waitUntil("the restarted serve's rollout of B halts", () -> stateOf(restarted, "bbbb") == Rollout.State.HALTED);
            waitUntil("c01 has been looked at", () -> restarted.events().stream().anyMatch(e -> e.type().equals("HaltHeld")));
            assertThat(rig.ecs.mutatingCallCounts()).as("no mutating call after the restart").isEmpty();
            assertThat(rig.service("c01").taskDefinition()).isEqualTo(goodRevision);
            assertThat(phaseOf(restarted, "bbbb", "c02")).isEqualTo(Phase.PENDING);
            assertThat(restarted.rollouts().get(0).haltReason()).contains("was halted on this cluster");

            // Resume: the operator asks for B again, and gets it (the halt record goes with it)
            assertThat(restarted.resumeRollouts()).isTrue();
            waitUntil("c01 runs B again", () -> !rig.service("c01").taskDefinition().equals(goodRevision));
        }
    }

    /** Hole 6: B halted, then an invalid commit (stalled), then B again (the undo): B stays halted. */
    @Test
    void theSameCommitAcceptedAgainStaysHaltedWithoutResume() throws Exception {
        try (EcsRolloutRig rig = new EcsRolloutRig()) {
            rig.head.set(commit("a", GOOD, "rollback"));
            Controller serve = rig.controller();
            waitUntil("A is Healthy on both", () -> healthyOn(serve, "c01", "aaaa") && healthyOn(serve, "c02", "aaaa"));
            String goodRevision = rig.service("c01").taskDefinition();
            Snapshot bad = commit("b", CRASHING, "rollback");
            rig.head.set(bad);
            serve.syncSource("push");
            waitUntil("c01 is rolled back", () -> phaseOf(serve, "bbbb", "c01") == Phase.ROLLED_BACK);

            rig.head.set(new Snapshot(new Revision("d".repeat(40), "broken"), TestSnapshots.of("x.yaml", "kind: [").files()));
            serve.syncSource("push");
            waitUntil("D stalls", () -> serve.events().stream().anyMatch(e -> e.type().equals("Stalled")));
            rig.ecs.resetCallCounts();
            rig.head.set(bad);
            serve.syncSource("undo");
            waitUntil("B is accepted again", () -> serve.events().stream().filter(e -> e.type().equals("NewRevision")).count() == 3);
            serve.syncAll("resync");
            waitUntil("the runs are over", serve::isIdle);
            assertThat(stateOf(serve, "bbbb")).isEqualTo(Rollout.State.HALTED);
            assertThat(rig.ecs.mutatingCallCounts()).as("B is not applied again without Resume").isEmpty();
            assertThat(rig.service("c01").taskDefinition()).isEqualTo(goodRevision);
        }
    }

    /** Hole 2: onFailure halt leaves c01 on B; the operator's manual fix is shown as drift and left alone. */
    @Test
    void aHaltedRolloutLeavesAnOperatorsManualFixAlone() throws Exception {
        try (EcsRolloutRig rig = new EcsRolloutRig()) {
            rig.head.set(commit("a", GOOD, "halt"));
            Controller serve = rig.controller();
            waitUntil("A is Healthy on both", () -> healthyOn(serve, "c01", "aaaa") && healthyOn(serve, "c02", "aaaa"));
            String goodRevision = rig.service("c01").taskDefinition();
            rig.head.set(commit("b", CRASHING, "halt"));
            serve.syncSource("push");
            waitUntil("B halts on c01", () -> stateOf(serve, "bbbb") == Rollout.State.HALTED);
            waitUntil("the runs are over", serve::isIdle);
            assertThat(rig.service("c01").taskDefinition()).isNotEqualTo(goodRevision);

            // aws ecs update-service --task-definition <A's revision>: the operator's fix
            rig.sdk.updateService(r -> r.cluster("c01").service(rig.service("c01").serviceArn()).taskDefinition(goodRevision));
            rig.ecs.resetCallCounts();
            serve.syncCluster("c01", "resync");
            waitUntil("the drift is shown", () -> serve.events().stream().anyMatch(e -> e.type().equals("DriftDetected")
                    && "c01".equals(e.cluster())));
            waitUntil("the runs are over", serve::isIdle);
            assertThat(rig.ecs.mutatingCallCounts()).as("a halted rollout's cluster gets no mutating call").isEmpty();
            assertThat(rig.service("c01").taskDefinition()).isEqualTo(goodRevision);
            assertThat(serve.cluster("c01").orElseThrow().syncStatus()).isEqualTo(SyncStatus.OutOfSync);
        }
    }
}
