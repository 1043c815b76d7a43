package dev.logship.reconcile;

import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Plan;
import dev.logship.diff.PlanText;
import dev.logship.model.DesiredCluster;
import dev.logship.model.Revision;
import dev.logship.render.TelemetryExpected;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.GatewayException;
import dev.logship.sync.Health;
import dev.logship.sync.SyncResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run for one cluster, as a list of phases: observe and diff, apply (unless suspended or
 * nothing differs), observe again after a change, assess, record. Never throws: an ECS failure
 * is recorded on the status and answered with a retry after backoff.
 */
final class ClusterReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterReconciler.class);
    /** What the queue should do next: nothing, retry after backoff, or look again soon (rollout in progress). */
    enum Next { DONE, RETRY, RECHECK }

    private final ClusterSynchronizer synchronizer;
    private final StatusStore store;
    private final ReconcileListener listener;
    private final RolloutProgress progress;
    private final Clock clock;
    private final Map<String, Duration> recheckAfter = new ConcurrentHashMap<>();
    /** Clusters whose Degraded health has been reported and not yet its recovery (Progressing may lie between). */
    private final java.util.Set<String> degraded = ConcurrentHashMap.newKeySet();
    /** The fleet rollout gate (null: every cluster at once, as before RolloutPolicy existed). */
    private final Rollouts rollouts;
    /** Records, honours and clears the halt record kept on the cluster's ECS resources. */
    private final HaltGate halts;
    /** Ends a rollout's cluster that never progresses (errors, no ECS cluster, no nodes) as RolloutStuck. */
    private final StuckInRollout stuck;
    private final ClusterEvents events; // the events of a run's changes (steps, failures, drift)
    private final TelemetryExpected telemetryExpected; // which forwarders must report to serve's delivery source

    ClusterReconciler(ClusterSynchronizer synchronizer, StatusStore store, ReconcileListener listener,
                      RolloutProgress progress, Clock clock, Rollouts rollouts, TelemetryExpected telemetryExpected) {
        this.telemetryExpected = telemetryExpected;
        this.rollouts = rollouts;
        this.halts = new HaltGate(synchronizer, store, rollouts);
        this.stuck = new StuckInRollout(progress, rollouts, clock);
        this.events = new ClusterEvents(store);
        this.synchronizer = synchronizer;
        this.store = store;
        this.listener = listener;
        this.progress = progress;
        this.clock = clock;
    }

    /** How long to wait before the next look at a cluster whose last run answered {@link Next#RECHECK}. */
    Duration recheckAfter(String name) {
        return recheckAfter.getOrDefault(name, Duration.ZERO);
    }

    Next reconcile(DesiredCluster desired, Revision revision, Stall stall) {
        String name = desired.target().name();
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        ClusterPlan before;
        try {
            before = synchronizer.plan(desired);
        } catch (GatewayException e) {
            return failed(desired, revision, stall, startedAt, start, "ObserveFailed", e.getMessage());
        } catch (RuntimeException e) {
            return failed(desired, revision, stall, startedAt, start, "ObserveFailed", unexpected(e));
        }
        try {
            before = halts.recordIfHalted(desired, before);
        } catch (GatewayException e) {
            return failed(desired, revision, stall, startedAt, start, "ApplyFailed", e.getMessage());
        }
        // The cluster's ECS resources may say this commit was halted here (by any process): never again until Resume.
        boolean refused = halts.refused(desired, revision, before);
        // A cluster its rollout has not reached (later wave, halted, sync window) gets no mutating call.
        boolean apply = before.hasChanges() && !desired.target().suspend() && !refused
                && (rollouts == null || rollouts.mayApply(name, revision));
        halts.showFrozenDrift(name, revision, before, apply);
        SyncResult result = null;
        ClusterPlan after = before;
        try {
            if (apply) {
                boolean drift = events.reportDrift(name, revision, before);
                if (rollouts != null) {
                    rollouts.applied(name, revision); // before the calls: one that fails half-way still changed ECS
                }
                result = synchronizer.apply(desired, before);
                after = synchronizer.plan(desired);
                if (result.succeeded()) {
                    halts.clearStale(desired, revision, after);
                }
                if (drift && result.succeeded() && !after.hasChanges()) {
                    store.record(Event.of(name, "DriftReverted", "ECS matches Git again after changes made outside it",
                            revision.id()));
                }
            }
        } catch (GatewayException e) {
            events.recordSteps(name, revision, result);
            return failed(desired, revision, stall, startedAt, start, "ApplyFailed", e.getMessage());
        } catch (RuntimeException e) {
            events.recordSteps(name, revision, result);
            return failed(desired, revision, stall, startedAt, start, "ApplyFailed", unexpected(e));
        }
        events.recordSteps(name, revision, result);
        return record(desired, revision, stall, after, result, startedAt, Duration.ofNanos(System.nanoTime() - start));
    }

    private Next record(DesiredCluster desired, Revision revision, Stall stall, ClusterPlan after, SyncResult result,
                        Instant startedAt, Duration took) {
        String name = desired.target().name();
        List<ForwarderRows.Assessed> rows = ForwarderRows.of(after, telemetryExpected);
        Health health = after.clusterExists()
                ? Health.worst(rows.stream().map(ForwarderRows.Assessed::health).toList())
                : Health.missing("ECS cluster " + desired.target().clusterName() + " not found");
        boolean inSync = after.clusterExists() && rows.stream().allMatch(r -> r.status().syncStatus() == SyncStatus.Synced);
        String error = result == null || result.succeeded() ? null : result.failures().stream()
                .map(f -> (f.forwarder().isEmpty() ? "" : f.forwarder() + ": ") + f.message()).collect(Collectors.joining("; "));
        if (error == null && !after.clusterExists()) {
            error = health.message();
        }
        RolloutProgress.Verdict verdict = null;
        StuckInRollout.Judged empty = stuck.whenEmpty(desired, revision, after, health);
        if (empty != null) {
            verdict = empty.verdict();
            health = empty.health();
        } else if (health.status() == Health.Status.Progressing && inSync && error == null) {
            verdict = progress.observe(name, fingerprint(revision, rows), clock.instant());
            if (verdict.stuck()) {
                rows = StuckRollouts.degrade(rows, verdict.sinceProgress());
                health = Health.worst(rows.stream().map(ForwarderRows.Assessed::health).toList());
                reportStuck(name, revision, health);
            }
        } else {
            progress.settled(name);
        }
        String pending = inSync ? null : PlanText.render(new Plan(revision, List.of(after)));
        List<Condition> conditions = verdict != null && verdict.stuck() && stall == null
                ? StuckRollouts.conditions(health, progress.timeout())
                : Conditions.after(desired.target().suspend(), inSync, health, error, stall, revision);
        String resultLabel = stall != null ? "stalled" : error != null ? "failed" : !inSync ? "out_of_sync"
                : result != null ? "applied" : "synced";
        listener.synced(name, resultLabel, took);
        // Changes and failures are logged as events; a quiet resync only at debug level (1,000 clusters resync often).
        LOG.debug("[{}] {} {} in {} ms at {}", name, resultLabel, health.status(), took.toMillis(), revision.shortId());
        String finalError = error;
        Health judged = health;
        List<ForwarderStatus> forwarders = rows.stream().map(ForwarderRows.Assessed::status).toList();
        reportHealthTransition(name, revision, judged);
        store.updateCluster(name, s -> new ClusterStatus(name, desired.target().clusterName(), desired.target().region(),
                inSync ? SyncStatus.Synced : SyncStatus.OutOfSync, judged.status().name(), judged.message(), conditions,
                stall != null ? stall.revision() : revision.id(),
                inSync ? revision.id() : s.lastAppliedRevision(), startedAt, took.toMillis(), finalError, pending,
                forwarders, desired.target().labels()).keepingTransitionsOf(s));
        if (result != null && inSync) {
            store.record(Event.of(name, "Applied", "applied " + describe(revision) + " in " + took.toMillis() + " ms; "
                    + health.status() + ": " + health.message(), revision.id()));
        }
        if (rollouts != null) {
            // after the cluster's own events: the rollout's step (and its saved state) follows what the run did
            rollouts.observed(desired, revision, judged, inSync, judged.message(), inSync ? runningTaskDefinitions(after) : java.util.Set.of());
        }
        if (finalError != null) {
            return Next.RETRY;
        }
        if (verdict == null) {
            recheckAfter.remove(name);
            return Next.DONE;
        }
        recheckAfter.put(name, verdict.recheckAfter());
        return Next.RECHECK;
    }

    /** The task definition ARNs the cluster's forwarders run (read when in sync: a rollback may return to them). */
    private static java.util.Set<String> runningTaskDefinitions(ClusterPlan plan) {
        java.util.Set<String> arns = plan.changes(dev.logship.diff.NoChange.class).stream().map(n -> n.live().taskDefinitionArn())
                .filter(java.util.Objects::nonNull).collect(Collectors.toCollection(java.util.HashSet::new));
        plan.changes(dev.logship.diff.DaemonChange.class).stream() // managed daemons: their rollback targets are kept too
                .filter(d -> d.kind() == dev.logship.diff.DaemonChange.Kind.NO_CHANGE && d.live() != null)
                .map(d -> d.live().taskDefinitionArn()).filter(java.util.Objects::nonNull).forEach(arns::add);
        return arns;
    }

    /** What ECS reported of the rollout: any change in it is progress. */
    private static String fingerprint(Revision revision, List<ForwarderRows.Assessed> rows) {
        return revision.id() + rows.stream().map(r -> r.status().name() + "=" + r.status().running() + "/"
                + r.status().desired() + " " + r.status().taskDefinition() + " " + r.health())
                .collect(Collectors.joining(";", "[", "]"));
    }

    /**
     * One event when a cluster turns Degraded (with the reason, e.g. ECS's statusReason of a
     * rolled-back daemon deployment) and one when it is Healthy again: not one per resync. Named
     * apart from the rollout planner's "Degraded" notice, which is about a wave and may notify.
     */
    private void reportHealthTransition(String name, Revision revision, Health now) {
        if (now.status() == Health.Status.Degraded && degraded.add(name)) {
            store.record(Event.of(name, "HealthDegraded", now.message(), revision.id()));
        } else if (now.status() == Health.Status.Healthy && degraded.remove(name)) {
            store.record(Event.of(name, "HealthRecovered", now.message(), revision.id()));
        }
    }

    /** One event when a rollout becomes stuck, not one per recheck. */
    private void reportStuck(String name, Revision revision, Health health) {
        boolean already = store.cluster(name).map(s -> s.condition(Condition.READY))
                .map(c -> RolloutProgress.STUCK_REASON.equals(c.reason())).orElse(false);
        if (!already) {
            store.record(Event.of(name, RolloutProgress.STUCK_REASON, health.message(), revision.id()));
        }
    }

    private Next failed(DesiredCluster desired, Revision revision, Stall stall, Instant startedAt, long start, String reason,
                        String message) {
        String name = desired.target().name();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        stuck.observe(desired, revision, reason, reason + ": " + message);
        listener.synced(name, "failed", took);
        store.record(Event.of(name, reason, message, revision.id()));
        List<Condition> conditions = Conditions.failed(reason, message, stall);
        store.updateCluster(name, s -> new ClusterStatus(name, s.clusterName(), s.region(),
                s.syncStatus() == SyncStatus.Synced ? SyncStatus.Unknown : s.syncStatus(), s.health(), s.healthMessage(),
                conditions, stall != null ? stall.revision() : revision.id(), s.lastAppliedRevision(), startedAt,
                took.toMillis(), message, s.pendingPlan(), s.forwarders(), s.labels()).keepingTransitionsOf(s));
        return Next.RETRY;
    }

    /** Logged with its stack trace (types and frames: the message may quote a task definition and its routes). */
    private static String unexpected(RuntimeException e) {
        return InternalErrors.log(LOG, "the cluster run", e);
    }

    static String describe(Revision revision) {
        String subject = revision.description().lines().findFirst().orElse("");
        return revision.shortId() + (subject.isEmpty() ? "" : " \"" + subject + "\"");
    }

}
