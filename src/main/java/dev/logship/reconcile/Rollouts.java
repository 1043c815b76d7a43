package dev.logship.reconcile;

import dev.logship.cron.CronSchedules;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.model.RolloutPolicy;
import dev.logship.rollout.ClusterHealth;
import dev.logship.rollout.CronTimes;
import dev.logship.rollout.Decision;
import dev.logship.rollout.Notice;
import dev.logship.rollout.Observation;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Planner;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.Windows;
import dev.logship.sync.Health;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Executes the rollout planner's decisions: one rollout per RolloutPolicy for each accepted
 * commit. A cluster's run asks {@link #mayApply} before any mutating call (a cluster of a later
 * wave, or of a halted rollout, gets none), reports what it observed through {@link #observed},
 * and is re-triggered when the planner starts it, rolls it back or a bake time ends. A cluster
 * being rolled back is reconciled against the last commit that was Healthy there.
 *
 * <p>Drift and node-count changes on a cluster whose rollout is settled are not rollouts: they
 * are applied as before, but only while the policy's sync windows allow; inside a deny window
 * drift is reported (OutOfSync, DriftDetected) and reverted when the window ends.
 */
final class Rollouts {
    static final CronTimes CRON = new CronTimes() {
        @Override
        public Optional<Instant> lastStart(String schedule, ZoneId zone, Instant at) {
            return CronSchedules.lastStart(schedule, zone, at);
        }

        @Override
        public Optional<Instant> nextStart(String schedule, ZoneId zone, Instant at) {
            return CronSchedules.nextStart(schedule, zone, at);
        }
    };

    /** A commit that was Healthy on a cluster: where a rollback returns it. */
    record Healthy(DesiredCluster desired, Revision revision) {}

    private final StatusStore store;
    private final Clock clock;
    /** Triggers a cluster's run (now, or at a later instant for bake ends and windows). */
    private final BiConsumer<String, Instant> trigger;
    private final Map<String, Rollout> byPolicy = new LinkedHashMap<>();
    private final Map<String, RolloutPolicy> policies = new HashMap<>();
    private final Map<String, Observation> observed = new HashMap<>();
    private final Map<String, Healthy> lastHealthy = new HashMap<>();
    /** Per policy, until when a sync window blocks its rollout's starts (derived at each step, never persisted). */
    private final Map<String, Instant> blockedUntil = new HashMap<>();
    private DesiredState state;

    Rollouts(StatusStore store, Clock clock, BiConsumer<String, Instant> trigger) {
        this.store = store;
        this.clock = clock;
        this.trigger = trigger;
    }

    /** A new commit: one rollout per policy, replacing any earlier one (a halted rollout ends here). */
    synchronized void accepted(DesiredState newState) {
        state = newState;
        byPolicy.clear();
        policies.clear();
        blockedUntil.clear();
        observed.clear(); // what was seen of the previous commit says nothing about this one
        Map<String, List<Observation>> groups = new LinkedHashMap<>();
        for (DesiredCluster c : newState.clusters()) {
            String name = c.target().name();
            RolloutPolicy policy = newState.policyOf(name);
            policies.put(policy.name(), policy);
            groups.computeIfAbsent(policy.name(), p -> new ArrayList<>()).add(
                    Observation.of(name, c.target().labels(), ClusterHealth.PROGRESSING, true));
        }
        Instant now = clock.instant();
        groups.forEach((policy, clusters) -> {
            Rollout rollout = new Planner(policies.get(policy), CRON).start(newState.revision().id(), clusters, now);
            byPolicy.put(policy, rollout);
            decide(policy, now);
        });
    }

    /** Whether this cluster may get mutating calls for {@code revision} now (on the rollout clock). */
    boolean mayApply(String cluster, Revision revision) {
        return mayApply(cluster, revision, clock.instant());
    }

    /** Whether this cluster may get mutating calls for {@code revision} at {@code now}. */
    synchronized boolean mayApply(String cluster, Revision revision, Instant now) {
        if (state == null) {
            return false; // no commit accepted by the rollouts yet
        }
        Optional<Map.Entry<String, Rollout>> mine = rolloutOf(cluster);
        if (mine.isEmpty()) {
            // a cluster of a commit the rollouts have not taken in yet (the source accepts it first): wait for its rollout
            return false;
        }
        Rollout rollout = mine.get().getValue();
        Phase phase = rollout.clusters().get(cluster).phase();
        boolean back = phase == Phase.ROLLING_BACK || phase == Phase.ROLLED_BACK;
        Healthy healthy = lastHealthy.get(cluster);
        if (back ? healthy == null || !healthy.revision().id().equals(revision.id()) : !revision.id().equals(rollout.commit())) {
            return false; // a run that read a commit other than the one this rollout moves
        }
        if (phase == Phase.PENDING) {
            return false;
        }
        if (phase == Phase.DONE || rollout.state() != Rollout.State.RUNNING) {
            // settled: drift and node counts are applied as before, within the sync windows
            RolloutPolicy policy = policies.get(mine.get().getKey());
            return rollout.windowOverride() || new Windows(policy.windows(), CRON).allowed(now);
        }
        return true;
    }

    /** The desired state to reconcile this cluster to: the last Healthy commit while it is rolled back. */
    synchronized DesiredCluster desiredFor(String cluster, DesiredCluster inForce) {
        Phase phase = rolloutOf(cluster).map(e -> e.getValue().clusters().get(cluster).phase()).orElse(null);
        Healthy back = lastHealthy.get(cluster);
        return (phase == Phase.ROLLING_BACK || phase == Phase.ROLLED_BACK) && back != null ? back.desired() : inForce;
    }

    synchronized Revision revisionFor(String cluster, Revision inForce) {
        Phase phase = rolloutOf(cluster).map(e -> e.getValue().clusters().get(cluster).phase()).orElse(null);
        Healthy back = lastHealthy.get(cluster);
        return (phase == Phase.ROLLING_BACK || phase == Phase.ROLLED_BACK) && back != null ? back.revision() : inForce;
    }

    /** What a cluster's run saw after it acted: steps its rollout and starts what may start. */
    synchronized void observed(DesiredCluster desired, Revision revision, Health health, boolean inSync, String message) {
        String name = desired.target().name();
        Optional<Map.Entry<String, Rollout>> mine = rolloutOf(name);
        if (inSync && health.status() == Health.Status.Healthy && state != null && revision.id().equals(state.revision().id())) {
            lastHealthy.put(name, new Healthy(desired, revision));
        }
        if (mine.isEmpty()) {
            return;
        }
        Rollout rollout = mine.get().getValue();
        Phase phase = rollout.clusters().get(name).phase();
        boolean rollingBack = phase == Phase.ROLLING_BACK;
        if (!rollingBack && !revision.id().equals(rollout.commit())) {
            return; // an observation of another commit says nothing about this rollout
        }
        ClusterHealth h = !inSync ? ClusterHealth.PROGRESSING : switch (health.status()) {
            case Healthy -> ClusterHealth.HEALTHY;
            case Degraded -> ClusterHealth.DEGRADED;
            default -> ClusterHealth.PROGRESSING;
        };
        boolean needsChange = !inSync || phase != Phase.PENDING;
        observed.put(name, new Observation(name, desired.target().labels(), h, needsChange, message));
        decide(mine.get().getKey(), clock.instant());
    }

    /** An operator's resume of every halted rollout; true when one was halted. */
    synchronized boolean resume() {
        boolean any = false;
        for (String policy : List.copyOf(byPolicy.keySet())) {
            Rollout r = byPolicy.get(policy);
            if (r.state() == Rollout.State.HALTED) {
                byPolicy.put(policy, new Planner(policies.get(policy), CRON).resume(r));
                store.record(Event.of(null, "Resumed", "rollout of " + short12(r.commit()) + " (" + policy + ") resumed by an operator", r.commit()));
                decide(policy, clock.instant());
                any = true;
            }
        }
        return any;
    }

    /** Ignore sync windows for the rollouts of the commit in force (until the next commit). */
    synchronized void overrideWindows() {
        for (String policy : List.copyOf(byPolicy.keySet())) {
            byPolicy.put(policy, byPolicy.get(policy).withWindowOverride(true));
            decide(policy, clock.instant());
        }
    }

    synchronized Optional<Instant> blockedUntil(String policy) {
        return Optional.ofNullable(blockedUntil.get(policy));
    }

    synchronized List<Rollout> current() {
        return List.copyOf(byPolicy.values());
    }

    private void decide(String policy, Instant now) {
        Rollout rollout = byPolicy.get(policy);
        Decision d = new Planner(policies.get(policy), CRON).step(rollout, observed, now);
        byPolicy.put(policy, d.rollout());
        d.blockedUntil().ifPresentOrElse(t -> blockedUntil.put(policy, t), () -> blockedUntil.remove(policy));
        for (Notice n : d.notices()) {
            store.record(Event.of(n.cluster().isEmpty() ? null : n.cluster(), n.event(), n.message(), rollout.commit()));
        }
        d.apply().forEach(c -> trigger.accept(c, now));
        d.rollBack().forEach(c -> trigger.accept(c, now));
        d.wakeAt().ifPresent(at -> d.rollout().clusters().values().stream()
                .filter(r -> r.phase() == Phase.BAKING || r.phase() == Phase.PENDING).findFirst()
                .ifPresent(r -> trigger.accept(r.cluster(), at)));
    }

    private Optional<Map.Entry<String, Rollout>> rolloutOf(String cluster) {
        return byPolicy.entrySet().stream().filter(e -> e.getValue().clusters().containsKey(cluster)).findFirst();
    }

    private static String short12(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }
}
