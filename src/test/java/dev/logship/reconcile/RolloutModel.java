package dev.logship.reconcile;

import dev.logship.testkit.HandClock;

import dev.logship.model.ClusterTarget;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.HaltTags;
import dev.logship.model.Revision;
import dev.logship.model.RolloutPolicy;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.SavedRollouts;
import dev.logship.sync.Health;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The rollout driver ({@link Rollouts}) and planner against an in-memory ECS, for
 * {@link RolloutModelTest}. Each cluster runs one content (a string; "crash" in it crash-loops) on
 * a task definition ARN named after it, and carries the halt tags. A cluster run does what
 * {@link ClusterReconciler} does, in its order: record a halt, honour a halt record, ask the gate,
 * apply, observe. Every mutating call is checked against the invariants at the moment it is made.
 */
final class RolloutModel {
    /** What one commit wants on each cluster. */
    record Commit(Revision revision, Map<String, String> content) {}

    /** One cluster of the in-memory ECS. */
    static final class Ecs {
        String content;
        final Map<String, String> tags = new HashMap<>();
        boolean degradedAnyway; // unhealthy for reasons of its own, whatever runs (predates any commit)
    }

    final List<String> violations = new ArrayList<>();
    /** What happened, for the message of a failure (steps and calls). */
    final List<String> trace = new ArrayList<>();
    final Map<String, Ecs> ecs = new HashMap<>();
    final Map<String, String> waves;
    final RolloutPolicy policy;
    final Map<String, Commit> commits = new HashMap<>();
    /** The contents each cluster ran Healthy, in order, with the commit it was Healthy on (for I2). */
    final Map<String, List<String[]>> healthyHistory = new HashMap<>();
    /** Clusters a commit needed to change at some point of its rollout (for I4). */
    final Map<String, Set<String>> changedBy = new HashMap<>();
    int mutatingCalls;
    private SavedRollouts disk = SavedRollouts.empty();
    private final PriorityQueue<Object[]> triggers = new PriorityQueue<>((a, b) -> ((Instant) a[1]).compareTo((Instant) b[1]));
    Rollouts rollouts;
    Commit inForce;
    private final StatusStore status = new StatusStore(SourceStatus.notFetched("model", "main", "."), 20);
    final HandClock clock;

    RolloutModel(Map<String, String> waves, RolloutPolicy policy, Instant start) {
        this.waves = waves;
        this.policy = policy;
        this.clock = new HandClock(start);
        waves.keySet().forEach(c -> {
            Ecs e = new Ecs();
            e.content = "v0";
            ecs.put(c, e);
        });
        restart(true);
    }

    /** A new serve: with its data directory ({@code keepData}) or with an empty one. */
    void restart(boolean keepData) {
        if (!keepData) {
            disk = SavedRollouts.empty();
        }
        triggers.clear();
        RolloutStore store = new RolloutStore() {
            @Override
            public SavedRollouts load() {
                return disk;
            }

            @Override
            public void save(SavedRollouts state) {
                disk = state;
            }
        };
        rollouts = new Rollouts(status, clock, (cluster, at) -> triggers.add(new Object[] {cluster, at}), store,
                id -> Optional.ofNullable(commits.get(id)).map(this::state));
        if (inForce != null) {
            rollouts.accepted(state(inForce));
        }
    }

    DesiredState state(Commit commit) {
        List<DesiredCluster> clusters = waves.keySet().stream().sorted().map(c -> new DesiredCluster(
                new ClusterTarget(c, c, "us-east-1", null, true, false, false, Map.of("ring", waves.get(c))), List.of())).toList();
        Map<String, RolloutPolicy> policies = new HashMap<>();
        clusters.forEach(c -> policies.put(c.target().name(), policy));
        return new DesiredState(commit.revision(), clusters, policies, List.of());
    }

    void accept(Commit commit) {
        commits.put(commit.revision().id(), commit);
        inForce = commit;
        rollouts.accepted(state(commit));
    }

    /** Runs every trigger due now; true when one ran. */
    boolean runDue() {
        boolean any = false;
        int runs = 0;
        while (!triggers.isEmpty() && !((Instant) triggers.peek()[1]).isAfter(clock.instant())) {
            if (++runs > MAX_RUNS_PER_INSTANT) {
                // clusters that keep re-triggering each other at one instant would spin serve's queue too
                violations.add("trigger storm: more than " + MAX_RUNS_PER_INSTANT + " cluster runs due at " + clock.instant());
                triggers.clear();
                return true;
            }
            run((String) triggers.poll()[0]);
            any = true;
        }
        return any;
    }

    private static final int MAX_RUNS_PER_INSTANT = 5_000;

    void resyncAll() {
        waves.keySet().stream().sorted().forEach(this::run);
    }

    /** One cluster run, in {@link ClusterReconciler}'s order. */
    void run(String name) {
        if (inForce == null) {
            return;
        }
        DesiredState state = state(inForce);
        DesiredCluster desired = rollouts.desiredFor(name, state.cluster(name).orElseThrow());
        Revision revision = rollouts.revisionFor(name, state.revision());
        Ecs e = ecs.get(name);
        String want = commits.get(revision.id()).content().get(name);
        rollouts.haltToRecord(name).ifPresent(halted -> {
            Revision r = rollouts.revisionInForce();
            if (!r.id().equals(e.tags.get(HaltTags.HALTED))) {
                e.tags.putAll(HaltTags.of(r.id(), "h-" + commits.get(r.id()).content().get(name)));
                trace.add("  " + clock.instant() + " " + name + ": halt of " + r.shortId() + " recorded");
                mutatingCalls++; // the halt's own record: the one call a halted rollout's cluster may get besides its rollback
            }
            rollouts.haltRecorded(name, r.id());
        });
        boolean refused = !rollouts.resumed(revision) && HaltTags.refuses(e.tags, revision.id(), "h-" + want);
        if (refused) {
            rollouts.refusedHere(desired, revision, revision.shortId() + " was halted on this cluster");
        }
        if (!want.equals(e.content) && revision.id().equals(inForce.revision().id())) {
            changedBy.computeIfAbsent(revision.id(), k -> new java.util.HashSet<>()).add(name);
        }
        boolean apply = !want.equals(e.content) && !refused && rollouts.mayApply(name, revision, clock.instant());
        if (apply) {
            checkCall(name, revision, want);
            trace.add("  " + clock.instant() + " " + name + ": " + e.content + " -> " + want + " (" + revision.shortId() + ")");
            e.content = want;
            mutatingCalls++;
            if (revision.id().equals(inForce.revision().id()) && e.tags.remove(HaltTags.HALTED) != null) {
                e.tags.remove(HaltTags.HALTED_CONTENT);
                mutatingCalls++;
            }
            rollouts.applied(name, revision);
        }
        boolean inSync = want.equals(e.content);
        boolean degraded = e.degradedAnyway || e.content.contains("crash");
        Health health = degraded ? Health.degraded("crash loop") : Health.healthy("2/2 tasks running");
        if (inSync && !degraded) {
            healthyHistory.computeIfAbsent(name, k -> new ArrayList<>()).add(new String[] {revision.id(), e.content});
        }
        rollouts.observed(desired, revision, health, inSync, health.message(), inSync ? Set.of("td:" + e.content) : Set.of());
    }

    /** I1, I2 and I6 at the moment of a mutating call. */
    private void checkCall(String cluster, Revision revision, String content) {
        Rollout rollout = rollouts.current().stream().filter(r -> r.clusters().containsKey(cluster)).findFirst().orElseThrow();
        Phase phase = rollout.clusters().get(cluster).phase();
        boolean rollback = phase == Phase.ROLLING_BACK && !revision.id().equals(rollout.commit());
        if (rollout.state() == Rollout.State.HALTED && !rollback) {
            violations.add("I1: " + cluster + " got " + content + " (" + phase + ") from a halted rollout of " + rollout.commit());
        }
        if (rollback) {
            List<String[]> seen = healthyHistory.getOrDefault(cluster, List.of());
            String expected = null;
            for (int i = seen.size() - 1; i >= 0 && expected == null; i--) {
                if (!seen.get(i)[0].equals(rollout.commit())) {
                    expected = seen.get(i)[1];
                }
            }
            if (!content.equals(expected)) {
                violations.add("I2: " + cluster + " rolled back to " + content + ", last Healthy there was " + expected);
            }
        } else if (!rollout.windowOverride() && !new dev.logship.rollout.Windows(policy.windows(), SystemCron.CRON).allowed(clock.instant())) {
            violations.add("I6: " + cluster + " got " + content + " inside a deny window at " + clock.instant());
        }
    }
}
