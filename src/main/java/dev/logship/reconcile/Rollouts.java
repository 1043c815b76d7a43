package dev.logship.reconcile;

import dev.logship.model.ClusterTarget;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.render.TelemetryExpected;
import dev.logship.rollout.ClusterHealth;
import dev.logship.rollout.ClusterRun;
import dev.logship.rollout.Observation;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Planner;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.RunRecord;
import dev.logship.rollout.SavedRollouts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The rollouts as a cluster's run and the status API see them (the driver, {@link RolloutDriver},
 * steps them): whether a cluster may be changed now, what it is reconciled to (its rollback
 * target while rolled back), the halt it must record or honour on ECS, and what to show.
 */
final class Rollouts extends RolloutDriver {
    Rollouts(StatusStore store, Clock clock, BiConsumer<String, Instant> trigger) {
        this(store, clock, trigger, RolloutStore.inMemory(), commit -> Optional.empty());
    }

    /** Forwarders must report as to the built-in ingest. */
    Rollouts(StatusStore store, Clock clock, BiConsumer<String, Instant> trigger, RolloutStore saved,
             Function<String, Optional<DesiredState>> commits) {
        this(store, clock, trigger, saved, commits, TelemetryExpected.INGEST);
    }

    /** {@code telemetryExpected}: which forwarders' silence is bad in a delivery-gated bake (serve's delivery source). */
    Rollouts(StatusStore store, Clock clock, BiConsumer<String, Instant> trigger, RolloutStore saved,
             Function<String, Optional<DesiredState>> commits, TelemetryExpected telemetryExpected) {
        super(store, clock, trigger, saved, commits, telemetryExpected);
    }

    /** An operator's resume of every halted rollout; true when one was halted. */
    synchronized boolean resume() {
        boolean any = false;
        for (String policy : List.copyOf(byPolicy.keySet())) {
            Rollout r = byPolicy.get(policy);
            if (r.state() == Rollout.State.HALTED) {
                marks.resumed(r);
                r.clusters().keySet().forEach(observed::remove); // what was seen of the halt says nothing of the retry
                byPolicy.put(policy, new Planner(policies.get(policy), CRON).resume(r));
                durable.changed(); // decide compares with the resumed rollout, not the halted one saved
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
            durable.changed();
            decide(policy, clock.instant());
        }
    }

    /**
     * Delivery as the telemetry monitor judged it (every few seconds): a running rollout whose policy
     * gates bakes on delivery steps at once when a cluster of it changes status, so a canary that
     * stops delivering fails its bake within the window, not at the bake's end.
     */
    synchronized void deliveryJudged(Map<String, dev.logship.delivery.ClusterDelivery> judged) {
        Set<String> changed = delivery.judged(judged, state, clock.instant());
        for (String policy : List.copyOf(byPolicy.keySet())) {
            Rollout r = byPolicy.get(policy);
            if (r.state() == Rollout.State.RUNNING && policies.get(policy).requireDelivery()
                    && r.clusters().keySet().stream().anyMatch(changed::contains)) {
                decide(policy, clock.instant());
            }
        }
    }

    /** Whether this cluster may get mutating calls for {@code revision} now (on the rollout clock). */
    boolean mayApply(String cluster, Revision revision) {
        return mayApply(cluster, revision, clock.instant());
    }

    /** Whether this cluster may get mutating calls for {@code revision} at {@code now} (see {@link ApplyGate}). */
    synchronized boolean mayApply(String cluster, Revision revision, Instant now) {
        // no commit taken in yet, or a cluster of one the rollouts have not taken in: wait for its rollout
        return rolloutOf(cluster).map(e -> ApplyGate.mayApply(e.getValue(), policies.get(e.getKey()), cluster, revision,
                target(cluster), durable.awaitingDisk(cluster), now)).orElse(false);
    }

    /** The desired state to reconcile this cluster to: the last Healthy commit while it is rolled back. */
    synchronized DesiredCluster desiredFor(String cluster, DesiredCluster inForce) {
        RollbackTargets.Healthy back = backTo(cluster);
        return back != null ? back.desired() : inForce;
    }

    synchronized Revision revisionFor(String cluster, Revision inForce) {
        RollbackTargets.Healthy back = backTo(cluster);
        return back != null ? back.revision() : inForce;
    }

    /**
     * The commit whose halt this cluster's ECS resources should record now, with its desired cluster
     * (to hash its content): its rollout is halted, and a run changed ECS here for that commit.
     */
    synchronized Optional<DesiredCluster> haltToRecord(String cluster) {
        Optional<Rollout> mine = rolloutOf(cluster).map(Map.Entry::getValue);
        if (mine.isEmpty() || mine.get().state() != Rollout.State.HALTED || state == null
                || !mine.get().commit().equals(state.revision().id()) || marks.isRecorded(cluster, mine.get().commit())) {
            return Optional.empty();
        }
        ClusterRun run = mine.get().clusters().get(cluster);
        boolean changedHere = run.changed() && marks.wasMutated(cluster, mine.get().commit())
                && (run.phase() == Phase.FAILED || run.phase() == Phase.ROLLING_BACK || run.phase() == Phase.ROLLED_BACK);
        return changedHere ? state.cluster(cluster) : Optional.empty();
    }

    /** The commit in force (the one {@link #haltToRecord} names). */
    synchronized Revision revisionInForce() {
        return state.revision();
    }

    /** Whether {@code revision} is the commit in force (not a rollback's target). */
    synchronized boolean revisionInForceIs(Revision revision) {
        return revisionInForce(revision);
    }

    /** A run changed ECS for {@code revision} here (a cluster the halted commit never changed records no halt). */
    synchronized void applied(String cluster, Revision revision) {
        if (revisionInForce(revision)) { // a rollback's change is not the commit's
            marks.mutated(cluster, revision.id());
        }
    }

    synchronized void haltRecorded(String cluster, String commit) {
        marks.recorded(cluster, commit);
    }

    /** Whether an operator resumed {@code revision}: a halt recorded on ECS no longer holds it back. */
    synchronized boolean resumed(Revision revision) {
        return marks.isResumed(revision.id());
    }

    /** The cluster's ECS resources say {@code revision} was halted there before: its rollout halts without changing it. */
    synchronized void refusedHere(DesiredCluster desired, Revision revision, String why) {
        String name = desired.target().name();
        marks.recorded(name, revision.id());
        see(desired, revision, new Observation(name, desired.target().labels(), ClusterHealth.PROGRESSING, true, why).haltedHere(why));
    }

    /** No progress within the rollout timeout (a missing ECS cluster, repeated errors, no nodes): Degraded for the rollout. */
    synchronized void stuck(DesiredCluster desired, Revision revision, String why) {
        see(desired, revision, new Observation(desired.target().name(), desired.target().labels(), ClusterHealth.DEGRADED, true, why));
    }

    private void see(DesiredCluster desired, Revision revision, Observation o) {
        Optional<Map.Entry<String, Rollout>> mine = rolloutOf(o.cluster());
        if (mine.isPresent() && mine.get().getValue().commit().equals(revision.id())) {
            observed.put(o.cluster(), o);
            decide(mine.get().getKey(), clock.instant());
        }
    }

    /** Whether the cluster belongs to a halted rollout (frozen: only its rollback changes it). */
    synchronized boolean frozen(String cluster) {
        return rolloutOf(cluster).map(e -> e.getValue().state() == Rollout.State.HALTED
                && e.getValue().clusters().get(cluster).phase() != Phase.ROLLING_BACK).orElse(false);
    }

    /** Whether the cluster's rollout of {@code revision} waits for it to prove Healthy (started, running, not yet baked). */
    synchronized boolean proving(String cluster, Revision revision) {
        return rolloutOf(cluster).map(Map.Entry::getValue).filter(r -> r.state() == Rollout.State.RUNNING
                && r.commit().equals(revision.id())).map(r -> r.clusters().get(cluster).phase())
                .map(p -> p == Phase.IN_FLIGHT || p == Phase.BAKING).orElse(false);
    }

    synchronized Optional<Instant> blockedUntil(String policy) {
        return Optional.ofNullable(blockedUntil.get(policy));
    }

    synchronized List<Rollout> current() {
        return List.copyOf(byPolicy.values());
    }

    /** The cluster's last rollouts, oldest first (empty for a cluster no rollout changed). */
    synchronized List<RunRecord> history(String cluster) {
        return history.getOrDefault(cluster, List.of());
    }

    /** Everything that is saved, as it is now (the status API's history reads it). */
    synchronized SavedRollouts saved() {
        return snapshot();
    }

    /**
     * Task definition ARNs of {@code family} a rollout in progress or halted may return a cluster to
     * (revision clean-up keeps them; see {@link dev.logship.sync.RetainedRevisions}). Asked under a
     * family's lock, so it reads only what is in memory (never a commit).
     */
    synchronized Set<String> retained(ClusterTarget target, String family) {
        return targets.retained(byPolicy.values(), family);
    }

    /** Why the revisions a rollout may return to are not all known, null when they are (clean-up waits meanwhile). */
    synchronized String retainedUnknownBecause() {
        return targets.unknownBecause(byPolicy.values());
    }

    /** The rollback target of the cluster's rollout (the last Healthy commit other than the rollout's own). */
    private RollbackTargets.Healthy target(String cluster) {
        return targets.target(cluster, rolloutOf(cluster).map(e -> e.getValue().commit()).orElse(null), state);
    }

    /** The rollback target while the cluster is rolling or rolled back, else null. */
    private RollbackTargets.Healthy backTo(String cluster) {
        Phase phase = rolloutOf(cluster).map(e -> e.getValue().clusters().get(cluster).phase()).orElse(null);
        return phase == Phase.ROLLING_BACK || phase == Phase.ROLLED_BACK ? target(cluster) : null;
    }
}
