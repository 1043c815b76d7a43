package dev.logship.manifest;

import dev.logship.model.Destination;
import dev.logship.model.Immutable;
import dev.logship.model.LabelSelector;
import dev.logship.model.PlacementConstraint;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code kind: LogForwarder} with defaults applied. {@code clusters} is null when the
 * manifest left it out (meaning: the Clusters of its own directory). Exactly one of
 * {@code routes} (literal URIs) and {@code routeSecret} is set. {@code executionRoleArn} (nullable)
 * is the role ECS uses to read {@code routeSecret}. {@code agent} says which forwarder program runs
 * (logspout or Fluent Bit) with its agent-specific fields. {@code destinations} are the typed routes
 * (Fluent Bit only), after the syslog ones; {@code taskRoleArn} (nullable) is the role their AWS kinds sign with. {@code managedDaemon} is set exactly when
 * {@code scheduling} is MANAGED_DAEMON.
 */
public record ForwarderManifest(
        String name,
        String directory,
        Position position,
        List<String> clusters,
        Position clustersPosition,
        List<Position> clusterItemPositions,
        String image,
        List<String> routes,
        RouteSecret routeSecret,
        Map<String, String> env,
        Map<String, String> excludeLabels,
        Boolean backlog,
        int cpu,
        Integer memory,
        Integer memoryReservation,
        Scheduling scheduling,
        int hostPort,
        List<PlacementConstraint> placementConstraints,
        Map<String, String> tags,
        String dockerSocket,
        boolean adopt,
        String executionRoleArn,
        AgentSettings agent,
        ManagedDaemonSettings managedDaemon,
        List<Destination> destinations,
        String taskRoleArn,
        LabelSelector clusterSelector,
        Position clusterSelectorPosition) {

    /** A forwarder without {@code spec.clusterSelector}, typed routes or task role. */
    public ForwarderManifest(String name, String directory, Position position, List<String> clusters, Position clustersPosition,
            List<Position> clusterItemPositions, String image, List<String> routes, RouteSecret routeSecret,
            Map<String, String> env, Map<String, String> excludeLabels, Boolean backlog, int cpu, Integer memory,
            Integer memoryReservation, Scheduling scheduling, int hostPort, List<PlacementConstraint> placementConstraints,
            Map<String, String> tags, String dockerSocket, boolean adopt, String executionRoleArn, AgentSettings agent,
            ManagedDaemonSettings managedDaemon) {
        this(name, directory, position, clusters, clustersPosition, clusterItemPositions, image, routes, routeSecret, env,
                excludeLabels, backlog, cpu, memory, memoryReservation, scheduling, hostPort, placementConstraints, tags,
                dockerSocket, adopt, executionRoleArn, agent, managedDaemon, List.of(), null, null, null);
    }

    /** The same forwarder targeting, beside (or instead of) spec.clusters, the Clusters this selector matches. */
    public ForwarderManifest withClusterSelector(LabelSelector selector, Position at) {
        return new ForwarderManifest(name, directory, position, clusters, clustersPosition, clusterItemPositions, image, routes,
                routeSecret, env, excludeLabels, backlog, cpu, memory, memoryReservation, scheduling, hostPort,
                placementConstraints, tags, dockerSocket, adopt, executionRoleArn, agent, managedDaemon, destinations, taskRoleArn,
                selector, at);
    }

    /** The same forwarder with these agent settings (the tree's telemetry default applied). */
    ForwarderManifest withAgent(AgentSettings settings) {
        return new ForwarderManifest(name, directory, position, clusters, clustersPosition, clusterItemPositions, image, routes,
                routeSecret, env, excludeLabels, backlog, cpu, memory, memoryReservation, scheduling, hostPort,
                placementConstraints, tags, dockerSocket, adopt, executionRoleArn, settings, managedDaemon, destinations, taskRoleArn,
                clusterSelector, clusterSelectorPosition);
    }

    public ForwarderManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(position, "position");
        clusters = clusters == null ? null : List.copyOf(clusters);
        clusterItemPositions = Immutable.list(clusterItemPositions);
        Objects.requireNonNull(image, "image");
        routes = Immutable.list(routes);
        env = Immutable.sortedMap(env);
        excludeLabels = Immutable.sortedMap(excludeLabels);
        Objects.requireNonNull(scheduling, "scheduling");
        placementConstraints = Immutable.list(placementConstraints);
        tags = Immutable.sortedMap(tags);
        Objects.requireNonNull(dockerSocket, "dockerSocket");
        Objects.requireNonNull(agent, "agent");
        destinations = Immutable.list(destinations);
        if ((scheduling == Scheduling.MANAGED_DAEMON) != (managedDaemon != null)) {
            throw new IllegalArgumentException("managedDaemon settings go with scheduling MANAGED_DAEMON only");
        }
    }
}
