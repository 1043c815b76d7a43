package dev.logship.localecs;

import dev.logship.localecs.accounts.Accounts;
import dev.logship.localecs.accounts.CallCounts;
import dev.logship.localecs.accounts.StsHandler;
import dev.logship.localecs.clusters.EcsState;
import dev.logship.localecs.faults.FaultSettings;
import dev.logship.localecs.faults.Faults;
import dev.logship.localecs.faults.RateLimits;
import dev.logship.localecs.http.ApiHandler;
import dev.logship.localecs.http.Listener;
import dev.logship.localecs.resources.Arns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled local ECS endpoint: an in-memory ECS speaking AWS JSON 1.1 over HTTP, so the
 * AWS SDK, the AWS CLI and boto3 work against it with only the endpoint changed; on the same
 * port, STS AssumeRole and GetCallerIdentity, whose credentials make ECS calls count against
 * the role's account. The admin methods here mirror the HTTP admin API under {@code /_localecs/}.
 */
public final class LocalEcsServer implements AutoCloseable {
    /** The ECS actions local-ecs serves that can change state. */
    public static final Set<String> MUTATING_ACTIONS = EcsEngine.MUTATING;
    private static final Logger LOG = LoggerFactory.getLogger("localecs");

    private final LocalEcsConfig config;
    private final StateFile stateFile;
    private final EcsEngine engine;
    private final RateLimits rateLimits;
    private final CallCounts counts = new CallCounts();
    private final CallCounts stsCounts = new CallCounts();
    private final FaultSettings faults;
    private final java.util.concurrent.atomic.AtomicBoolean staleCounters = new java.util.concurrent.atomic.AtomicBoolean();
    private final Listener http;
    private final Accounts accounts;

    private LocalEcsServer(LocalEcsConfig config) throws IOException {
        this.config = config;
        this.stateFile = new StateFile(config.stateFile());
        long convergence = Math.round(config.taskConvergence().toMillis() / config.timeScale());
        long unhealthy = Math.round(config.unhealthyReplacement().toMillis() / config.timeScale());
        this.engine = new EcsEngine(stateFile.loadOrEmpty(), new Arns(config.accountId()), convergence, unhealthy, config.timeScale(),
                System::currentTimeMillis, this::save, staleCounters::get);
        this.rateLimits = new RateLimits(config.throttle(), config.timeScale());
        this.faults = new FaultSettings(Faults.latency(config.latency().toMillis()));
        startClusters();
        this.accounts = new Accounts(config.accountId());
        ApiHandler ecs = new ApiHandler(engine, rateLimits, counts, faults, config.region(), accounts);
        StsHandler sts = new StsHandler(accounts, stsCounts);
        this.http = new Listener(config.bindHost(), config.port(),
                exchange -> (StsHandler.accepts(exchange) ? sts : ecs).handle(exchange), AdminHandler.PREFIX, new AdminHandler(this));
    }

    /** Starts a server as configured; it listens before this returns. */
    public static LocalEcsServer start(LocalEcsConfig config) {
        try {
            LocalEcsServer server = new LocalEcsServer(config);
            server.http.start();
            LOG.info("local-ecs listening on {} (account {}, throttling {})", server.endpoint(), config.accountId(),
                    config.throttle() ? "ecs" : "off");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("local-ecs cannot listen on " + config.bindHost() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return http.port();
    }

    /** The endpoint to give clients, e.g. {@code http://127.0.0.1:4566}. */
    public URI endpoint() {
        return URI.create("http://" + config.bindHost() + ":" + port());
    }

    /** Back to the configured start: clusters and nodes from the config, no faults, counts cleared. */
    public void reset() {
        engine.reset(new EcsState());
        startClusters();
        faults.reset();
        staleCounters.set(false);
        rateLimits.reset();
        counts.reset();
        stsCounts.reset();
        accounts.deny(java.util.List.of()); // a test that denied an account must not leave the next one denied
    }

    /** Gives a cluster exactly this many ACTIVE container instances, creating the cluster if missing. */
    public void setNodeCount(String cluster, int activeNodes) {
        engine.setNodeCount(cluster, activeNodes, config.region());
    }

    /** Disconnects (or reconnects) the agent of up to {@code count} ACTIVE instances of a cluster; returns how many changed. */
    public int setAgentConnected(String cluster, int count, boolean connected) {
        return engine.setAgentConnected(cluster, count, connected, config.region());
    }

    /**
     * Sets DescribeTasks' {@code healthStatus} of one live task (ARN or id) or, with {@code task} null,
     * of a cluster's tasks now and later; returns how many live tasks it covers.
     */
    public int setContainerHealth(String cluster, String task, String status) {
        return engine.setContainerHealth(cluster, task, status);
    }

    /**
     * Gives a Managed Instances capacity provider exactly this many ACTIVE instances, creating the
     * cluster and the provider if missing; daemons on the provider get a task on each.
     */
    public void setManagedInstances(String cluster, String capacityProvider, int instances) {
        engine.setManagedInstances(cluster, capacityProvider, instances, config.region());
    }

    private void startClusters() {
        config.clusters().forEach((name, nodes) -> engine.setNodeCount(name, nodes, config.region()));
        config.managedInstances().forEach((key, count) -> {
            String[] parts = key.split("/", 2);
            engine.setManagedInstances(parts[0], parts[1], count, config.region());
        });
    }

    /** Creates a cluster of one account and region, tagged, with this many ACTIVE nodes: ListClusters lists it there only. */
    public void createCluster(String name, String account, String region, Map<String, String> tags, int nodes) {
        engine.createCluster(name, account, region, tags, nodes);
    }

    /** Refuses every ECS call of these accounts with AccessDeniedException (an empty list lifts it). */
    public void denyAccounts(java.util.Collection<String> accountIds) {
        accounts.deny(accountIds);
    }

    public java.util.Set<String> deniedAccounts() {
        return accounts.denied();
    }

    /** Deletes a cluster with all it runs (as its owners' teardown would). */
    public void deleteCluster(String name) {
        engine.deleteCluster(name);
    }

    /** Adds and removes a cluster's tags. */
    public void tagCluster(String name, Map<String, String> add, java.util.List<String> remove) {
        engine.tagCluster(name, add, remove);
    }

    /** ACTIVE container instances per ACTIVE cluster. */
    public Map<String, Integer> nodeCounts() {
        return engine.activeNodeCounts();
    }

    public void setFaults(Faults faults) {
        this.faults.set(faults);
    }

    public Faults faults() {
        return faults.current();
    }

    /** When on, DescribeClusters reports {@code activeServicesCount: 0} whatever runs (as moto 5.2.3 does). */
    public void setStaleCounters(boolean on) {
        staleCounters.set(on);
    }

    public boolean staleCounters() {
        return staleCounters.get();
    }

    public void setThrottling(boolean on) {
        rateLimits.setEnabled(on);
    }

    public boolean throttling() {
        return rateLimits.enabled();
    }

    /** Calls received per action (e.g. "RegisterTaskDefinition"), including throttled and faulted ones. */
    public Map<String, Long> callCounts() {
        return counts.all();
    }

    /** Calls received per action that can change ECS state (Create*, Update*, Register*, Tag*, ...). */
    public Map<String, Long> mutatingCallCounts() {
        Map<String, Long> out = new java.util.TreeMap<>(counts.all());
        out.keySet().retainAll(MUTATING_ACTIONS);
        return Map.copyOf(out);
    }

    /** Mutating calls (see {@link #MUTATING_ACTIONS}) per cluster named in the request, then per action. */
    public Map<String, Map<String, Long>> mutatingCallCountsByCluster() {
        return counts.byCluster(MUTATING_ACTIONS);
    }

    /** ECS calls received per account (whose rate buckets they drew from), then per action. */
    public Map<String, Map<String, Long>> callCountsByAccount() {
        return counts.byAccount();
    }

    /** STS calls received per action (AssumeRole, GetCallerIdentity); never part of {@link #callCounts()}. */
    public Map<String, Long> stsCallCounts() {
        return stsCounts.all();
    }

    /** Calls answered with an error, keyed "Action:ErrorType" (e.g. "UpdateService:ThrottlingException"). */
    public Map<String, Long> errorCounts() {
        return counts.errors();
    }

    public void resetCallCounts() {
        counts.reset();
        stsCounts.reset();
        accounts.deny(java.util.List.of()); // a test that denied an account must not leave the next one denied
    }

    /** How many times the scheduler has settled a cluster (package-private: tests of its cost per call). */
    long clustersSettled() {
        return engine.clustersSettled();
    }

    /** Everything local-ecs holds, as the JSON the state file contains (for debugging). */
    public String stateJson() {
        return engine.snapshot();
    }

    private void save() {
        if (config.stateFile() != null) {
            stateFile.save(engine.snapshot());
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
