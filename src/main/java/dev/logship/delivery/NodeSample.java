package dev.logship.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One report of one forwarder on one node: cumulative records in (all inputs), counters per
 * route (keyed by the route's output name, e.g. {@code syslog.0}), bytes buffered and the
 * process uptime, as of {@code at}. Counters start at 0 when the process starts.
 */
public record NodeSample(String cluster, String forwarder, String node, Instant at, long recordsIn,
                         Map<String, RouteCounters> routes, long bufferedBytes, double uptimeSeconds) {
    public NodeSample {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(forwarder, "forwarder");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
        routes = java.util.Collections.unmodifiableMap(new TreeMap<>(routes));
    }

    /** The counters of every route added up. */
    public RouteCounters total() {
        return routes.values().stream().reduce(RouteCounters.ZERO, RouteCounters::plus);
    }

    /** What the counters were when the process started: all zero, at {@code at - uptime}. */
    NodeSample processStart() {
        Map<String, RouteCounters> zero = new TreeMap<>();
        routes.keySet().forEach(r -> zero.put(r, RouteCounters.ZERO));
        return new NodeSample(cluster, forwarder, node, at.minusMillis((long) (Math.max(0, uptimeSeconds) * 1000)), 0,
                zero, 0, 0);
    }
}
