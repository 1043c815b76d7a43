package dev.logship.delivery;

import java.util.List;
import java.util.Objects;

/**
 * One cluster's delivery: as bad as its worst forwarder, each forwarder, and coverage: nodes
 * with a running forwarder, nodes that should run one and do not ({@code uncovered}), nodes
 * that run one and send no telemetry ({@code silent}).
 */
public record ClusterDelivery(String cluster, DeliveryState state, List<ForwarderDelivery> forwarders, int covered,
                              int uncovered, int silent) {
    public ClusterDelivery {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(state, "state");
        forwarders = List.copyOf(forwarders);
    }
}
