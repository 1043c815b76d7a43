package dev.logship.reconcile;

import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.model.RolloutPolicy;
import dev.logship.render.TelemetryExpected;
import dev.logship.rollout.ClusterHealth;
import dev.logship.rollout.CronTimes;
import dev.logship.rollout.Decision;
import dev.logship.rollout.History;
import dev.logship.rollout.Observation;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Planner;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.RunRecord;
import dev.logship.rollout.SavedRollouts;
import dev.logship.sync.Health;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollout driver: executes the planner's decisions, one rollout per RolloutPolicy for each
 * accepted commit. A cluster's run asks {@link Rollouts} (the same object: the cluster run's side)
 * before any mutating call, reports what it saw through {@link #observed}, and is re-triggered when
 * the planner starts it, rolls it back or a bake time ends. Its helpers each keep one rule:
 * {@link ApplyGate} (who may change ECS now), {@link RollbackTargets} (where a rollback returns),
 * {@link DurableDecisions} (decisions on disk before they act), {@link HaltMarks} and
 * {@link RolloutOrigin} (a commit's rollout: halted before, saved before a restart, or new).
 * A halted rollout is frozen: only its rollback changes its clusters, until Resume or a new commit.
 */
abstract class RolloutDriver {
    private static final Logger LOG = LoggerFactory.getLogger(Rollouts.class);
    /** Cron schedules as cron-utils reads them (the planner takes them as a function). */
    static final CronTimes CRON = SystemCron.CRON;

    final StatusStore store;
    final Clock clock;
    /** Triggers a cluster's run (now, or at a later instant for bake ends and windows). */
    private final BiConsumer<String, Instant> trigger;
    final Map<String, Rollout> byPolicy = new LinkedHashMap<>();
    final Map<String, RolloutPolicy> policies = new LinkedHashMap<>();
    final Map<String, Observation> observed = new LinkedHashMap<>();
    /** Per policy, until when a sync window blocks its rollout's starts (derived at each step, never persisted). */
    final Map<String, Instant> blockedUntil = new LinkedHashMap<>();
    DesiredState state;
    final RollbackTargets targets;
    final DurableDecisions durable;
    final HaltMarks marks = new HaltMarks();
    /** Each cluster's delivery as last judged, for policies that gate bakes on it. */
    final DeliveryGate delivery;
    /** The rollouts saved before a restart, resumed by the first commit accepted if it is theirs. */
    private final RolloutOrigin origin;
    Map<String, List<RunRecord>> history;
    /** Per cluster, the task definitions it ran when last seen in sync with the rollout's commit (for its history). */
    final Map<String, List<String>> commitRevisions = new LinkedHashMap<>();

    RolloutDriver(StatusStore store, Clock clock, BiConsumer<String, Instant> trigger, RolloutStore saved,
             Function<String, Optional<DesiredState>> commits, TelemetryExpected telemetryExpected) {
        this.delivery = new DeliveryGate(telemetryExpected);
        this.store = store;
        this.clock = clock;
        this.trigger = trigger;
        this.durable = new DurableDecisions(saved);
        SavedRollouts loaded = durable.loaded();
        origin = new RolloutOrigin(loaded.rollouts(), marks, CRON);
        history = new LinkedHashMap<>(loaded.history());
        targets = new RollbackTargets(loaded, commits);
    }

    /** A new commit: one rollout per policy, replacing any earlier one (a halted rollout ends here). */
    void accepted(DesiredState newState) {
        Set<String> unread;
        synchronized (this) {
            unread = targets.unread(newState);
        }
        // saved rollback targets are read again from the source here, outside the lock (a Git read and a render)
        Map<String, Optional<DesiredState>> read = unread.isEmpty() ? Map.of() : targets.readAgain(unread);
        synchronized (this) {
            targets.preload(read);
            take(newState);
        }
    }

    private void take(DesiredState newState) {
        state = newState;
        byPolicy.clear();
        policies.clear();
        blockedUntil.clear();
        observed.clear(); // what was seen of the previous commit says nothing about this one
        commitRevisions.clear();
        marks.newCommit();
        Map<String, List<Observation>> groups = new LinkedHashMap<>();
        for (DesiredCluster c : newState.clusters()) {
            RolloutPolicy policy = newState.policyOf(c.target().name());
            policies.put(policy.name(), policy);
            groups.computeIfAbsent(policy.name(), p -> new ArrayList<>()).add(
                    Observation.of(c.target().name(), c.target().labels(), ClusterHealth.PROGRESSING, true));
        }
        Instant now = clock.instant();
        groups.forEach((policy, clusters) -> byPolicy.put(policy, origin.rolloutOf(state.revision().id(), policies.get(policy), clusters, now)));
        origin.taken(); // only the first commit after a restart can be the saved one
        history = new LinkedHashMap<>(History.supersede(history, List.copyOf(byPolicy.values()), now));
        // a cluster no longer in Git has no history to keep (history.json would grow with every cluster ever seen)
        history.keySet().retainAll(newState.clusters().stream().map(c -> c.target().name()).toList());
        durable.changed();
        List.copyOf(byPolicy.keySet()).forEach(policy -> decide(policy, now));
        durable.saveSoon(this::snapshot); // a crash before this is written restarts the rollout from the planner: nothing lost
    }

    /**
     * What a cluster's run saw after it acted: steps its rollout and starts what may start.
     * {@code taskDefinitions}: the ARNs its forwarders run (when in sync), kept with a Healthy commit.
     */
    synchronized void observed(DesiredCluster desired, Revision revision, Health health, boolean inSync, String message,
                               Set<String> taskDefinitions) {
        String name = desired.target().name();
        Optional<Map.Entry<String, Rollout>> mine = rolloutOf(name);
        boolean healthyNow = inSync && health.status() == Health.Status.Healthy;
        if (healthyNow && state != null && revision.id().equals(state.revision().id())
                && targets.healthyOnCommit(name, desired, revision, taskDefinitions, state)) {
            durable.changed();
            durable.saveSoon(this::snapshot);
        }
        String commit = mine.map(e -> e.getValue().commit()).orElse(null);
        RollbackTargets.Healthy target = targets.target(name, commit, state);
        boolean backOnTarget = target != null && revision.id().equals(target.revision().id()) && !revisionInForce(revision);
        if (healthyNow && backOnTarget) {
            targets.rolledBack(name, target); // Healthy on its earlier commit again: where the next rollback returns it
            durable.changed();
            durable.saveSoon(this::snapshot);
        }
        if (mine.isEmpty()) {
            return;
        }
        Rollout rollout = mine.get().getValue();
        Phase phase = rollout.clusters().get(name).phase();
        if (phase == Phase.ROLLING_BACK ? !backOnTarget : !revision.id().equals(rollout.commit())) {
            return; // another commit's run (only the rollback's own target, seen, ends a rollback)
        }
        if (inSync && revision.id().equals(rollout.commit())) {
            commitRevisions.put(name, taskDefinitions(name));
        }
        ClusterHealth h = !inSync ? ClusterHealth.PROGRESSING : switch (health.status()) {
            case Healthy -> ClusterHealth.HEALTHY;
            case Degraded -> ClusterHealth.DEGRADED;
            default -> ClusterHealth.PROGRESSING;
        };
        // found in sync before any call of this commit: the commit does not change it (its health is its own)
        boolean needsChange = !inSync || (phase != Phase.PENDING && !marks.untouched(name, rollout.commit()));
        observed.put(name, new Observation(name, desired.target().labels(), h, needsChange, message));
        decide(mine.get().getKey(), clock.instant());
    }

    void observed(DesiredCluster desired, Revision revision, Health health, boolean inSync, String message) {
        observed(desired, revision, health, inSync, message, Set.of());
    }

    /** Steps one policy's rollout with what was observed; hands the decision to disk, then triggers what it starts. */
    void decide(String policy, Instant now) {
        Rollout rollout = byPolicy.get(policy);
        observed.replaceAll((c, o) -> o.withDelivery(delivery.of(c))); // the planner judges bakes by delivery as of now
        Decision d = new Planner(policies.get(policy), CRON).step(rollout, observed, now,
                c -> targets.target(c, rollout.commit(), state) != null);
        byPolicy.put(policy, d.rollout());
        if (d.rollout().state() == Rollout.State.HALTED) {
            marks.halted(d.rollout());
        }
        d.blockedUntil().ifPresentOrElse(t -> blockedUntil.put(policy, t), () -> blockedUntil.remove(policy));
        Map<String, List<RunRecord>> recorded = History.record(history, d.rollout(), c -> commitRevisions.getOrDefault(c, List.of()), History.DEFAULT_KEEP);
        if (!d.rollout().equals(rollout) || !recorded.equals(history)) {
            durable.changed();
        }
        history = recorded;
        RolloutEvents.report(store, LOG, d.notices(), rollout.commit());
        d.apply().forEach(c -> marks.started(c, d.rollout().commit()));
        d.rollBack().forEach(observed::remove); // what was seen of the halted commit there says nothing of its rollback
        List<String> changes = new ArrayList<>(d.apply());
        changes.addAll(d.rollBack());
        if (rollout.state() == Rollout.State.RUNNING && d.rollout().state() == Rollout.State.HALTED) {
            // each cluster the halted commit changed records the halt on its ECS resources at its next run
            d.rollout().clusters().values().stream().filter(r -> r.changed() && r.phase() == Phase.FAILED).forEach(r -> changes.add(r.cluster()));
        }
        Runnable triggers = () -> {
            changes.forEach(c -> trigger.accept(c, now));
            d.wakeAt().ifPresent(at -> d.wake().forEach(c -> trigger.accept(c, at)));
        };
        if (changes.isEmpty() && d.rollout().state() == rollout.state()) {
            durable.saveSoon(this::snapshot);
            triggers.run();
            return;
        }
        // a restart must know every cluster this decision starts or rolls back before any run changes it
        durable.saveThen(this::snapshot, changes, triggers);
    }

    SavedRollouts snapshot() {
        return new SavedRollouts(List.copyOf(byPolicy.values()), history, targets.lastCommits(), targets.previousCommits());
    }

    /** Writes what is still pending (serve's shutdown); not under this lock: the callbacks it runs may step the rollouts. */
    void flush() {
        durable.flush();
    }

    boolean revisionInForce(Revision revision) {
        return state != null && state.revision().id().equals(revision.id());
    }

    private List<String> taskDefinitions(String cluster) {
        return store.cluster(cluster).map(s -> s.forwarders().stream().map(ForwarderStatus::taskDefinition)
                .filter(java.util.Objects::nonNull).sorted().toList()).orElse(List.of());
    }

    Optional<Map.Entry<String, Rollout>> rolloutOf(String cluster) {
        return byPolicy.entrySet().stream().filter(e -> e.getValue().clusters().containsKey(cluster)).findFirst();
    }

    static String short12(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }
}
