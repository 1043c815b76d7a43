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
import dev.logship.rollout.SavedRollouts;
import dev.logship.state.RolloutFile;
import dev.logship.sync.Health;
import dev.logship.testkit.Waits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit of rollouts.json: decisions hand their snapshot and triggers to the store without
 * waiting for the disk; the store's writer writes the newest snapshot once for all decisions
 * queued so far and only then fires their triggers. A real {@link RolloutFile} in a temporary
 * directory; the first trigger is held (as a slow disk would hold the writer) so that the burst
 * of decisions queues up behind one write.
 */
class RolloutGroupCommitTest {
    static final Revision COMMIT = new Revision("c".repeat(40), "burst");
    static final int CLUSTERS = 50;

    @TempDir
    Path dataDir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private final StatusStore status = new StatusStore(SourceStatus.notFetched("test", "main", "."), 50);

    /** One wave, one cluster at a time, no bake: each cluster Healthy is a decision that starts the next. */
    private static DesiredState oneAtATime() {
        RolloutPolicy policy = new RolloutPolicy("one-by-one", List.of(new Wave("all", Map.of(), new MaxConcurrent(1, false))),
                Duration.ZERO, RolloutPolicy.OnFailure.ROLLBACK, List.of());
        List<DesiredCluster> clusters = new ArrayList<>();
        Map<String, RolloutPolicy> policies = new HashMap<>();
        for (int i = 0; i < CLUSTERS; i++) {
            String name = String.format("c%03d", i);
            clusters.add(new DesiredCluster(new ClusterTarget(name, name, "us-east-1", null, true, false, false, Map.of()), List.of()));
            policies.put(name, policy);
        }
        return new DesiredState(COMMIT, clusters, policies, List.of());
    }

    /** Counts the decisions that asked for a durable save (the rest of the store is the real file). */
    private static final class Counting implements RolloutStore {
        final RolloutFile file;
        final AtomicInteger durableDecisions = new AtomicInteger();

        Counting(RolloutFile file) {
            this.file = file;
        }

        @Override
        public SavedRollouts load() {
            return file.load();
        }

        @Override
        public void save(SavedRollouts state) {
            file.save(state);
        }

        @Override
        public void saveSoon(SavedRollouts state) {
            file.saveSoon(state);
        }

        @Override
        public void saveThen(SavedRollouts state, Runnable afterDurable) {
            durableDecisions.incrementAndGet();
            file.saveThen(state, afterDurable);
        }

        @Override
        public void flush() {
            file.flush();
        }
    }

    @Test
    void aBurstOfDecisionsCostsFewerWritesAndNoTriggerFiresBeforeItsDecisionIsOnDisk() throws Exception {
        DesiredState state = oneAtATime();
        RolloutFile file = new RolloutFile(dataDir);
        Counting store = new Counting(file);
        List<String> triggered = Collections.synchronizedList(new ArrayList<>());
        List<String> firedTooEarly = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch burstQueued = new CountDownLatch(1);
        Rollouts rollouts = new Rollouts(status, clock, (cluster, at) -> {
            // what a restart would read at the moment the trigger fires: the cluster must be there as started
            Phase onDisk = phaseOnDisk(cluster);
            if (onDisk == null || onDisk == Phase.PENDING) {
                firedTooEarly.add(cluster + " was " + onDisk + " on disk");
            }
            triggered.add(cluster);
            if (triggered.size() == 1) {
                await(burstQueued); // the writer is busy (a slow disk): the decisions below queue up
            }
        }, store, id -> Optional.empty());

        rollouts.accepted(state); // starts c000
        Waits.until("c000 is triggered", Duration.ofSeconds(60), () -> triggered.contains("c000"));
        for (int i = 0; i < CLUSTERS - 1; i++) {
            DesiredCluster c = state.clusters().get(i);
            rollouts.observed(c, COMMIT, Health.healthy("ok"), true, "ok"); // DONE: the next one starts
            String next = state.clusters().get(i + 1).target().name();
            assertThat(rollouts.current().get(0).clusters().get(next).phase()).isNotEqualTo(Phase.PENDING);
            // started in memory but not yet on disk: no run may change it before its trigger
            assertThat(rollouts.mayApply(next, COMMIT)).as(next + " before its start is on disk").isFalse();
        }
        int decisions = store.durableDecisions.get();
        long writesBeforeRelease = file.rolloutWrites();
        burstQueued.countDown();
        Waits.until("every cluster is triggered", Duration.ofSeconds(60), () -> triggered.size() >= CLUSTERS);
        rollouts.flush();

        assertThat(firedTooEarly).isEmpty();
        assertThat(triggered).hasSize(CLUSTERS).doesNotHaveDuplicates();
        assertThat(decisions).isGreaterThanOrEqualTo(CLUSTERS);
        assertThat(writesBeforeRelease).isEqualTo(1); // c000's start, its trigger still holding the writer
        // the 49 decisions queued behind it share one write (plus at most one for the last Healthy)
        assertThat(file.rolloutWrites()).isLessThanOrEqualTo(3).isLessThan(decisions);
        assertThat(rollouts.mayApply("c049", COMMIT)).isTrue();
        System.out.println("group commit figures: durable decisions " + decisions + ", rollouts.json writes " + file.rolloutWrites());
    }

    private Phase phaseOnDisk(String cluster) {
        try {
            List<Rollout> saved = new RolloutFile(dataDir).read().rollouts();
            return saved.isEmpty() || !saved.get(0).clusters().containsKey(cluster) ? null : saved.get(0).clusters().get(cluster).phase();
        } catch (RolloutFile.UnreadableException e) {
            return null;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(120, TimeUnit.SECONDS)) {
                throw new AssertionError("the burst was never queued");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
