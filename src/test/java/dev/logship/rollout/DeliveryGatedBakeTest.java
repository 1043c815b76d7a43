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
}
