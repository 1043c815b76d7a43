package dev.logship.reconcile;

import dev.logship.testkit.HandClock;

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
import dev.logship.sync.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * The state RolloutModelTest's seed 20261428 stormed on (issue 18): a halted rollout with a
 * cluster still BAKING that nobody has observed since a resume (or a restart), and a PENDING
 * cluster of a later wave earlier in name order. The bake end's wake-up went to the first BAKING or
 * PENDING cluster by name, whose run cannot end another cluster's bake; the next step asked for
 * the same wake, now in the past, and serve's queue ran that cluster again at once, forever.
 */
class BakeEndWakesTheBakingClusterTest {
    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    static final Duration BAKE = Duration.ofMinutes(10);
    static final Revision NEXT = new Revision("b".repeat(40), "next");

    private final HandClock clock = new HandClock(T0);
    /** serve's trigger queue, in short: (cluster, due) ordered by due. */
    private final PriorityQueue<Map.Entry<String, Instant>> queue = new PriorityQueue<>(Comparator.comparing(Map.Entry::getValue));
    private final List<String> woken = new ArrayList<>();
    private final Rollouts rollouts = new Rollouts(new StatusStore(SourceStatus.notFetched("test", "main", "."), 20), clock,
            (cluster, at) -> {
                queue.add(Map.entry(cluster, at));
                woken.add(cluster + "@" + at);
            });
    private final DesiredState state = state();

    private static DesiredState state() {
        RolloutPolicy rings = new RolloutPolicy("rings", List.of(
                new Wave("canary", Map.of("ring", "canary"), MaxConcurrent.UNLIMITED),
                new Wave("rest", Map.of(), MaxConcurrent.UNLIMITED)), BAKE, RolloutPolicy.OnFailure.HALT, List.of());
        // "a" (a later wave) sorts before the canaries "b" and "c"
        List<DesiredCluster> clusters = List.of(cluster("a", "rest"), cluster("b", "canary"), cluster("c", "canary"));
        return new DesiredState(NEXT, clusters, Map.of("a", rings, "b", rings, "c", rings), List.of());
    }

    private static DesiredCluster cluster(String name, String ring) {
        return new DesiredCluster(new ClusterTarget(name, name, "us-east-1", null, true, false, false, Map.of("ring", ring)), List.of());
    }

    /** A cluster's run as serve makes it: "b" runs the commit Healthy, "c" crash-loops on it, "a" is never reached. */
    private void run(String cluster) {
        DesiredCluster desired = state.cluster(cluster).orElseThrow();
        if (cluster.equals("a")) {
            rollouts.observed(desired, NEXT, Health.healthy("old commit, 2/2 running"), false, "waiting for its wave");
            return;
        }
        rollouts.applied(cluster, NEXT);
        Health health = cluster.equals("b") ? Health.healthy("2/2 tasks running") : Health.degraded("crash loop");
        rollouts.observed(desired, NEXT, health, true, health.message());
    }

    private Rollout only() {
        return rollouts.current().get(0);
    }

    @Test
    void aPastBakeEndOfAHaltedRolloutWakesTheBakingClusterOnceAndTheQueueDrains() {
        rollouts.accepted(state);
        run("b");
        run("c");
        assertThat(only().state()).isEqualTo(Rollout.State.HALTED);
        assertThat(rollouts.resume()).isTrue(); // forgets what was seen of b: its bake ends only when b is seen again
        run("c");
        assertThat(only().state()).isEqualTo(Rollout.State.HALTED);
        assertThat(only().clusters().get("b").phase()).isEqualTo(Phase.BAKING);
        assertThat(woken).contains("b@" + T0.plus(BAKE)); // the wake goes to the cluster whose bake ends

        clock.set(T0.plus(Duration.ofHours(1))); // the bake end is past when the queue gets to it
        int runs = 0;
        while (!queue.isEmpty() && !queue.peek().getValue().isAfter(clock.instant()) && runs < 100) {
            run(queue.poll().getKey());
            runs++;
        }

        assertThat(runs).as("cluster runs at one instant (a storm runs until the bound)").isLessThan(10);
        assertThat(only().clusters().get("b").phase()).isEqualTo(Phase.DONE);
        assertThat(only().state()).isEqualTo(Rollout.State.HALTED);
    }
}
