package dev.logship.delivery;

import java.util.List;
import java.util.Objects;

/**
 * One forwarder on one cluster: its state and a sentence saying why, each node that reported
 * (or was expected to), the failing routes across nodes with how many nodes each fails on,
 * and the counts: nodes reporting, failing, silent (including running tasks that never reported).
 */
public record ForwarderDelivery(String cluster, String forwarder, DeliveryState state, String message,
                                List<NodeDelivery> nodes, List<FailingRoute> failingRoutes, int reportingNodes,
                                int failingNodes, int silentNodes) {
    public ForwarderDelivery {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(forwarder, "forwarder");
        Objects.requireNonNull(state, "state");
        nodes = List.copyOf(nodes);
        failingRoutes = List.copyOf(failingRoutes);
    }

    /** A route (its output name) and the number of nodes it fails on. */
    public record FailingRoute(String route, int nodes) {}

    public static ForwarderDelivery telemetryOff(String cluster, String forwarder) {
        return new ForwarderDelivery(cluster, forwarder, DeliveryState.Unknown, "telemetry is off for this forwarder",
                List.of(), List.of(), 0, 0, 0);
    }
}
