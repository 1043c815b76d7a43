package dev.logship.model;

import java.util.List;
import java.util.Objects;

/**
 * One forwarder rendered for one cluster. {@code workload}: the ECS service or managed daemon
 * that runs its task on every node (code that must tell them apart asks once, in diff and sync).
 * {@code perNodePort}: REPLICA service whose desiredCount logship keeps equal to the cluster's
 * ACTIVE nodes. {@code adopt}: take over a same-named service or daemon that lacks logship's
 * ownership tags instead of reporting a conflict. {@code contentHash}: hash of the normalised
 * desired content, also carried as a tag. {@code routes}: where its records go, masked, for plan,
 * render and status (never compared with ECS: the task definition carries the routes themselves).
 * {@code telemetry}: whether and where it reports its own metrics, in words, for render and plan
 * (empty for an agent without telemetry; the task definition carries the settings themselves).
 * {@code metricsPort}: where its Fluent Bit serves its metrics on every address of the node
 * ({@code spec.prometheusMetrics}: 2020 or the health check's port), 0 when it does not; the port
 * Prometheus service discovery gives the forwarder's nodes (with 0 it lists none of them).
 */
public record DesiredForwarder(
        ForwarderKey key,
        TaskDefinitionSpec taskDefinition,
        Workload workload,
        boolean perNodePort,
        boolean adopt,
        String contentHash,
        List<RouteSummary> routes,
        String telemetry,
        int metricsPort) {

    public DesiredForwarder(ForwarderKey key, TaskDefinitionSpec taskDefinition, Workload workload, boolean perNodePort,
                            boolean adopt, String contentHash) {
        this(key, taskDefinition, workload, perNodePort, adopt, contentHash, List.of());
    }

    public DesiredForwarder(ForwarderKey key, TaskDefinitionSpec taskDefinition, Workload workload, boolean perNodePort,
                            boolean adopt, String contentHash, List<RouteSummary> routes) {
        this(key, taskDefinition, workload, perNodePort, adopt, contentHash, routes, "");
    }

    public DesiredForwarder(ForwarderKey key, TaskDefinitionSpec taskDefinition, Workload workload, boolean perNodePort,
                            boolean adopt, String contentHash, List<RouteSummary> routes, String telemetry) {
        this(key, taskDefinition, workload, perNodePort, adopt, contentHash, routes, telemetry, 0);
    }

    public DesiredForwarder {
        routes = Immutable.list(routes);
        telemetry = telemetry == null ? "" : telemetry;
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(taskDefinition, "taskDefinition");
        Objects.requireNonNull(workload, "workload");
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException("metricsPort " + metricsPort);
        }
        if (perNodePort && !(workload instanceof ServiceSpec)) {
            throw new IllegalArgumentException("perNodePort is a service mode");
        }
    }

    /** The service of a service-scheduled forwarder; only code in the service arm of {@link Workload#match} calls it. */
    public ServiceSpec service() {
        if (workload instanceof ServiceSpec s) {
            return s;
        }
        throw new IllegalStateException(key + " runs as a managed daemon, not a service");
    }

    public DesiredForwarder withRoutes(List<RouteSummary> newRoutes) {
        return new DesiredForwarder(key, taskDefinition, workload, perNodePort, adopt, contentHash, newRoutes, telemetry, metricsPort);
    }

    /** The same forwarder, its telemetry told in {@code words}. */
    public DesiredForwarder withTelemetry(String words) {
        return new DesiredForwarder(key, taskDefinition, workload, perNodePort, adopt, contentHash, routes, words, metricsPort);
    }

    /** The same forwarder, its Fluent Bit serving metrics on the node's addresses at {@code port} (0: not). */
    public DesiredForwarder withMetricsPort(int port) {
        return new DesiredForwarder(key, taskDefinition, workload, perNodePort, adopt, contentHash, routes, telemetry, port);
    }

    public DesiredForwarder withTaskDefinition(TaskDefinitionSpec newTaskDefinition) {
        return new DesiredForwarder(key, newTaskDefinition, workload, perNodePort, adopt, contentHash, routes, telemetry, metricsPort);
    }

    /** The same forwarder with its task definition and service or daemon tagged with {@code owner}. */
    public DesiredForwarder ownedBy(String owner) {
        Workload tagged = workload instanceof DaemonSpec d ? d.withTags(OwnershipTags.withOwner(d.tags(), owner))
                : ((ServiceSpec) workload).withTags(OwnershipTags.withOwner(workload.tags(), owner));
        return new DesiredForwarder(key, taskDefinition.withTags(OwnershipTags.withOwner(taskDefinition.tags(), owner)),
                tagged, perNodePort, adopt, contentHash, routes, telemetry, metricsPort);
    }
}
