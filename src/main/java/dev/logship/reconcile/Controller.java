package dev.logship.reconcile;

import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.sync.ClusterOrder;
import dev.logship.sync.ClusterSynchronizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's control loop. Every trigger (webhook, poll timer, drift timer, API) only says
 * "reconcile now": the source is fetched single-flight (one fetch in flight, one pending); a
 * webhook naming a commit the latest fetch found is dropped, one naming a new commit fetches at
 * once, and triggers naming none (timers, generic webhooks) keep {@code sourceMinInterval}
 * between fetch starts. Each cluster runs single-flight on a bounded pool with backoff after errors.
 */
public final class Controller implements AutoCloseable {
    private static final String SOURCE_KEY = "source";

    private final StatusStore store;
    private final ControllerSettings settings;
    private final SourceReconciler sourceRun;
    private final ClusterReconciler clusterRun;
    private final Rollouts rollouts;
    private final ClusterSynchronizer synchronizer;
    private final TriggerQueue sourceQueue;
    private final TriggerQueue clusterQueue;
    private final RevisionCleanups cleanUps;
    private final ClusterTimers timers;
    public Controller(ManifestSource source, SourceStatus where, ClusterSynchronizer synchronizer,
                      ControllerSettings settings, ReconcileListener listener) {
        this(source, where, synchronizer, settings, listener, RolloutStore.inMemory());
    }

    /** {@code saved}: where rollout state and history outlive the process (serve: a file in --data-dir). */
    public Controller(ManifestSource source, SourceStatus where, ClusterSynchronizer synchronizer,
                      ControllerSettings settings, ReconcileListener listener, RolloutStore saved) {
        this.settings = settings;
        this.store = new StatusStore(where, settings.eventCapacity());
        this.sourceRun = new SourceReconciler(source, store, listener, this::clustersChanged);
        this.timers = new ClusterTimers(this::triggerCluster, settings.rolloutClock());
        // one rule for which forwarders must report, for both the status rows and the delivery-gated bakes
        this.rollouts = new Rollouts(store, settings.rolloutClock(), timers::at, saved,
                commit -> source.at(commit).map(dev.logship.render.DesiredStates::read).filter(r -> r.ok()).map(r -> r.state()),
                settings.telemetryExpected());
        this.clusterRun = new ClusterReconciler(synchronizer, store, listener, new RolloutProgress(settings.recheckInterval(),
                settings.recheckMax(), settings.rolloutTimeout()), java.time.Clock.systemUTC(), rollouts, settings.telemetryExpected());
        this.synchronizer = synchronizer;
        // clean-up keeps the revisions a rollout in progress or halted may roll a cluster back to
        synchronizer.retaining(dev.logship.sync.RetainedRevisions.of(rollouts::retained, rollouts::retainedUnknownBecause));
        this.cleanUps = new RevisionCleanups(synchronizer.cleanUps(), store); // after each run is reported, from spare budget
        this.sourceQueue = new TriggerQueue((key, reasons) -> sourceRun.reconcile(), key -> sourceRun.lastFetched(), 1,
                settings.sourceBackoff(), settings.sourceMinInterval());
        this.clusterQueue = new TriggerQueue(this::runCluster, settings.maxParallel(), settings.clusterBackoff());
    }

    /**
     * Check every commit's signature before accepting it (serve's --verify-signatures); call before
     * {@link #start}. Under enforce an untrusted commit stalls: nothing of it is applied.
     */
    public Controller verifyingCommits(SignaturePolicy policy, CommitVerifier verifier) {
        sourceRun.gate(new CommitGate(policy, verifier));
        return this;
    }

    /** Before {@link #start}: ClusterSets discover through this catalog, again every discovery interval. */
    public Controller discoverWith(dev.logship.discovery.ClusterCatalog catalog) {
        sourceRun.useFleet(new FleetDiscovery(catalog, store, settings.discoveryInterval()));
        return this;
    }

    /** First fetch now, then the poll and drift timers. */
    public Controller start() {
        syncSource("startup");
        timers.every(settings.pollInterval(), () -> syncSource("poll"));
        timers.every(settings.resyncInterval(), () -> syncClusters("resync"));
        return this;
    }

    /** Fetch the source soon (a webhook, the poll timer); returns false once shutting down. */
    public boolean syncSource(String reason) {
        return sourceQueue.trigger(SOURCE_KEY, reason);
    }

    /** A push webhook naming its (authenticated) commit: fetch now unless the latest fetch found it; it only ever skips a fetch. */
    public boolean syncSource(String reason, String pushedCommit) {
        return sourceQueue.trigger(SOURCE_KEY, reason, pushedCommit);
    }

    /** Fetch the source and re-observe every cluster (the API's "sync now"). */
    public boolean syncAll(String reason) {
        boolean taken = syncSource(reason);
        syncClusters(reason);
        return taken;
    }

    /** Re-observe one cluster; false when no cluster of that name is in force. */
    public boolean syncCluster(String name, String reason) {
        DesiredState state = sourceRun.inForce();
        return state != null && state.cluster(name).isPresent() && clusterQueue.trigger(name, reason);
    }

    /** An operator's resume of halted rollouts (the API's resume control); false when none was halted. */
    public boolean resumeRollouts() {
        return rollouts.resume();
    }

    /** Delivery as the telemetry monitor judged it: rollouts gated on delivery step with it. */
    public void deliveryJudged(Map<String, dev.logship.delivery.ClusterDelivery> judged) {
        rollouts.deliveryJudged(judged);
    }

    /** The manual override of sync windows for the rollouts of the commit in force. */
    public void overrideWindows() {
        rollouts.overrideWindows();
    }

    /** Every event as it is recorded (the notifiers queue them for delivery); the listener must not block. */
    public void onEvent(java.util.function.Consumer<Event> listener) {
        store.onEvent(listener);
    }

    /** Records an event that did not come from a reconcile run (delivery changes): listed, logged and told to listeners. */
    public void recordEvent(Event event) {
        store.record(event);
    }

    /** The Notifiers of the commit in force: a commit that stalls never changes who is told. */
    /** The desired state of the commit in force (null before one is): what serve's scrape targets are read for. */
    public dev.logship.model.DesiredState desiredInForce() {
        return sourceRun.inForce();
    }

    public List<dev.logship.model.NotifierSpec> notifiers() {
        return sourceRun.inForce() == null ? List.of() : sourceRun.inForce().notifiers();
    }

    /** Each cluster's RolloutPolicy in force (the page names the waves). */
    public Map<String, dev.logship.model.RolloutPolicy> rolloutPolicies() { return sourceRun.inForce() == null ? Map.of() : sourceRun.inForce().policies(); }

    /** The rollouts of the commit in force, one per RolloutPolicy. */
    public List<dev.logship.rollout.Rollout> rollouts() {
        return rollouts.current();
    }

    /** The cluster's last rollouts, oldest first (from the data directory after a restart). */
    public List<dev.logship.rollout.RunRecord> history(String cluster) {
        return rollouts.history(cluster);
    }

    /** The cluster's place in the rollout in force, its last Healthy commit and its last rollouts, newest first. */
    public Optional<dev.logship.rollout.ClusterHistory> clusterHistory(String cluster) {
        return dev.logship.rollout.ClusterHistory.of(rollouts.saved(), cluster);
    }

    /** Until when a sync window blocks the starts of this policy's rollout (empty when none does). */
    public Optional<java.time.Instant> windowBlockedUntil(String policy) {
        return rollouts.blockedUntil(policy);
    }

    /** The rollout planner's clock now: real time unless serve runs on a scaled clock. */
    public java.time.Instant rolloutNow() {
        return settings.rolloutClock().instant();
    }

    /** True when no fetch and no cluster run is running or pending (tests and benchmarks wait for it). */
    public boolean isIdle() {
        if (sourceQueue.isRunning(SOURCE_KEY) || sourceQueue.hasPending(SOURCE_KEY)) {
            return false;
        }
        return store.clusterNames().stream().noneMatch(c -> clusterQueue.isRunning(c) || clusterQueue.hasPending(c));
    }

    public OperatorStatus status() {
        return store.snapshot();
    }

    public Optional<ClusterStatus> cluster(String name) {
        return store.cluster(name);
    }

    public List<Event> events() {
        return store.events();
    }

    /** Stops taking triggers and timers, then waits for runs in flight (and their ECS calls) to finish. */
    public boolean shutdown(Duration timeout) throws InterruptedException {
        timers.shutdown();
        sourceRun.stopDiscovery();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean source = sourceQueue.shutdown(timeout);
        boolean clusters = clusterQueue.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        cleanUps.shutdown(Duration.ofSeconds(5));
        rollouts.flush(); // the runs are over: nothing changes the rollouts any more
        return source && clusters;
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(Duration.ofSeconds(30));
    }

    private void clustersChanged(DesiredState state) {
        // every cluster of the accepted commit: revision cleanup waits until all of a region were observed
        synchronizer.manage(state);
        rollouts.accepted(state); // before the triggers: each run asks whether its wave has started
        // interleaved by account and region, so parallel runs spend every account's ECS budget at once
        ClusterOrder.fair(state.clusters()).forEach(c -> clusterQueue.trigger(c.target().name(), "revision " + state.revision().shortId()));
    }

    private void syncClusters(String reason) {
        DesiredState state = sourceRun.inForce();
        if (state != null) {
            ClusterOrder.fair(state.clusters()).forEach(c -> clusterQueue.trigger(c.target().name(), reason));
        }
    }

    private void triggerCluster(String name, String reason) {
        clusterQueue.trigger(name, reason);
    }

    private TriggerQueue.RunResult runCluster(String name, List<String> reasons) {
        DesiredState state = sourceRun.inForce();
        Optional<DesiredCluster> desired = state == null ? Optional.empty() : state.cluster(name);
        if (desired.isEmpty()) {
            return TriggerQueue.RunResult.SUCCESS; // the cluster left Git since the trigger
        }
        // A cluster being rolled back is reconciled to the last commit that was Healthy there.
        dev.logship.model.Revision revision = rollouts.revisionFor(name, state.revision());
        ClusterReconciler.Next next;
        try (var fields = dev.logship.logging.LogFields.with("cluster", name, "revision", revision.id())) { // every line of the run
            next = clusterRun.reconcile(rollouts.desiredFor(name, desired.get()), revision, sourceRun.stall());
        }
        cleanUps.afterRun(); // the run is reported: revision clean-up never delays it
        if (next == ClusterReconciler.Next.RECHECK) {
            timers.recheck(name, clusterRun.recheckAfter(name));
        }
        return next == ClusterReconciler.Next.RETRY ? TriggerQueue.RunResult.RETRY : TriggerQueue.RunResult.SUCCESS;
    }
}
