package dev.logship.delivery;

import java.time.Instant;
import java.util.List;

/**
 * One node's delivery as judged: its state and why, its last report, rates over the window
 * (records per second in and out), counts over the window (errors, retries, dropped), what it
 * buffers, its uptime, and the routes that fail (output names). {@code lastReport} is null
 * for a node known only from ECS.
 */
public record NodeDelivery(String node, DeliveryState state, String reason, Instant lastReport, double recordsInPerSecond,
                           double recordsOutPerSecond, long errors, long retries, long dropped, long bufferedBytes,
                           double uptimeSeconds, List<String> failingRoutes) {
    public NodeDelivery {
        failingRoutes = List.copyOf(failingRoutes);
    }

    static NodeDelivery silent(String node, String reason, Instant lastReport) {
        return new NodeDelivery(node, DeliveryState.Silent, reason, lastReport, 0, 0, 0, 0, 0, 0, 0, List.of());
    }
}
