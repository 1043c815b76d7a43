package dev.logship.localecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logship.localecs.clusters.ClusterState;
import dev.logship.localecs.clusters.Clusters;
import dev.logship.localecs.clusters.ContainerHealth;
import dev.logship.localecs.clusters.ContainerInstances;
import dev.logship.localecs.clusters.DaemonHosts;
import dev.logship.localecs.clusters.EcsState;
import dev.logship.localecs.clusters.NodeState;
import dev.logship.localecs.clusters.Views;
import dev.logship.localecs.daemons.DaemonApi;
import dev.logship.localecs.http.Call;
import dev.logship.localecs.http.EcsActions;
import dev.logship.localecs.http.EcsError;
import dev.logship.localecs.http.Json;
import dev.logship.localecs.resources.Arns;
import dev.logship.localecs.resources.Tags;
import dev.logship.localecs.services.CrashLoops;
import dev.logship.localecs.services.Placement;
import dev.logship.localecs.services.Scheduler;
import dev.logship.localecs.services.Services;
import dev.logship.localecs.services.Tasks;
import dev.logship.localecs.services.UnhealthyTasks;
import dev.logship.localecs.taskdefs.TaskDefinitions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The in-memory ECS: one lock around one state, every action a method. The scheduler runs
 * before each call so what a caller reads reflects the time it reads at.
 */
final class EcsEngine implements EcsActions {
    static final Set<String> MUTATING = ActionTable.MUTATING;

    private final Arns arns;
    private final long convergenceMillis;
    private final long unhealthyMillis;
    private final double timeScale;
    private final LongSupplier clock;
    private final Runnable onChange;
    private EcsState state;
    private ContainerInstances nodes;
    private Clusters clusters;
    private Scheduler scheduler;
    private DaemonApi daemons;
    private Map<String, Function<Call, ObjectNode>> actions;
    /** Read at every DescribeClusters, so a test can make the service counter lie as some emulators' does. */
    private final java.util.function.BooleanSupplier staleCounters;

    EcsEngine(EcsState initial, Arns arns, long convergenceMillis, long unhealthyMillis, double timeScale, LongSupplier clock, Runnable onChange,
            java.util.function.BooleanSupplier staleCounters) {
        this.staleCounters = staleCounters;
        this.arns = arns;
        this.timeScale = timeScale;
        this.convergenceMillis = convergenceMillis;
        this.unhealthyMillis = unhealthyMillis;
        this.clock = clock;
        this.onChange = onChange;
        load(initial);
    }

    private void load(EcsState initial) {
        state = initial;
        Tags tags = new Tags(state.tags);
        TaskDefinitions taskDefinitions = new TaskDefinitions(state.families, arns, tags);
        daemons = new DaemonApi(state.daemons, arns.account(), tags,
                new DaemonHosts(state, arns, (cluster, now) -> nodes.add(cluster, now), convergenceMillis, unhealthyMillis),
                timeScale);
        Views views = new Views(tags, taskDefinitions, arns, convergenceMillis, daemons, staleCounters);
        clusters = new Clusters(state, arns, tags, views);
        nodes = new ContainerInstances(state, arns, tags, views, clusters);
        Services services = new Services(state, arns, tags, views, clusters, taskDefinitions);
        Tasks tasks = new Tasks(arns, views, clusters);
        TagActions tagActions = new TagActions(state, tags, taskDefinitions, daemons);
        scheduler = new Scheduler(state, new Placement(taskDefinitions, arns, tags),
                new CrashLoops(taskDefinitions, convergenceMillis), new UnhealthyTasks(taskDefinitions, convergenceMillis, unhealthyMillis),
                convergenceMillis);
        actions = ActionTable.of(daemons, clusters, nodes, taskDefinitions, services, tasks, tagActions);
    }

    @Override
    public boolean supports(String action) {
        return actions.containsKey(action);
    }

    /** Serves one call; throws {@link EcsError} with ECS's error type on failure. */
    synchronized ObjectNode handle(String action, com.fasterxml.jackson.databind.JsonNode body, String region) {
        return handle(action, body, region, null);
    }

    /** Serves one call of this account (ListClusters lists the account's and region's clusters, see {@link Clusters#list}). */
    @Override
    public synchronized ObjectNode handle(String action, com.fasterxml.jackson.databind.JsonNode body, String region, String account) {
        Function<Call, ObjectNode> handler = actions.get(action);
        if (handler == null) {
            throw EcsError.unknownAction(action);
        }
        long now = clock.getAsLong();
        boolean changed = settle(now);
        try {
            if (MUTATING.contains(action)) {
                wake(body); // before the action: even one that fails half-way is settled again
            }
            ObjectNode result = handler.apply(new Call(action, body, region, now, account));
            changed |= MUTATING.contains(action);
            changed |= settle(now);
            return result;
        } finally {
            if (changed) {
                onChange.run();
            }
        }
    }

    /** Daemon tasks first: ECS starts an instance's daemon task before any other task. */
    private boolean settle(long now) {
        if (daemons.settle(now)) {
            scheduler.wakeAll(); // daemons add instances (nodes) and finish task definition deletes
            scheduler.settle(now);
            return true;
        }
        return scheduler.settle(now);
    }

    /** The cluster a mutating call names is settled again; a call naming none (tags, task definitions) wakes them all. */
    private void wake(com.fasterxml.jackson.databind.JsonNode body) {
        com.fasterxml.jackson.databind.JsonNode cluster = body == null ? null : body.get("cluster");
        if (cluster != null && cluster.isTextual() && !cluster.asText().isEmpty()) {
            scheduler.wake(Arns.lastSegment(cluster.asText()));
        } else {
            scheduler.wakeAll();
        }
    }

    /**
     * Creates (or reactivates) a cluster of one account and region with these tags and ACTIVE
     * nodes, as another team would: ListClusters shows it only to that account in that region.
     */
    synchronized void createCluster(String name, String account, String region, Map<String, String> clusterTags, int nodeCount) {
        long now = clock.getAsLong();
        ClusterState cluster = clusters.ensureIn(name, account, region, clusterTags);
        nodes.setActiveCount(cluster, nodeCount, now);
        scheduler.wake(name);
        settle(now);
        onChange.run();
    }

    /** Deletes a cluster as its owners would, services and nodes included: it is INACTIVE and listed no more. */
    synchronized void deleteCluster(String name) {
        long now = clock.getAsLong();
        clusters.forceDelete(name, now);
        onChange.run();
    }

    /** Adds and removes tags of a cluster (TagResource/UntagResource on its ARN). */
    synchronized void tagCluster(String name, Map<String, String> add, java.util.List<String> remove) {
        clusters.retag(name, add, remove);
        onChange.run();
    }

    /** Creates cluster and Managed Instances capacity provider if missing, with {@code count} instances. */
    synchronized void setManagedInstances(String cluster, String capacityProvider, int count, String region) {
        if (count < 0) {
            throw new IllegalArgumentException("instance count must be >= 0, got " + count);
        }
        long now = clock.getAsLong();
        daemons.setInstances(clusters.ensure(cluster, region).arn, capacityProvider, count, now);
        scheduler.wakeAll();
        settle(now);
        onChange.run();
    }

    synchronized void reset(EcsState fresh) {
        load(fresh);
        onChange.run();
    }

    /** Creates the cluster if missing and gives it exactly {@code count} ACTIVE container instances. */
    synchronized void setNodeCount(String cluster, int count, String region) {
        if (count < 0) {
            throw new IllegalArgumentException("node count must be >= 0, got " + count);
        }
        long now = clock.getAsLong();
        nodes.setActiveCount(clusters.ensure(cluster, region), count, now);
        scheduler.wake(Arns.lastSegment(cluster));
        settle(now);
        onChange.run();
    }

    /**
     * Connects or disconnects the agent of {@code count} of the cluster's ACTIVE container
     * instances (the oldest first): ECS places nothing on a disconnected one, its tasks run on.
     */
    synchronized int setAgentConnected(String cluster, int count, boolean connected, String region) {
        long now = clock.getAsLong();
        List<NodeState> active = clusters.ensure(cluster, region).activeNodes();
        int changed = 0;
        for (NodeState node : active) {
            if (changed < count && node.agentConnected != connected) {
                node.agentConnected = connected;
                changed++;
            }
        }
        scheduler.wake(Arns.lastSegment(cluster));
        settle(now);
        onChange.run();
        return changed;
    }

    /** Sets container health per task or cluster ({@link ContainerHealth#set}); returns how many live tasks it covers. */
    synchronized int setContainerHealth(String cluster, String task, String status) {
        long now = clock.getAsLong();
        int covered = ContainerHealth.set(state, cluster, task, status, now);
        scheduler.wake(cluster); // UNHEALTHY service tasks are replaced (UnhealthyTasks)
        settle(now);
        onChange.run();
        return covered;
    }

    /** Runs the scheduler now, so time-based changes (tasks reaching RUNNING) are recorded. */
    synchronized void tick() {
        if (settle(clock.getAsLong())) {
            onChange.run();
        }
    }

    synchronized long clustersSettled() { return scheduler.clustersSettled(); }

    synchronized Map<String, Integer> activeNodeCounts() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        state.clusters.values().stream().filter(c -> c.status.equals("ACTIVE"))
                .forEach(c -> out.put(c.name, c.activeNodes().size()));
        return out;
    }

    synchronized String snapshot() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise local-ecs state", e);
        }
    }
}
