package dev.logship.reconcile;

import dev.logship.model.NodeName;
import dev.logship.model.RouteSummary;
import java.util.List;

/**
 * One forwarder on one cluster as last observed: whether it equals Git, its health, tasks
 * running against the tasks it should run, the task definition it runs ({@code family:revision})
 * and the pending change (a verb such as "update", or "no change"), and its routes by kind and
 * masked target (from Git; empty for a forwarder being pruned), and the nodes that should run it
 * and do not ({@code uncoveredNodes}, named; empty when it runs everywhere or was not looked at),
 * and whether Git gives it telemetry ({@code telemetryExpected}: silence from it is then Silent,
 * not "telemetry off"). Holds no secrets.
 */
public record ForwarderStatus(String name, SyncStatus syncStatus, String health, String healthMessage,
                              Integer running, Integer desired, String taskDefinition, String change,
                              List<RouteSummary> routes, List<NodeName> uncoveredNodes, boolean telemetryExpected) {
    public ForwarderStatus {
        routes = routes == null ? List.of() : List.copyOf(routes);
        uncoveredNodes = uncoveredNodes == null ? List.of() : List.copyOf(uncoveredNodes);
    }

    public ForwarderStatus(String name, SyncStatus syncStatus, String health, String healthMessage,
                           Integer running, Integer desired, String taskDefinition, String change,
                           List<RouteSummary> routes, List<NodeName> uncoveredNodes) {
        this(name, syncStatus, health, healthMessage, running, desired, taskDefinition, change, routes, uncoveredNodes, false);
    }

    public ForwarderStatus(String name, SyncStatus syncStatus, String health, String healthMessage,
                           Integer running, Integer desired, String taskDefinition, String change,
                           List<RouteSummary> routes) {
        this(name, syncStatus, health, healthMessage, running, desired, taskDefinition, change, routes, List.of());
    }

    public ForwarderStatus(String name, SyncStatus syncStatus, String health, String healthMessage,
                           Integer running, Integer desired, String taskDefinition, String change) {
        this(name, syncStatus, health, healthMessage, running, desired, taskDefinition, change, List.of());
    }

    /** This row with what Git says of the forwarder: its routes, and whether it reports telemetry. */
    public ForwarderStatus withDesired(List<RouteSummary> newRoutes, boolean expectsTelemetry) {
        return new ForwarderStatus(name, syncStatus, health, healthMessage, running, desired, taskDefinition, change, newRoutes,
                uncoveredNodes, expectsTelemetry);
    }
}
