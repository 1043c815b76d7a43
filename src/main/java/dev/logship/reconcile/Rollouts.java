package dev.logship.reconcile;

import dev.logship.cron.CronSchedules;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.model.RolloutPolicy;
import dev.logship.rollout.ClusterHealth;
import dev.logship.rollout.CronTimes;
import dev.logship.rollout.Decision;
import dev.logship.rollout.History;
import dev.logship.rollout.Notice;
import dev.logship.rollout.Observation;
import dev.logship.rollout.Phase;
import dev.logship.rollout.Planner;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.RunRecord;
import dev.logship.rollout.SavedRollouts;
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
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>The rollouts, each cluster's history and its last Healthy commit are saved to a
 * {@link RolloutStore} whenever they change, before any cluster the change starts is
 * triggered. After a restart the first commit accepted resumes its saved rollout when it is the
 * same commit: finished waves stay finished and a bake keeps its saved start.
 */
final class Rollouts {
    private static final Logger LOG = LoggerFactory.getLogger(Rollouts.class);
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

    /**
     * A commit that was Healthy on a cluster: where a rollback returns it, and the task definition
     * ARNs it ran there (revision clean-up keeps them while a rollout may still return to them).
     */
    record Healthy(DesiredCluster desired, Revision revision, Set<String> taskDefinitions) {
        Healthy {
            taskDefinitions = taskDefinitions == null ? Set.of() : Set.copyOf(taskDefinitions);
        }

        /** Read again from its commit (after a restart): the ARNs it ran are not known. */
        Healthy(DesiredCluster desired, Revision revision) {
            this(desired, revision, Set.of());
        }
    }

    private final StatusStore store;
    private final Clock clock;
    /** Triggers a cluster's run (now, or at a later instant for bake ends and windows). */
    private final BiConsumer<String, Instant> trigger;
    private final Map<String, Rollout> byPolicy = new LinkedHashMap<>();
    private final Map<String, RolloutPolicy> policies = new HashMap<>();
    private final Map<String, Observation> observed = new HashMap<>();
    private final Map<String, Healthy> lastHealthy = new HashMap<>();
    /**
     * The commit Healthy on a cluster before its {@link #lastHealthy} one: the rollback target of a
     * cluster already Healthy on the rollout's own commit (an earlier wave's, when a later wave fails).
     */
    private final Map<String, Healthy> previousHealthy = new HashMap<>();
    /** Per policy, until when a sync window blocks its rollout's starts (derived at each step, never persisted). */
    private final Map<String, Instant> blockedUntil = new HashMap<>();
    private DesiredState state;
    private final RolloutStore saved;
    /** Reads the desired state of an older commit (a restored rollback target); empty when the source cannot. */
    private final Function<String, Optional<DesiredState>> commits;
    /** The rollouts saved before a restart, resumed by the first commit accepted if it is theirs. */
    private List<Rollout> restored;
    private Map<String, List<RunRecord>> history;
    /** The commit of {@link #lastHealthy} per cluster, the part of it that is saved. */
    private final Map<String, String> healthyCommits;
    /** The commit of {@link #previousHealthy} per cluster, saved like {@link #healthyCommits}. */
    private final Map<String, String> previousCommits;
    private SavedRollouts lastSaved;
    /** Something saved may have changed since {@link #lastSaved} (so a step that changed nothing builds no snapshot). */
    private boolean dirty;
    /**
     * Clusters a decision started or rolled back whose decision is not on disk yet (count per
     * cluster): they get no mutating call from any run until it is, so a crash never leaves a cluster
     * changed that a restart does not know was started.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> awaitingDisk = new java.util.concurrent.ConcurrentHashMap<>();
    /** Halted rollouts by commit and policy: the same commit accepted again (an undo, a force-push) is still halted. */
    private final Map<String, Rollout> halted = new HashMap<>();
    /** Commits an operator resumed: their halt recorded on ECS no longer holds them back. */
    private final Set<String> resumedCommits = new java.util.HashSet<>();
    /** Clusters (cluster@commit) a run changed for that commit. */
    private final Set<String> mutated = new java.util.HashSet<>();
    /** Clusters (cluster@commit) whose ECS resources carry this process's halt record already. */
    private final Set<String> haltsRecorded = new java.util.HashSet<>();
    /** Per cluster, the task definitions it ran when last seen in sync with the rollout's commit (for its history). */
    private final Map<String, List<String>> commitRevisions = new HashMap<>();

    Rollouts(StatusStore store, Clock clock, BiConsumer<String, Instant> trigger) {
        this(store, clock, trigger, RolloutStore.inMemory(), commit -> Optional.empty());
    }

    Rollouts(StatusStore store, Clock clock, BiConsumer<String, Instant> trigger, RolloutStore saved,
             Function<String, Optional<DesiredState>> commits) {
        this.store = store;
        this.clock = clock;
        this.trigger = trigger;
        this.saved = saved;
        this.commits = commits;
        lastSaved = saved.load();
        restored = lastSaved.rollouts();
        history = new LinkedHashMap<>(lastSaved.history());
        healthyCommits = new HashMap<>(lastSaved.lastHealthyCommits());
        previousCommits = new HashMap<>(lastSaved.previousHealthyCommits());
    }

    /** A new commit: one rollout per policy, replacing any earlier one (a halted rollout ends here). */
    synchronized void accepted(DesiredState newState) {
        state = newState;
        byPolicy.clear();
        policies.clear();
        blockedUntil.clear();
        observed.clear(); // what was seen of the previous commit says nothing about this one
        commitRevisions.clear();
        Map<String, List<Observation>> groups = new LinkedHashMap<>();
        for (DesiredCluster c : newState.clusters()) {
            String name = c.target().name();
            RolloutPolicy policy = newState.policyOf(name);
            policies.put(policy.name(), policy);
            groups.computeIfAbsent(policy.name(), p -> new ArrayList<>()).add(
                    Observation.of(name, c.target().labels(), ClusterHealth.PROGRESSING, true));
        }
        Instant now = clock.instant();
        groups.forEach((policy, clusters) -> byPolicy.put(policy, restoredOr(policy, clusters, now)));
        restored = List.of(); // only the first commit after a restart can be the saved one
        history = History.supersede(history, List.copyOf(byPolicy.values()), now);
        // a cluster no longer in Git has no history to keep (history.json would grow with every cluster ever seen)
        history = new LinkedHashMap<>(history);
        history.keySet().retainAll(newState.clusters().stream().map(c -> c.target().name()).toList());
        dirty = true;
        List.copyOf(byPolicy.keySet()).forEach(policy -> decide(policy, now));
        persist(null); // a crash before this is written restarts the commit's rollout from the planner: nothing lost
    }

    /** The saved rollout of this commit and policy over the same clusters, or a new one. */
    private Rollout restoredOr(String policy, List<Observation> clusters, Instant now) {
        String commit = state.revision().id();
        java.util.Set<String> names = new java.util.HashSet<>(clusters.stream().map(Observation::cluster).toList());
        Rollout stillHalted = halted.get(commit + " " + policy);
        if (stillHalted != null && stillHalted.clusters().keySet().equals(names)) {
            LOG.warn("{} ({}) was halted before and comes again: it stays halted until an operator resumes it", short12(commit), policy);
            return stillHalted;
        }
        for (Rollout r : restored) {
            if (r.commit().equals(commit) && r.policy().equals(policy) && r.clusters().keySet().equals(names)) {
                LOG.info("resuming the saved rollout of {} ({}): {} at wave {}", short12(commit), policy, r.state(),
                        r.currentWave() < 0 ? "-" : r.currentWave() + 1);
                return r;
            }
        }
        return new Planner(policies.get(policy), CRON).start(commit, clusters, now);
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
        Healthy healthy = rollbackTarget(cluster);
        if (back ? healthy == null || !healthy.revision().id().equals(revision.id()) : !revision.id().equals(rollout.commit())) {
            return false; // a run that read a commit other than the one this rollout moves
        }
        if (phase == Phase.PENDING || awaitingDisk.containsKey(cluster)) {
            return false; // not started, or started by a decision not on disk yet (its trigger comes when it is)
        }
        if (rollout.state() == Rollout.State.HALTED && phase != Phase.ROLLING_BACK) {
            return false; // a halted rollout is frozen: drift is shown, not reverted, until Resume or a new commit
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
        Healthy back = rollbackTarget(cluster);
        return (phase == Phase.ROLLING_BACK || phase == Phase.ROLLED_BACK) && back != null ? back.desired() : inForce;
    }

    synchronized Revision revisionFor(String cluster, Revision inForce) {
        Phase phase = rolloutOf(cluster).map(e -> e.getValue().clusters().get(cluster).phase()).orElse(null);
        Healthy back = rollbackTarget(cluster);
        return (phase == Phase.ROLLING_BACK || phase == Phase.ROLLED_BACK) && back != null ? back.revision() : inForce;
    }

    void observed(DesiredCluster desired, Revision revision, Health health, boolean inSync, String message) {
        observed(desired, revision, health, inSync, message, Set.of());
    }

    /**
     * What a cluster's run saw after it acted: steps its rollout and starts what may start.
     * {@code taskDefinitions}: the ARNs its services run (when in sync), kept with a Healthy commit.
     */
    synchronized void observed(DesiredCluster desired, Revision revision, Health health, boolean inSync, String message,
                               Set<String> taskDefinitions) {
        String name = desired.target().name();
        Optional<Map.Entry<String, Rollout>> mine = rolloutOf(name);
        boolean healthyNow = inSync && health.status() == Health.Status.Healthy;
        if (healthyNow && state != null && revision.id().equals(state.revision().id())) {
            Healthy before = lastHealthy.containsKey(name) || !healthyCommits.containsKey(name) ? lastHealthy.get(name) : healthy(name);
            if (before != null && !before.revision().id().equals(revision.id())) {
                previousHealthy.put(name, before);
                previousCommits.put(name, before.revision().id());
                dirty = true;
            }
            lastHealthy.put(name, new Healthy(desired, revision, taskDefinitions));
            if (!revision.id().equals(healthyCommits.put(name, revision.id()))) {
                dirty = true;
                persist(null);
            }
        }
        Healthy target = rollbackTarget(name);
        if (healthyNow && target != null && !revision.id().equals(state == null ? null : state.revision().id())
                && revision.id().equals(target.revision().id())) {
            // rolled back: Healthy on its earlier commit again, which is where the next rollback returns it
            lastHealthy.put(name, target);
            previousHealthy.remove(name);
            previousCommits.remove(name);
            dirty = true;
            if (!revision.id().equals(healthyCommits.put(name, revision.id()))) {
                persist(null);
            }
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
        if (rollingBack && (target == null || !revision.id().equals(target.revision().id()))) {
            return; // only the rollback's own target, seen Healthy, ends a rollback (not a run of the halted commit)
        }
        if (inSync && revision.id().equals(rollout.commit())) {
            commitRevisions.put(name, taskDefinitions(name));
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
                halted.remove(r.commit() + " " + policy);
                resumedCommits.add(r.commit());
                r.clusters().keySet().forEach(observed::remove); // what was seen of the halt says nothing of the retry
                byPolicy.put(policy, new Planner(policies.get(policy), CRON).resume(r));
                dirty = true; // decide compares with the resumed rollout, not the halted one saved
                store.record(Event.of(null, "Resumed", "rollout of " + short12(r.commit()) + " (" + policy + ") resumed by an operator", r.commit()));
                decide(policy, clock.instant());
                any = true;
            }
        }
        return any;
    }

    /**
     * The commit whose halt this cluster's ECS resources should record now, with its desired cluster
     * (to hash its content): the cluster's rollout is halted and the commit changed it.
     */
    synchronized Optional<DesiredCluster> haltToRecord(String cluster) {
        Optional<Rollout> mine = rolloutOf(cluster).map(Map.Entry::getValue);
        if (mine.isEmpty() || mine.get().state() != Rollout.State.HALTED || state == null
                || !mine.get().commit().equals(state.revision().id()) || haltsRecorded.contains(cluster + "@" + mine.get().commit())) {
            return Optional.empty();
        }
        dev.logship.rollout.ClusterRun run = mine.get().clusters().get(cluster);
        boolean changedHere = run.changed() && mutated.contains(cluster + "@" + mine.get().commit()) && (run.phase() == Phase.FAILED || run.phase() == Phase.ROLLING_BACK
                || run.phase() == Phase.ROLLED_BACK);
        return changedHere ? state.cluster(cluster) : Optional.empty();
    }

    /** The revision {@link #haltToRecord} names (the commit in force). */
    synchronized Revision revisionInForce() {
        return state.revision();
    }

    /** A run changed ECS for {@code revision} here (a cluster the halted commit never changed records no halt). */
    synchronized void applied(String cluster, Revision revision) {
        mutated.add(cluster + "@" + revision.id());
    }

    /** Whether {@code revision} is the commit in force (not a rollback's target). */
    synchronized boolean revisionInForceIs(Revision revision) {
        return state != null && state.revision().id().equals(revision.id());
    }

    synchronized void haltRecorded(String cluster, String commit) {
        haltsRecorded.add(cluster + "@" + commit);
    }

    /** Whether an operator resumed {@code revision}: a halt recorded on ECS no longer holds it back. */
    synchronized boolean resumed(Revision revision) {
        return resumedCommits.contains(revision.id());
    }

    /**
     * The cluster's ECS resources say {@code revision} was halted there before (another process, an
     * empty data directory): its rollout halts without changing it.
     */
    synchronized void refusedHere(DesiredCluster desired, Revision revision, String why) {
        String name = desired.target().name();
        Optional<Map.Entry<String, Rollout>> mine = rolloutOf(name);
        if (mine.isEmpty() || !mine.get().getValue().commit().equals(revision.id())) {
            return;
        }
        haltsRecorded.add(name + "@" + revision.id());
        observed.put(name, new Observation(name, desired.target().labels(), ClusterHealth.PROGRESSING, true, why).haltedHere(why));
        decide(mine.get().getKey(), clock.instant());
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

    /** No progress within the rollout timeout (a missing ECS cluster, repeated errors, no nodes): Degraded for the rollout. */
    synchronized void stuck(DesiredCluster desired, Revision revision, String why) {
        String name = desired.target().name();
        Optional<Map.Entry<String, Rollout>> mine = rolloutOf(name);
        if (mine.isEmpty() || !mine.get().getValue().commit().equals(revision.id())) {
            return;
        }
        observed.put(name, new Observation(name, desired.target().labels(), ClusterHealth.DEGRADED, true, why));
        decide(mine.get().getKey(), clock.instant());
    }

    /** Ignore sync windows for the rollouts of the commit in force (until the next commit). */
    synchronized void overrideWindows() {
        for (String policy : List.copyOf(byPolicy.keySet())) {
            byPolicy.put(policy, byPolicy.get(policy).withWindowOverride(true));
            dirty = true;
            decide(policy, clock.instant());
        }
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
        return new SavedRollouts(List.copyOf(byPolicy.values()), history, healthyCommits, previousCommits);
    }

    /**
     * Where a rollback of the cluster's rollout returns it: the last commit Healthy there other than
     * the rollout's own (an earlier wave's cluster was Healthy on it before a later wave failed).
     */
    private Healthy rollbackTarget(String cluster) {
        Optional<String> commit = rolloutOf(cluster).map(e -> e.getValue().commit());
        Healthy last = healthy(cluster);
        return last != null && commit.isPresent() && last.revision().id().equals(commit.get()) ? previous(cluster) : last;
    }

    /**
     * Task definition ARNs of {@code family} a rollout in progress or halted may return a cluster to
     * (revision clean-up keeps them; see {@link dev.logship.sync.RetainedRevisions}). Asked under a
     * family's lock, so it reads only what is in memory (never a commit).
     */
    synchronized Set<String> retained(dev.logship.model.ClusterTarget target, String family) {
        Set<String> keep = new java.util.TreeSet<>();
        for (Rollout rollout : byPolicy.values()) {
            if (rollout.state() == Rollout.State.DONE) {
                continue;
            }
            for (String cluster : rollout.clusters().keySet()) {
                Healthy last = lastHealthy.get(cluster);
                Healthy back = last != null && last.revision().id().equals(rollout.commit()) ? previousHealthy.get(cluster) : last;
                if (back != null) {
                    back.taskDefinitions().stream().filter(arn -> arn.contains("task-definition/" + family + ":")).forEach(keep::add);
                }
            }
        }
        return keep;
    }

    /** The commit Healthy before the last one; after a restart it is read again from its saved commit. */
    private Healthy previous(String cluster) {
        Healthy known = previousHealthy.get(cluster);
        String commit = previousCommits.get(cluster);
        if (known != null || commit == null) {
            return known;
        }
        Optional<DesiredState> read = commits.apply(commit);
        Optional<DesiredCluster> desired = read.flatMap(s -> s.cluster(cluster));
        if (desired.isEmpty()) {
            LOG.warn("[{}] the commit Healthy before the last, {}, cannot be read again: no rollback target", cluster, short12(commit));
            previousCommits.remove(cluster);
            dirty = true;
            return null;
        }
        Healthy found = new Healthy(desired.get(), read.get().revision());
        previousHealthy.put(cluster, found);
        return found;
    }

    /** The last commit Healthy on the cluster; after a restart it is read again from its saved commit. */
    private Healthy healthy(String cluster) {
        Healthy known = lastHealthy.get(cluster);
        String commit = healthyCommits.get(cluster);
        if (known != null || commit == null) {
            return known;
        }
        Optional<DesiredState> read = state != null && state.revision().id().equals(commit) ? Optional.of(state) : commits.apply(commit);
        Optional<DesiredCluster> desired = read.flatMap(s -> s.cluster(cluster));
        if (desired.isEmpty()) {
            LOG.warn("[{}] the last Healthy commit {} cannot be read again: no rollback target", cluster, short12(commit));
            healthyCommits.remove(cluster);
            dirty = true;
            return null;
        }
        Healthy found = new Healthy(desired.get(), read.get().revision());
        lastHealthy.put(cluster, found);
        return found;
    }

    /**
     * Hands what changed to the store. {@code afterDurable} null: it may be coalesced (a restart
     * re-derives it: a cluster seen Healthy again records its Healthy commit again). Otherwise the
     * store runs it once a snapshot containing this change is on disk: the triggers of a decision
     * that starts or rolls back clusters (a restart that forgot a started cluster would take it for
     * one already in sync and skip its bake). The write happens on the store's writer, not under
     * this lock, and a burst of decisions shares one write.
     */
    private void persist(Runnable afterDurable) {
        boolean changed = false;
        if (dirty) {
            dirty = false;
            SavedRollouts now = new SavedRollouts(List.copyOf(byPolicy.values()), history, healthyCommits, previousCommits);
            if (!now.equals(lastSaved)) {
                lastSaved = now;
                changed = true;
            }
        }
        if (afterDurable != null) {
            saved.saveThen(lastSaved, afterDurable); // lastSaved is the newest handed in: unchanged, it waits only for that
        } else if (changed) {
            saved.saveSoon(lastSaved);
        }
    }

    /** Writes what is still pending (serve's shutdown). */
    void flush() { // not under this lock: the callbacks it runs may step the rollouts
        saved.flush();
    }

    private List<String> taskDefinitions(String cluster) {
        return store.cluster(cluster).map(s -> s.forwarders().stream().map(ForwarderStatus::taskDefinition)
                .filter(java.util.Objects::nonNull).sorted().toList()).orElse(List.of());
    }

    private void decide(String policy, Instant now) {
        Rollout rollout = byPolicy.get(policy);
        Decision d = new Planner(policies.get(policy), CRON).step(rollout, observed, now, c -> rollbackTarget(c) != null);
        if (d.rollout().state() == Rollout.State.HALTED) {
            halted.put(d.rollout().commit() + " " + policy, d.rollout());
        }
        byPolicy.put(policy, d.rollout());
        d.blockedUntil().ifPresentOrElse(t -> blockedUntil.put(policy, t), () -> blockedUntil.remove(policy));
        Map<String, List<RunRecord>> recorded = History.record(history, d.rollout(), c -> commitRevisions.getOrDefault(c, List.of()), History.DEFAULT_KEEP);
        if (!d.rollout().equals(rollout) || !recorded.equals(history)) {
            dirty = true;
        }
        history = recorded;
        for (Notice n : d.notices()) {
            if (n.event().equals("Halted") || n.event().equals("Degraded")) {
                LOG.warn("{}{}", n.cluster().isEmpty() ? "" : "[" + n.cluster() + "] ", n.message());
            }
            store.record(Event.of(n.cluster().isEmpty() ? null : n.cluster(), n.event(), n.message(), rollout.commit()));
        }
        List<String> changes = new ArrayList<>(d.apply());
        changes.addAll(d.rollBack());
        d.rollBack().forEach(observed::remove); // what was seen of the halted commit there says nothing of its rollback
        if (rollout.state() == Rollout.State.RUNNING && d.rollout().state() == Rollout.State.HALTED) {
            // each cluster the halted commit changed records the halt on its ECS resources at its next run
            d.rollout().clusters().values().stream().filter(r -> r.changed() && r.phase() == Phase.FAILED)
                    .forEach(r -> changes.add(r.cluster()));
        }
        Runnable triggers = () -> {
            changes.forEach(c -> trigger.accept(c, now));
            d.wakeAt().ifPresent(at -> d.rollout().clusters().values().stream()
                    .filter(r -> r.phase() == Phase.BAKING || r.phase() == Phase.PENDING).findFirst()
                    .ifPresent(r -> trigger.accept(r.cluster(), at)));
        };
        if (changes.isEmpty() && d.rollout().state() == rollout.state()) {
            persist(null);
            triggers.run();
            return;
        }
        // a restart must know every cluster this decision starts or rolls back before any run changes it
        changes.forEach(c -> awaitingDisk.merge(c, 1, Integer::sum));
        persist(() -> {
            changes.forEach(c -> awaitingDisk.computeIfPresent(c, (k, n) -> n == 1 ? null : n - 1));
            triggers.run();
        });
    }

    private Optional<Map.Entry<String, Rollout>> rolloutOf(String cluster) {
        return byPolicy.entrySet().stream().filter(e -> e.getValue().clusters().containsKey(cluster)).findFirst();
    }

    private static String short12(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }
}
