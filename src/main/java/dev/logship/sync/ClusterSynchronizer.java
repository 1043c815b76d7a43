package dev.logship.sync;

import dev.logship.diff.Change;
import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Conflict;
import dev.logship.diff.DaemonChange;
import dev.logship.diff.Differ;
import dev.logship.diff.Plan;
import dev.logship.model.ClusterTarget;
import dev.logship.model.DesiredCluster;
import dev.logship.model.Revision;
import dev.logship.model.DesiredState;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.LiveCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The use case the CLI and the controller share, for one cluster: {@link #plan} observes ECS
 * and diffs (nothing changes: the controller's OutOfSync check), {@link #apply} executes a
 * plan and assesses health, {@link #health} only observes and assesses.
 *
 * <p>One instance serves every cluster of a process: it remembers which revisions each
 * observed cluster uses, because clusters of a region share task definition families and
 * clean-up ({@link #cleanUps}, after the applies) may only deregister a revision no managed
 * cluster of the region uses. Call {@link #manage} (or {@link #plan(DesiredState)}) with the
 * desired state in force; until then, and until every managed cluster of the region has been
 * observed, unused revisions are kept and the result says so. Applies of different clusters may
 * run in parallel; equal content is still registered once ({@link FamilyLocks}).
 *
 * <p>One instance acts for one installation: its {@code owner} id is stamped on every desired
 * cluster it plans (tags of services and task definitions), and the diff, prune and revision
 * clean-up act only on what that owner owns ({@link dev.logship.model.OwnershipTags}).
 */
public final class ClusterSynchronizer {
    private final EcsGateways gateways;
    private final SyncOptions options;
    private final RevisionUsage usage = new RevisionUsage();
    private final FamilyLocks familyLocks = new FamilyLocks();
    private final String owner;
    private volatile RetainedRevisions retained = RetainedRevisions.none();
    private final RevisionSweeper sweeper;

    /** {@code owner}: this installation's owner id (null only for tools and tests that predate owner ids). */
    public ClusterSynchronizer(EcsGateways gateways, SyncOptions options, String owner) {
        this.gateways = gateways;
        this.options = options;
        this.owner = owner;
        this.sweeper = new RevisionSweeper(gateways, usage, familyLocks, options.keepRevisions(), () -> retained);
    }

    public ClusterSynchronizer(EcsGateways gateways, SyncOptions options) {
        this(gateways, options, null);
    }

    public ClusterSynchronizer(EcsGateways gateways) {
        this(gateways, SyncOptions.defaults());
    }

    /** Revisions clean-up must keep although no service runs them (for example a rollback's target). */
    public ClusterSynchronizer retaining(RetainedRevisions revisions) {
        this.retained = revisions == null ? RetainedRevisions.none() : revisions;
        return this;
    }

    public String owner() { return owner; }

    /** The revision clean-ups applies asked for: serve runs them from spare budget, the CLI after its report. */
    public RevisionSweeper cleanUps() {
        return sweeper;
    }

    /** The desired cluster as this installation wants it in ECS: tagged with its owner. */
    private DesiredCluster owned(DesiredCluster desired) {
        return desired.ownedBy(owner);
    }

    /** The clusters logship manages now: every cluster of the desired state in force (not just those being applied). */
    public void manage(DesiredState state) {
        usage.manage(state.clusters().stream().map(DesiredCluster::target).toList());
        gateways.expect(state.clusters().stream().filter(c -> !needsExactNodes(c)).map(DesiredCluster::target).toList());
    }

    /** Only a perNodePort forwarder needs the exact ACTIVE node count (its desiredCount must equal it). */
    private static boolean needsExactNodes(DesiredCluster desired) {
        return desired.forwarders().stream().anyMatch(DesiredForwarder::perNodePort);
    }

    /** Observes the cluster and diffs it with the desired state. Throws {@link GatewayException}. */
    public ClusterPlan plan(DesiredCluster desired) {
        DesiredCluster mine = owned(desired);
        return Differ.diff(withDocuments(mine), observe(mine));
    }

    /**
     * Each task definition with the complete RegisterTaskDefinition (or, for a managed daemon,
     * RegisterDaemonTaskDefinition) input the gateway would send, for a full-fidelity diff.
     */
    private DesiredCluster withDocuments(DesiredCluster desired) {
        EcsGateway gateway = gateways.forCluster(desired.target());
        DaemonGateway daemons = runsDaemons(desired) ? gateways.daemonsFor(desired.target()) : null;
        return desired.withForwarders(desired.forwarders().stream()
                .map(f -> f.withTaskDefinition(f.taskDefinition().withDocument(f.workload().match(
                        s -> gateway.requestDocument(f.taskDefinition()), d -> daemons.daemonRequestDocument(f.taskDefinition())))))
                .toList());
    }

    private static boolean runsDaemons(DesiredCluster desired) {
        return desired.forwarders().stream().anyMatch(f -> f.workload().match(s -> false, d -> true));
    }

    /** Manages and plans every cluster of a desired state (nothing changes), so a following apply may clean up. */
    public Plan plan(DesiredState state) {
        manage(state);
        return new Plan(state.revision(), state.clusters().stream().map(this::plan).toList());
    }

    /** Executes {@code plan} (made by {@link #plan} for the same desired cluster), then assesses health. */
    public SyncResult apply(DesiredCluster desired, ClusterPlan plan) {
        String name = desired.target().name();
        List<String> warnings = plan.warnings();
        if (!plan.clusterExists()) {
            // Not a failed call: nothing was tried, and applying again cannot help (plan says the same).
            return new SyncResult(name, List.of(), List.of(), warnings, Map.of(), Health.missing(Differ.missingCluster(desired.target())));
        }
        EcsGateway gateway = gateways.forCluster(desired.target());
        PlanExecutor executor = new PlanExecutor(gateway, options, usage, familyLocks, desired.target(), owned(desired).owner(),
                sweeper, () -> gateways.daemonsFor(desired.target()));
        if (!desired.target().suspend()) {
            executor.execute(plan);
            usage.alsoUses(desired.target(), executor.inUse());
        }
        Map<String, Health> health = executor.mutated() ? observedHealth(desired, plan) : plannedHealth(desired, plan);
        List<String> all = new ArrayList<>(warnings);
        all.addAll(executor.warnings);
        return new SyncResult(name, executor.steps, executor.failures, all, health, Health.worst(health.values()));
    }

    /**
     * Records on the cluster's live services and daemons that {@code revision} (whose desired
     * cluster is {@code halted}) was halted there; returns how many resources were tagged. Throws
     * {@link GatewayException}.
     */
    public int recordHalt(DesiredCluster halted, Revision revision) {
        ClusterPlan plan = plan(halted);
        return HaltRecords.recorded(plan, revision) ? 0 : HaltRecords.record(gateways.forCluster(halted.target()), plan, revision);
    }

    /** Removes the halt record from the resources of {@code plan} (a permitted apply made it stale); returns how many. */
    public int clearHalt(DesiredCluster desired, ClusterPlan plan) {
        return HaltRecords.clear(gateways.forCluster(desired.target()), plan);
    }

    /** Plans, applies and runs every pending revision clean-up in one go (tools and tests: nothing waits on them). */
    public SyncResult sync(DesiredCluster desired) {
        return sweeper.sweepAllInto(apply(desired, plan(desired)));
    }

    /** Observes and judges every forwarder; does not change anything. */
    public Map<String, Health> health(DesiredCluster desired) {
        DesiredCluster mine = owned(desired);
        LiveCluster live = observe(mine);
        return assess(mine, live, conflicts(Differ.diff(withDocuments(mine), live)));
    }

    /**
     * Observes a cluster and remembers the revisions its services use. Its managed daemons are
     * observed when Git wants one there or the cluster has capacity providers (only those of
     * Managed Instances run daemons): a cluster without any cannot hold a daemon to prune, so a
     * fleet of services pays no daemon call.
     */
    private LiveCluster observe(DesiredCluster desired) {
        ClusterTarget target = desired.target();
        LiveCluster live = gateways.forCluster(target).observe(needsExactNodes(desired));
        Set<String> inUse = new java.util.HashSet<>(live.revisionsInUse());
        if (live.exists() && (runsDaemons(desired) || live.managedInstances())) {
            live = live.withDaemons(gateways.daemonsFor(target).observeDaemons());
            live.daemons().forEach(d -> inUse.addAll(d.revisionsInUse()));
        }
        usage.observed(target, inUse);
        return live;
    }

    /**
     * Health right after a change: only the desired services are read again (one
     * DescribeServices per 10, no listing); the node count is the plan's, taken in this run.
     */
    private Map<String, Health> observedHealth(DesiredCluster desired, ClusterPlan plan) {
        try {
            EcsGateway gateway = gateways.forCluster(desired.target());
            List<dev.logship.model.LiveService> services = gateway.services(desired.forwarders().stream()
                    .flatMap(f -> f.workload().match(s -> java.util.stream.Stream.of(s.serviceName()), d -> java.util.stream.Stream.<String>empty()))
                    .toList());
            LiveCluster live = new LiveCluster(desired.target().clusterName(), true, plan.activeNodes(), services,
                    Set.of(), plan.nodes());
            if (runsDaemons(desired)) {
                live = live.withDaemons(gateways.daemonsFor(desired.target()).observeDaemons());
            }
            return assess(desired, live, conflicts(plan));
        } catch (GatewayException e) {
            Map<String, Health> unknown = new TreeMap<>();
            desired.forwarders().forEach(f -> unknown.put(f.key().toString(), Health.unknown(e.getMessage())));
            return unknown;
        }
    }

    /** Nothing was changed, so the plan's observation is still the latest. */
    private static Map<String, Health> plannedHealth(DesiredCluster desired, ClusterPlan plan) {
        List<dev.logship.model.LiveService> services = new ArrayList<>();
        List<dev.logship.model.LiveDaemon> daemons = plan.changes(DaemonChange.class).stream()
                .filter(d -> d.live() != null).map(DaemonChange::live).toList();
        for (Change c : plan.changes()) {
            if (c instanceof dev.logship.diff.NoChange n) {
                services.add(n.live());
            } else if (c instanceof dev.logship.diff.Update u) {
                services.add(u.live());
            } else if (c instanceof dev.logship.diff.Recreate r) {
                services.add(r.live());
            }
        }
        LiveCluster live = new LiveCluster(desired.target().clusterName(), true, plan.activeNodes(), services, Set.of(),
                plan.nodes()).withDaemons(daemons);
        return assess(desired, live, conflicts(plan));
    }

    private static Map<String, String> conflicts(ClusterPlan plan) {
        Map<String, String> out = new TreeMap<>();
        plan.changes(Conflict.class).forEach(c -> out.put(c.key().toString(), c.reason()));
        plan.changes(DaemonChange.class).stream().filter(d -> d.kind() == DaemonChange.Kind.CONFLICT)
                .forEach(d -> out.put(d.key().toString(), d.reason()));
        return out;
    }

    private static Map<String, Health> assess(DesiredCluster desired, LiveCluster live, Map<String, String> conflicts) {
        Map<String, Health> health = new TreeMap<>();
        for (DesiredForwarder f : desired.forwarders()) {
            String key = f.key().toString();
            health.put(key, conflicts.containsKey(key)
                    ? Health.degraded("conflict: " + conflicts.get(key))
                    : f.workload().match(s -> HealthAssessor.assess(f, live.service(s.serviceName()),
                                    f.perNodePort() ? live.placeableNodes(s.placementConstraints()) : live.activeNodes()),
                            d -> live.daemon(d.daemonName()).map(DaemonHealth::of)
                                    .orElseGet(() -> Health.missing("managed daemon " + d.daemonName() + " does not exist"))));
        }
        return health;
    }
}
