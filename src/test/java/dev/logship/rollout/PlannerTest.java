package dev.logship.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.cron.CronSchedules;
import dev.logship.model.MaxConcurrent;
import dev.logship.model.RolloutPolicy;
import dev.logship.model.SyncWindow;
import dev.logship.model.Wave;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planner as a function of policy, rollout, observations and a fake clock. */
class PlannerTest {
    static final CronTimes CRON = new CronTimes() {
        @Override
        public java.util.Optional<Instant> lastStart(String schedule, java.time.ZoneId zone, Instant at) {
            return CronSchedules.lastStart(schedule, zone, at);
        }

        @Override
        public java.util.Optional<Instant> nextStart(String schedule, java.time.ZoneId zone, Instant at) {
            return CronSchedules.nextStart(schedule, zone, at);
        }
    };
    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z"); // a Monday
    static final Duration BAKE = Duration.ofMinutes(10);

    /** The fake fleet: labels and health per cluster, changed by the test between steps. */
    private final Map<String, Observation> fleet = new HashMap<>();

    private void cluster(String name, String ring) {
        fleet.put(name, Observation.of(name, Map.of("ring", ring), ClusterHealth.HEALTHY, true));
    }

    private void health(ClusterHealth health, String... names) {
        for (String n : names) {
            Observation o = fleet.get(n);
            fleet.put(n, new Observation(n, o.labels(), health, o.needsChange(), health == ClusterHealth.DEGRADED ? "circuit breaker: rolloutState FAILED" : ""));
        }
    }

    private static RolloutPolicy rings(RolloutPolicy.OnFailure onFailure, List<SyncWindow> windows, MaxConcurrent mainLimit) {
        return new RolloutPolicy("rings", List.of(
                new Wave("canary", Map.of("ring", "canary"), new MaxConcurrent(1, false)),
                new Wave("early", Map.of("ring", "early"), MaxConcurrent.UNLIMITED),
                new Wave("main", Map.of(), mainLimit)), BAKE, onFailure, windows);
    }

    private void threeRings() {
        cluster("c1", "canary");
        cluster("e1", "early");
        cluster("e2", "early");
        for (int i = 1; i <= 4; i++) {
            cluster("m" + i, "main");
        }
    }

    @Test
    void wavesRunInOrderEachWaitingForThePreviousWaveToBake() {
        threeRings();
        Planner planner = new Planner(rings(RolloutPolicy.OnFailure.HALT, List.of(), MaxConcurrent.UNLIMITED), CRON);
        Rollout r = planner.start("abc", List.copyOf(fleet.values()), T0);

        Decision d = planner.step(r, fleet, T0);
        assertThat(d.apply()).containsExactly("c1");
        health(ClusterHealth.PROGRESSING, "c1");
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(30));
        assertThat(d.apply()).isEmpty();

        health(ClusterHealth.HEALTHY, "c1");
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(60));
        assertThat(d.apply()).isEmpty();
        assertThat(d.rollout().clusters().get("c1").phase()).isEqualTo(Phase.BAKING);
        assertThat(d.wakeAt()).contains(T0.plusSeconds(60).plus(BAKE));

        d = planner.step(d.rollout(), fleet, T0.plusSeconds(60).plus(BAKE).minusSeconds(1));
        assertThat(d.apply()).as("one second before the bake ends").isEmpty();
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(60).plus(BAKE));
        assertThat(d.apply()).containsExactly("e1", "e2");
        assertThat(d.notices()).extracting(Notice::event).containsExactly("Applied");
        assertThat(d.rollout().currentWave()).isEqualTo(1);

        Instant t = T0.plusSeconds(60).plus(BAKE).plusSeconds(5);
        d = planner.step(d.rollout(), fleet, t);
        d = planner.step(d.rollout(), fleet, t.plus(BAKE));
        assertThat(d.apply()).containsExactly("m1", "m2", "m3", "m4");
        d = planner.step(d.rollout(), fleet, t.plus(BAKE).plusSeconds(1));
        d = planner.step(d.rollout(), fleet, t.plus(BAKE).plusSeconds(1).plus(BAKE));
        assertThat(d.rollout().state()).isEqualTo(Rollout.State.DONE);
        assertThat(d.rollout().counts()).containsEntry(Phase.DONE, 7);
    }

    @Test
    void aLargeWaveThatBakedIsToldOnceAndASmallOneClusterByCluster() {
        cluster("c1", "canary");
        for (int i = 1; i <= 150; i++) {
            cluster(String.format("m%03d", i), "main");
        }
        fleet.replaceAll((name, o) -> name.equals("m150") ? Observation.of(name, o.labels(), ClusterHealth.HEALTHY, false) : o);
        Planner planner = new Planner(rings(RolloutPolicy.OnFailure.HALT, List.of(), MaxConcurrent.UNLIMITED), CRON);
        Decision d = planner.step(planner.start("abc", List.copyOf(fleet.values()), T0), fleet, T0);
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(1));
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(1).plus(BAKE));
        assertThat(d.notices()).as("a wave of one: its cluster by name")
                .containsExactly(Notice.of("Applied", "c1", "c1 is Healthy on the new commit and has baked"));
        assertThat(d.apply()).hasSize(149);

        d = planner.step(d.rollout(), fleet, T0.plusSeconds(2).plus(BAKE));
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(2).plus(BAKE).plus(BAKE));
        assertThat(d.rollout().state()).isEqualTo(Rollout.State.DONE);
        assertThat(d.notices()).as("149 changed clusters baked at once: one line, not 149")
                .containsExactly(Notice.of("Applied", "", "149 clusters of wave 3 (main) are Healthy on the new commit and have baked"
                        + " (1 more were not changed by it)"));
    }

    @Test
    void aFixThatChangesOnlyTheCanaryLeavesTheLaterWavesNothingToWaitFor() {
        threeRings();
        fleet.replaceAll((name, o) -> name.equals("c1") ? o : Observation.of(name, o.labels(), ClusterHealth.HEALTHY, false));
        Planner planner = new Planner(rings(RolloutPolicy.OnFailure.HALT, List.of(), MaxConcurrent.UNLIMITED), CRON);
        Decision d = planner.step(planner.start("fix", List.copyOf(fleet.values()), T0), fleet, T0);
        assertThat(d.apply()).containsExactly("c1");
        assertThat(d.rollout().clusters().values().stream().filter(r -> r.wave() > 0).map(ClusterRun::phase).distinct().toList())
                .as("clusters of later waves the commit does not change pass at once, before the canary bakes")
                .containsExactly(Phase.DONE);
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(1));
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(1).plus(BAKE));
        assertThat(d.apply()).as("nothing left to apply after the canary").isEmpty();
        assertThat(d.rollout().state()).as("done when the canary has baked: no second bake").isEqualTo(Rollout.State.DONE);
        assertThat(d.wakeAt()).isEmpty();
    }

    @Test
    void maxConcurrentLimitsClustersInFlightAsCountOrPercentage() {
        for (int i = 1; i <= 8; i++) {
            cluster("m" + i, "main");
        }
        RolloutPolicy policy = new RolloutPolicy("p", List.of(new Wave("main", Map.of(), new MaxConcurrent(25, true))),
                BAKE, RolloutPolicy.OnFailure.HALT, List.of());
        Planner planner = new Planner(policy, CRON);
        health(ClusterHealth.PROGRESSING, "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8");
        Decision d = planner.step(planner.start("abc", List.copyOf(fleet.values()), T0), fleet, T0);
        assertThat(d.apply()).as("25% of 8").containsExactly("m1", "m2");
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(1));
        assertThat(d.apply()).isEmpty();
        health(ClusterHealth.HEALTHY, "m1");
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(2));
        assertThat(d.apply()).as("a baking cluster frees its slot").containsExactly("m3");
        assertThat(d.rollout().counts()).containsEntry(Phase.IN_FLIGHT, 2).containsEntry(Phase.BAKING, 1).containsEntry(Phase.PENDING, 5);
    }

    @Test
    void degradedClusterHaltsTheRolloutAndLaterWavesAreNeverStarted() {
        threeRings();
        Planner planner = new Planner(rings(RolloutPolicy.OnFailure.HALT, List.of(), MaxConcurrent.UNLIMITED), CRON);
        Decision d = planner.step(planner.start("bad", List.copyOf(fleet.values()), T0), fleet, T0);
        health(ClusterHealth.DEGRADED, "c1");
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(5));

        assertThat(d.rollout().state()).isEqualTo(Rollout.State.HALTED);
        assertThat(d.rollout().haltReason()).isEqualTo("cluster c1 went Degraded in wave 1 (canary): circuit breaker: rolloutState FAILED");
        assertThat(d.notices()).extracting(Notice::event).containsExactly("Degraded", "Halted");
        assertThat(d.rollBack()).as("onFailure: halt").isEmpty();
        health(ClusterHealth.HEALTHY, "c1");
        for (int minute = 1; minute < 60; minute++) {
            d = planner.step(d.rollout(), fleet, T0.plus(Duration.ofMinutes(minute)));
            assertThat(d.apply()).isEmpty();
        }
        assertThat(d.rollout().clusters().values()).filteredOn(run -> run.wave() > 0)
                .allSatisfy(run -> assertThat(run.phase()).isEqualTo(Phase.PENDING));
        assertThat(d.rollout().state()).as("halted until resumed or a new commit").isEqualTo(Rollout.State.HALTED);
    }

    @Test
    void rollbackReturnsEveryClusterTheRolloutChangedAndTellsWhenEachIsBack() {
        threeRings();
        Planner planner = new Planner(rings(RolloutPolicy.OnFailure.ROLLBACK, List.of(), MaxConcurrent.UNLIMITED), CRON);
        Decision d = planner.step(planner.start("bad", List.copyOf(fleet.values()), T0), fleet, T0);
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(1));
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(1).plus(BAKE));
        assertThat(d.apply()).containsExactly("e1", "e2");
        health(ClusterHealth.DEGRADED, "e2");
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(2).plus(BAKE));

        assertThat(d.rollBack()).containsExactly("c1", "e1", "e2");
        assertThat(d.notices()).extracting(Notice::event).containsExactly("Degraded", "Halted");
        health(ClusterHealth.HEALTHY, "c1", "e1", "e2");
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(3).plus(BAKE));
        assertThat(d.notices()).extracting(Notice::event).containsExactly("RolledBack", "RolledBack", "RolledBack");
        assertThat(d.rollout().counts()).containsEntry(Phase.ROLLED_BACK, 3).containsEntry(Phase.PENDING, 4);
        assertThat(d.rollBack()).as("asked once").isEmpty();
    }

    @Test
    void clustersTheCommitDoesNotChangePassWithoutAnyCall() {
        threeRings();
        fleet.replaceAll((name, o) -> name.startsWith("m") ? o : Observation.of(name, o.labels(), ClusterHealth.HEALTHY, false));
        Planner planner = new Planner(rings(RolloutPolicy.OnFailure.HALT, List.of(), new MaxConcurrent(2, false)), CRON);
        Decision d = planner.step(planner.start("abc", List.copyOf(fleet.values()), T0), fleet, T0);
        assertThat(d.apply()).as("canary and early waves have nothing to change").containsExactly("m1", "m2");
        assertThat(d.rollout().clusters().get("c1").changed()).isFalse();
    }

    @Test
    void resumeRetriesTheFailedClustersAndCarriesOn() {
        threeRings();
        Planner planner = new Planner(rings(RolloutPolicy.OnFailure.HALT, List.of(), MaxConcurrent.UNLIMITED), CRON);
        Decision d = planner.step(planner.start("abc", List.copyOf(fleet.values()), T0), fleet, T0);
        health(ClusterHealth.DEGRADED, "c1");
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(1));
        health(ClusterHealth.HEALTHY, "c1");

        Rollout resumed = planner.resume(d.rollout());
        assertThat(resumed.state()).isEqualTo(Rollout.State.RUNNING);
        d = planner.step(resumed, fleet, T0.plusSeconds(2));
        assertThat(d.apply()).containsExactly("c1");
    }

    @Test
    void denyWindowBlocksStartsOnceNoticedAndNamesTheNextAllowedTime() {
        threeRings();
        SyncWindow nights = new SyncWindow(SyncWindow.Kind.DENY, "0 22 * * *", Duration.ofHours(8), "UTC");
        Planner planner = new Planner(rings(RolloutPolicy.OnFailure.HALT, List.of(nights), MaxConcurrent.UNLIMITED), CRON);
        Instant late = Instant.parse("2026-11-30T23:00:00Z");
        Decision d = planner.step(planner.start("abc", List.copyOf(fleet.values()), late), fleet, late);

        assertThat(d.apply()).isEmpty();
        assertThat(d.blockedUntil()).contains(Instant.parse("2026-12-01T06:00:00Z"));
        assertThat(d.wakeAt()).contains(Instant.parse("2026-12-01T06:00:00Z"));
        assertThat(d.notices()).extracting(Notice::message)
                .containsExactly("a sync window blocks the rollout of abc until 2026-12-01T06:00:00Z");
        d = planner.step(d.rollout(), fleet, late.plusSeconds(60));
        assertThat(d.notices()).as("WindowBlocked is said once").isEmpty();
        d = planner.step(d.rollout(), fleet, Instant.parse("2026-12-01T06:00:00Z"));
        assertThat(d.apply()).containsExactly("c1");
    }

    @Test
    void allowWindowsInATimeZoneOpenOnlyOnTheirSchedule() {
        SyncWindow office = new SyncWindow(SyncWindow.Kind.ALLOW, "0 9 * * 1-5", Duration.ofHours(8), "Europe/Berlin");
        SyncWindow freeze = new SyncWindow(SyncWindow.Kind.DENY, "0 0 24 12 *", Duration.ofDays(3), "Europe/Berlin");
        Windows windows = new Windows(List.of(office, freeze), CRON);
        Instant saturday = Instant.parse("2026-12-05T10:00:00Z");
        assertThat(windows.allowed(saturday)).isFalse();
        assertThat(windows.nextAllowed(saturday)).contains(Instant.parse("2026-12-07T08:00:00Z")); // Monday 09:00 CET
        assertThat(windows.allowed(Instant.parse("2026-12-07T15:59:00Z"))).isTrue();
        assertThat(windows.allowed(Instant.parse("2026-12-07T16:00:00Z"))).isFalse();
        // Christmas Eve is a Thursday: the freeze (24th 00:00 Berlin, 3 days) wins over office hours until Monday the 28th.
        assertThat(windows.nextAllowed(Instant.parse("2026-12-24T10:00:00Z"))).contains(Instant.parse("2026-12-28T08:00:00Z"));
    }

    @Test
    void manualOverrideIgnoresWindows() {
        threeRings();
        SyncWindow always = new SyncWindow(SyncWindow.Kind.DENY, "* * * * *", Duration.ofMinutes(5), "UTC");
        Planner planner = new Planner(rings(RolloutPolicy.OnFailure.HALT, List.of(always), MaxConcurrent.UNLIMITED), CRON);
        Rollout r = planner.start("abc", List.copyOf(fleet.values()), T0);
        Decision blocked = planner.step(r, fleet, T0);
        assertThat(blocked.apply()).isEmpty();
        assertThat(blocked.blockedUntil()).isEmpty();
        assertThat(blocked.notices()).extracting(Notice::message).singleElement().asString().contains("no allowed time found within 400 days");
        assertThat(planner.step(blocked.rollout().withWindowOverride(true), fleet, T0).apply()).containsExactly("c1");
    }

    @Test
    void aClusterLeavingHealthyWhileBakingRestartsItsBake() {
        threeRings();
        Planner planner = new Planner(rings(RolloutPolicy.OnFailure.HALT, List.of(), MaxConcurrent.UNLIMITED), CRON);
        Decision d = planner.step(planner.start("abc", List.copyOf(fleet.values()), T0), fleet, T0);
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(1));
        health(ClusterHealth.PROGRESSING, "c1");
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(300));
        health(ClusterHealth.HEALTHY, "c1");
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(400));
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(1).plus(BAKE));
        assertThat(d.apply()).as("the first bake was interrupted").isEmpty();
        d = planner.step(d.rollout(), fleet, T0.plusSeconds(400).plus(BAKE));
        assertThat(d.apply()).containsExactly("e1", "e2");
    }
}
