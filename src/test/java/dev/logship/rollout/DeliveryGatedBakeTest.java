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
 * Bakes gated on delivery, the planner as a function with a fake clock: a canary Healthy to ECS
 * whose records stop arriving fails its bake after the delivery window and rolls back; a blip
 * shorter than the window holds the bake without failing it; without requireDelivery delivery is ignored.
 * A cluster of a finished wave that stops delivering while the rollout runs is treated as one that
 * goes Degraded: nothing more moves while it delivers badly, and after the window the rollout halts.
 */
class DeliveryGatedBakeTest {
    static final Instant T0 = PlannerTest.T0;
    static final Duration BAKE = Duration.ofMinutes(10);
    static final Duration WINDOW = Duration.ofMinutes(2);

    private final Map<String, Observation> fleet = new HashMap<>();

    private static RolloutPolicy policy(boolean gated) {
        RolloutPolicy p = new RolloutPolicy("rings", List.of(new Wave("canary", Map.of("ring", "canary"), new MaxConcurrent(1, false)),
                new Wave("main", Map.of(), MaxConcurrent.UNLIMITED)), BAKE, RolloutPolicy.OnFailure.ROLLBACK, List.of());
        return gated ? p.requiringDelivery(WINDOW) : p;
    }

    private void fleet() {
        fleet.put("c1", Observation.of("c1", Map.of("ring", "canary"), ClusterHealth.HEALTHY, true));
        fleet.put("m1", Observation.of("m1", Map.of("ring", "main"), ClusterHealth.HEALTHY, true));
    }

    private void delivery(String cluster, Delivery.Status status, Instant since) {
        fleet.put(cluster, fleet.get(cluster).withDelivery(Delivery.of(status, since, "forwarder pt: route syslog.0 failing on 1 of 1 nodes")));
    }

    /** Starts the rollout and steps until the canary bakes (Healthy at T0 + 1 min). */
    private Decision canaryBaking(Planner planner) {
        Decision d = planner.step(planner.start("bad", List.copyOf(fleet.values()), T0), fleet, T0);
        assertThat(d.apply()).containsExactly("c1");
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(60));
        assertThat(d.rollout().clusters().get("c1").phase()).isEqualTo(Phase.BAKING);
        return d;
    }

    @Test
    void aCanaryThatStopsDeliveringFailsItsBakeAfterTheWindowAndRollsBackThoughEcsSaysHealthy() {
        fleet();
        Planner planner = new Planner(policy(true), PlannerTest.CRON);
        Decision d = canaryBaking(planner);
        Instant failing = T0.plusSeconds(90);
        delivery("c1", Delivery.Status.FAILING, failing);

        d = planner.step(d.rollout(), fleet, failing);
        assertThat(d.rollout().clusters().get("c1").phase()).as("within the window the bake holds").isEqualTo(Phase.BAKING);
        assertThat(d.wakeAt()).as("looked at again when the window ends, before the bake would").contains(failing.plus(WINDOW));

        d = planner.step(d.rollout(), fleet, failing.plus(WINDOW));
        assertThat(d.rollout().state()).isEqualTo(Rollout.State.HALTED);
        assertThat(d.rollout().haltReason()).startsWith("cluster c1 failed its bake in wave 1 (canary): DeliveryFailing for at least 120 s")
                .contains("route syslog.0 failing");
        assertThat(d.rollBack()).containsExactly("c1");
        assertThat(d.apply()).as("the main wave gets nothing").isEmpty();
        assertThat(d.rollout().clusters().get("m1").phase()).isEqualTo(Phase.PENDING);
        assertThat(d.notices()).extracting(Notice::event).contains("Halted");
        assertThat(d.notices()).filteredOn(n -> n.event().equals("Halted")).singleElement()
                .satisfies(n -> assertThat(n.message()).contains("DeliveryFailing"));
    }

    @Test
    void silenceWhereTelemetryIsExpectedFailsTheBakeToo() {
        fleet();
        Planner planner = new Planner(policy(true), PlannerTest.CRON);
        Decision d = canaryBaking(planner);
        delivery("c1", Delivery.Status.SILENT, T0); // silent since before the bake: the bake still gets a whole window
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(60).plus(WINDOW).minusSeconds(1));
        assertThat(d.rollout().state()).isEqualTo(Rollout.State.RUNNING);
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(60).plus(WINDOW));
        assertThat(d.rollout().haltReason()).contains("DeliveryFailing (Silent: no telemetry)");
    }

    @Test
    void badDeliveryHoldsTheBakePastItsEndAndRecoveryLetsItFinish() {
        fleet();
        Planner planner = new Planner(policy(true), PlannerTest.CRON);
        Decision d = canaryBaking(planner);
        Instant bakeEnd = T0.plusSeconds(60).plus(BAKE);
        delivery("c1", Delivery.Status.FAILING, bakeEnd.minusSeconds(30));
        d = planner.step(d.rollout(), fleet, bakeEnd);
        assertThat(d.rollout().clusters().get("c1").phase()).as("the bake cannot end while delivery is bad").isEqualTo(Phase.BAKING);
        assertThat(d.apply()).isEmpty();

        delivery("c1", Delivery.Status.DELIVERING, bakeEnd.plusSeconds(20));
        d = planner.step(d.rollout(), fleet, bakeEnd.plusSeconds(20));
        assertThat(d.rollout().clusters().get("c1").phase()).isEqualTo(Phase.DONE);
        assertThat(d.apply()).containsExactly("m1");
    }

    @Test
    void withoutRequireDeliveryABakeEndsOnEcsHealthAlone() {
        fleet();
        Planner planner = new Planner(policy(false), PlannerTest.CRON);
        Decision d = canaryBaking(planner);
        delivery("c1", Delivery.Status.FAILING, T0);
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(60).plus(BAKE));
        assertThat(d.rollout().clusters().get("c1").phase()).isEqualTo(Phase.DONE);
        assertThat(d.apply()).containsExactly("m1");
    }

    @Test
    void unjudgedDeliveryDoesNotHoldAGatedBake() {
        fleet();
        Planner planner = new Planner(policy(true), PlannerTest.CRON);
        Decision d = canaryBaking(planner);
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(60).plus(BAKE));
        assertThat(d.rollout().clusters().get("c1").phase()).as("telemetry off: nothing to gate on").isEqualTo(Phase.DONE);
    }

    private static RolloutPolicy threeWaves(boolean gated) {
        RolloutPolicy p = new RolloutPolicy("rings", List.of(new Wave("canary", Map.of("ring", "canary"), MaxConcurrent.UNLIMITED),
                new Wave("middle", Map.of("ring", "middle"), MaxConcurrent.UNLIMITED),
                new Wave("last", Map.of(), MaxConcurrent.UNLIMITED)), BAKE, RolloutPolicy.OnFailure.ROLLBACK, List.of());
        return gated ? p.requiringDelivery(WINDOW) : p;
    }

    /** c1 (canary) done, m1 (middle) baking since T0 + 1 min + BAKE + 1 min: returns the decision when m1's bake ends. */
    private Decision middleBakeEnds(Planner planner, Delivery.Status canary, Instant since) {
        return middleBakeEnds(planner, canary, since, ClusterHealth.HEALTHY);
    }

    private Decision middleBakeEnds(Planner planner, Delivery.Status canary, Instant since, ClusterHealth canaryHealth) {
        fleet.put("c1", Observation.of("c1", Map.of("ring", "canary"), ClusterHealth.HEALTHY, true));
        fleet.put("m1", Observation.of("m1", Map.of("ring", "middle"), ClusterHealth.HEALTHY, true));
        fleet.put("l1", Observation.of("l1", Map.of("ring", "last"), ClusterHealth.HEALTHY, true));
        Decision d = planner.step(planner.start("next", List.copyOf(fleet.values()), T0), fleet, T0);
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(60));
        Instant canaryDone = T0.plusSeconds(60).plus(BAKE);
        d = planner.step(d.rollout(), fleet, canaryDone);
        assertThat(d.apply()).containsExactly("m1");
        d = planner.step(d.rollout(), fleet, canaryDone.plusSeconds(60));
        assertThat(d.rollout().clusters().get("m1").phase()).isEqualTo(Phase.BAKING);
        fleet.put("c1", new Observation("c1", Map.of("ring", "canary"), canaryHealth, true, "1 of 2 tasks running"));
        delivery("c1", canary, since);
        return planner.step(d.rollout(), fleet, canaryDone.plusSeconds(60).plus(BAKE));
    }

    @Test
    void aClusterOfAFinishedWaveThatStopsDeliveringHoldsTheNextWaveThenHaltsAndRollsBackLikeDegraded() {
        Planner planner = new Planner(threeWaves(true), PlannerTest.CRON);
        Instant middleEnds = T0.plusSeconds(120).plus(BAKE).plus(BAKE);
        Instant failing = middleEnds.minusSeconds(30);
        Decision d = middleBakeEnds(planner, Delivery.Status.FAILING, failing);
        assertThat(d.rollout().clusters().get("c1").phase()).isEqualTo(Phase.DONE);
        assertThat(d.rollout().clusters().get("m1").phase()).isEqualTo(Phase.DONE);
        assertThat(d.apply()).as("no cluster moves while a moved one does not deliver").isEmpty();
        assertThat(d.rollout().clusters().get("l1").phase()).isEqualTo(Phase.PENDING);
        assertThat(d.wakeAt()).as("c1 is looked at again when the window ends").contains(failing.plus(WINDOW));
        assertThat(d.wake()).containsExactly("c1");

        d = planner.step(d.rollout(), fleet, failing.plus(WINDOW));
        assertThat(d.rollout().state()).isEqualTo(Rollout.State.HALTED);
        assertThat(d.rollout().haltReason()).startsWith("cluster c1 stopped delivering in finished wave 1 (canary): "
                + "DeliveryFailing for at least 120 s after its bake").contains("route syslog.0 failing");
        assertThat(d.rollBack()).containsExactlyInAnyOrder("c1", "m1");
        assertThat(d.apply()).isEmpty();
        assertThat(d.rollout().clusters().get("l1").phase()).isEqualTo(Phase.PENDING);
        assertThat(d.notices()).extracting(Notice::event).contains("Degraded", "Halted");

        // the same cluster Degraded in ECS instead: the same halt, at once (ECS health has no window)
        Planner degraded = new Planner(threeWaves(true), PlannerTest.CRON);
        Decision e = middleBakeEnds(degraded, Delivery.Status.DELIVERING, failing, ClusterHealth.DEGRADED);
        assertThat(e.apply()).isEmpty();
        assertThat(e.rollout().state()).isEqualTo(Rollout.State.HALTED);
        assertThat(e.rollout().haltReason()).startsWith("cluster c1 went Degraded in wave 1 (canary)");
        assertThat(e.rollBack()).containsExactlyInAnyOrder("c1", "m1");
    }

    @Test
    void aBlipOfAFinishedWaveShorterThanTheWindowOnlyDelaysTheNextWave() {
        Planner planner = new Planner(threeWaves(true), PlannerTest.CRON);
        Instant middleEnds = T0.plusSeconds(120).plus(BAKE).plus(BAKE);
        Decision d = middleBakeEnds(planner, Delivery.Status.SILENT, middleEnds.minusSeconds(30));
        assertThat(d.apply()).isEmpty();
        delivery("c1", Delivery.Status.DELIVERING, middleEnds.plusSeconds(30));
        d = planner.step(d.rollout(), fleet, middleEnds.plusSeconds(30));
        assertThat(d.rollout().state()).isEqualTo(Rollout.State.RUNNING);
        assertThat(d.apply()).containsExactly("l1");
    }

    @Test
    void withoutRequireDeliveryAFinishedWaveIsNotJudgedByDelivery() {
        Planner planner = new Planner(threeWaves(false), PlannerTest.CRON);
        Decision d = middleBakeEnds(planner, Delivery.Status.FAILING, T0);
        assertThat(d.apply()).containsExactly("l1");
        d = planner.step(d.rollout(), fleet, T0.plus(Duration.ofHours(2)));
        assertThat(d.rollout().state()).isNotEqualTo(Rollout.State.HALTED);
    }
}
