package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.ClusterTarget;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.MaxConcurrent;
import dev.logship.model.Revision;
import dev.logship.model.RolloutPolicy;
import dev.logship.model.Wave;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.RunRecord;
import dev.logship.state.RolloutFile;
import dev.logship.sync.Health;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollouts saved to rollouts.json and read back by a new instance, as after a restart of serve:
 * the rollout resumes where it was, a bake keeps its start, the rollback target survives.
 */
class RolloutsRestartTest {
    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    static final Duration BAKE = Duration.ofMinutes(10);
    static final Revision GOOD = new Revision("a".repeat(40), "good");
    static final Revision NEXT = new Revision("b".repeat(40), "next");

    @TempDir
    Path dataDir;

    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<String> triggered = java.util.Collections.synchronizedList(new ArrayList<>()); // the store's writer triggers
    private final StatusStore status = new StatusStore(SourceStatus.notFetched("test", "main", "."), 50);

    private static DesiredState state(Revision revision) {
        return state(revision, "c1", "c2", "c3");
    }

    /** These clusters: c1 in the canary wave, the others in the main one. */
    private static DesiredState state(Revision revision, String... names) {
        RolloutPolicy rings = new RolloutPolicy("rings", List.of(
                new Wave("canary", Map.of("ring", "canary"), new MaxConcurrent(1, false)),
                new Wave("rest", Map.of(), MaxConcurrent.UNLIMITED)), BAKE, RolloutPolicy.OnFailure.ROLLBACK, List.of());
        List<DesiredCluster> clusters = java.util.Arrays.stream(names).map(c -> cluster(c, c.equals("c1") ? "canary" : "main")).toList();
        Map<String, RolloutPolicy> policies = new java.util.HashMap<>();
        clusters.forEach(c -> policies.put(c.target().name(), rings));
        return new DesiredState(revision, clusters, policies, List.of());
    }

    private static DesiredCluster cluster(String name, String ring) {
        return new DesiredCluster(new ClusterTarget(name, name, "us-east-1", null, true, false, false, Map.of("ring", ring)), List.of());
    }

    private final List<Rollouts> started = new ArrayList<>();

    private Rollouts start(RolloutStore saved, Map<String, DesiredState> commits) {
        Rollouts rollouts = new Rollouts(status, clock, (cluster, at) -> triggered.add(cluster + "@" + at), saved,
                id -> Optional.ofNullable(commits.get(id)));
        started.add(rollouts);
        return rollouts;
    }

    /** The history writer works in the background: done before the temporary directory goes. */
    @org.junit.jupiter.api.AfterEach
    void flush() {
        started.forEach(Rollouts::flush);
    }

    private static void healthy(Rollouts rollouts, DesiredState state, String... clusters) {
        for (String c : clusters) {
            rollouts.applied(c, state.revision()); // the run changed ECS for the commit (a cluster found in sync is unchanged)
            rollouts.observed(state.cluster(c).orElseThrow(), state.revision(), Health.healthy("ok"), true, "ok");
        }
    }

    private static Rollout only(Rollouts rollouts) {
        return rollouts.current().get(0);
    }

    @Test
    void aRestartWhileTheCanaryBakesKeepsItsBakeStartAndStartsTheNextWaveOnlyWhenItHasBaked() {
        DesiredState next = state(NEXT);
        Rollouts before = start(new RolloutFile(dataDir), Map.of());
        before.accepted(next);
        before.flush(); // the canary's start is on disk: only now may it change (serve's run waits for its trigger)
        assertThat(before.mayApply("c1", NEXT, now)).isTrue();
        now = T0.plusSeconds(60);
        healthy(before, next, "c1");
        assertThat(only(before).clusters().get("c1").phase()).isEqualTo(Phase.BAKING);

        now = T0.plusSeconds(300); // serve dies and starts again, 4 minutes into the bake
        before.flush();
        triggered.clear();
        Rollouts after = start(new RolloutFile(dataDir), Map.of());
        after.accepted(next);

        assertThat(only(after).clusters().get("c1").phase()).isEqualTo(Phase.BAKING);
        assertThat(only(after).clusters().get("c1").healthySince()).isEqualTo(T0.plusSeconds(60));
        assertThat(triggered).contains("c1@" + T0.plusSeconds(60).plus(BAKE)); // woken when its saved bake ends
        assertThat(after.mayApply("c2", NEXT, now)).isFalse();

        now = T0.plusSeconds(60).plus(BAKE).minusSeconds(1);
        healthy(after, next, "c1");
        assertThat(after.mayApply("c2", NEXT, now)).isFalse();

        now = T0.plusSeconds(60).plus(BAKE);
        healthy(after, next, "c1");
        assertThat(only(after).clusters().get("c1").phase()).isEqualTo(Phase.DONE);
        after.flush();
        assertThat(after.mayApply("c2", NEXT, now)).isTrue();
        assertThat(after.mayApply("c3", NEXT, now)).isTrue();
        assertThat(after.history("c1")).singleElement().satisfies(r -> {
            assertThat(r.commit()).isEqualTo(NEXT.id());
            assertThat(r.outcome()).isEqualTo(RunRecord.Outcome.SUCCEEDED);
            assertThat(r.startedAt()).isEqualTo(T0);
        });
    }

    /** The control: with nothing saved, the restarted canary starts its bake over and the next wave waits longer. */
    @Test
    void withoutSavedStateTheRestartedCanaryBakesAgainFromTheRestart() {
        DesiredState next = state(NEXT);
        Rollouts before = start(RolloutStore.inMemory(), Map.of());
        before.accepted(next);
        now = T0.plusSeconds(60);
        healthy(before, next, "c1");

        now = T0.plusSeconds(300);
        Rollouts after = start(RolloutStore.inMemory(), Map.of());
        after.accepted(next);
        healthy(after, next, "c1");
        now = T0.plusSeconds(60).plus(BAKE);
        healthy(after, next, "c1");

        assertThat(only(after).clusters().get("c1").healthySince()).isEqualTo(T0.plusSeconds(300));
        assertThat(after.mayApply("c2", NEXT, now)).isFalse();
    }

    @Test
    void theRollbackTargetSurvivesARestartAndIsReadAgainFromItsCommit() {
        DesiredState good = state(GOOD);
        Rollouts first = start(new RolloutFile(dataDir), Map.of());
        first.accepted(good);
        healthy(first, good, "c1"); // Healthy on GOOD: its rollback target from now on

        now = T0.plusSeconds(3600);
        first.flush();
        Rollouts restarted = start(new RolloutFile(dataDir), Map.of(GOOD.id(), good));
        DesiredState next = state(NEXT);
        restarted.accepted(next);
        restarted.applied("c1", NEXT);
        restarted.observed(next.cluster("c1").orElseThrow(), NEXT, Health.degraded("circuit breaker"), true, "circuit breaker");

        assertThat(only(restarted).clusters().get("c1").phase()).isEqualTo(Phase.ROLLING_BACK);
        assertThat(restarted.revisionFor("c1", NEXT)).isEqualTo(GOOD);
        assertThat(restarted.desiredFor("c1", next.cluster("c1").orElseThrow())).isEqualTo(good.cluster("c1").orElseThrow());
        restarted.flush();
        assertThat(restarted.mayApply("c1", GOOD, now)).isTrue();
        assertThat(restarted.mayApply("c2", NEXT, now)).isFalse();
    }

    @Test
    void aCanaryDoneBeforeTheRestartStillRollsBackToTheCommitBeforeWhenALaterWaveFailsAfterIt() {
        DesiredState good = state(GOOD);
        DesiredState next = state(NEXT);
        Rollouts first = start(new RolloutFile(dataDir), Map.of());
        first.accepted(good);
        healthy(first, good, "c1");
        first.accepted(next);
        healthy(first, next, "c1"); // Healthy on the rollout's own commit: its target is now the one before
        now = T0.plus(BAKE);
        healthy(first, next, "c1");
        assertThat(only(first).clusters().get("c1").phase()).isEqualTo(Phase.DONE);
        first.flush();

        now = T0.plus(BAKE).plusSeconds(30);
        Rollouts restarted = start(new RolloutFile(dataDir), Map.of(GOOD.id(), good));
        restarted.accepted(next);
        restarted.applied("c2", NEXT);
        restarted.observed(next.cluster("c2").orElseThrow(), NEXT, Health.degraded("circuit breaker"), true, "circuit breaker");

        assertThat(only(restarted).clusters().get("c1").phase()).isEqualTo(Phase.ROLLING_BACK);
        assertThat(restarted.revisionFor("c1", NEXT)).isEqualTo(GOOD);
        restarted.flush();
        assertThat(restarted.mayApply("c1", GOOD, now)).isTrue();
    }

    @Test
    void aNewCommitAfterTheRestartStartsAFreshRolloutAndSupersedesTheSavedOne() {
        DesiredState good = state(GOOD);
        Rollouts before = start(new RolloutFile(dataDir), Map.of());
        before.accepted(good);
        assertThat(before.history("c1")).singleElement().extracting(RunRecord::outcome).isEqualTo(RunRecord.Outcome.IN_PROGRESS);

        now = T0.plusSeconds(60);
        before.flush();
        Rollouts after = start(new RolloutFile(dataDir), Map.of());
        after.accepted(state(NEXT));

        assertThat(only(after).commit()).isEqualTo(NEXT.id());
        assertThat(only(after).clusters().get("c2").phase()).isEqualTo(Phase.PENDING);
        assertThat(after.history("c1")).extracting(RunRecord::commit, RunRecord::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GOOD.id(), RunRecord.Outcome.SUPERSEDED),
                        org.assertj.core.groups.Tuple.tuple(NEXT.id(), RunRecord.Outcome.IN_PROGRESS));
    }

    /** Issue 18: history.json keeps no cluster that is gone from Git (it would grow with every cluster ever seen). */
    @Test
    void historyDropsAClusterGoneFromGit() throws Exception {
        Rollouts before = start(new RolloutFile(dataDir), Map.of());
        before.accepted(state(GOOD));
        assertThat(before.history("c1")).hasSize(1);
        now = T0.plusSeconds(60);
        before.accepted(state(NEXT, "c2", "c3")); // c1's Cluster manifest is deleted
        before.flush();

        assertThat(before.history("c1")).isEmpty();
        String saved = java.nio.file.Files.readString(dataDir.resolve(RolloutFile.HISTORY));
        System.out.println(saved.length() > 600 ? saved.substring(0, 600) : saved);
        assertThat(saved).contains("\"c2\"", "\"c3\"").doesNotContain("\"c1\"");
        Rollouts restarted = start(new RolloutFile(dataDir), Map.of());
        restarted.accepted(state(NEXT, "c2", "c3"));
        assertThat(restarted.history("c1")).as("nor does a restart bring it back").isEmpty();
        assertThat(restarted.history("c2")).extracting(RunRecord::commit).containsExactly(NEXT.id());
    }
}
