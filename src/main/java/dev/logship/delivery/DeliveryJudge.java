package dev.logship.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A forwarder's delivery from its nodes' samples and what ECS says runs (a pure function):
 * DeliveryFailing when any node fails, Silent when a node stopped reporting or fewer nodes
 * report than ECS runs tasks, Delivering when every running task's node reports and delivers,
 * Unknown when nothing runs and nothing reports.
 */
public final class DeliveryJudge {
    private DeliveryJudge() {}

    /**
     * @param samplesByNode the samples each node sent within the kept window
     * @param runningTasks  tasks ECS says run (one per node), or null when not known
     */
    public static ForwarderDelivery forwarder(String cluster, String forwarder, Map<String, List<NodeSample>> samplesByNode,
                                              Integer runningTasks, Instant now, DeliverySettings settings) {
        List<NodeDelivery> nodes = new ArrayList<>();
        new TreeMap<>(samplesByNode).forEach((node, samples) -> nodes.add(NodeJudge.judge(node, samples, now, settings)));
        return forwarder(cluster, forwarder, nodes, runningTasks);
    }

    /** The same from its nodes already judged (in name order), as {@link NodeVerdicts} keeps them. */
    public static ForwarderDelivery forwarder(String cluster, String forwarder, List<NodeDelivery> nodes, Integer runningTasks) {
        int reporting = (int) nodes.stream().filter(n -> n.state() != DeliveryState.Silent).count();
        int failing = (int) nodes.stream().filter(n -> n.state() == DeliveryState.DeliveryFailing).count();
        int silent = nodes.size() - reporting;
        int neverReported = runningTasks == null ? 0 : Math.max(0, runningTasks - nodes.size());
        silent += neverReported;
        Map<String, Integer> routes = new TreeMap<>();
        nodes.forEach(n -> n.failingRoutes().forEach(r -> routes.merge(r, 1, Integer::sum)));
        List<ForwarderDelivery.FailingRoute> failingRoutes = routes.entrySet().stream()
                .map(e -> new ForwarderDelivery.FailingRoute(e.getKey(), e.getValue())).toList();

        DeliveryState state;
        String message;
        if (failing > 0) {
            state = DeliveryState.DeliveryFailing;
            message = "route " + String.join(", ", routes.keySet()) + " failing on " + failing + " of "
                    + nodes.size() + " nodes: " + nodes.stream().filter(n -> n.state() == DeliveryState.DeliveryFailing)
                    .findFirst().map(NodeDelivery::reason).orElse("");
        } else if (silent > 0) {
            state = DeliveryState.Silent;
            message = silent + " node(s) running the forwarder send no telemetry"
                    + (neverReported > 0 ? " (" + neverReported + " never reported)" : "");
        } else if (reporting > 0) {
            state = DeliveryState.Delivering;
            message = "delivering on " + reporting + " node(s)";
        } else {
            state = DeliveryState.Unknown;
            message = "no task runs and no node reports";
        }
        return new ForwarderDelivery(cluster, forwarder, state, message, nodes, failingRoutes, reporting, failing, silent);
    }

    /** A cluster is as bad as its worst forwarder; Unknown with none. */
    public static DeliveryState cluster(List<ForwarderDelivery> forwarders) {
        return forwarders.stream().map(ForwarderDelivery::state).reduce(DeliveryState::worse).orElse(DeliveryState.Unknown);
    }

    /**
     * The event a change of state calls for: {@code DeliveryFailing} on entering it,
     * {@code DeliveryRecovered} on leaving it for Delivering; null otherwise.
     */
    public static String transition(DeliveryState before, DeliveryState now) {
        if (now == DeliveryState.DeliveryFailing && before != DeliveryState.DeliveryFailing) {
            return "DeliveryFailing";
        }
        if (before == DeliveryState.DeliveryFailing && now == DeliveryState.Delivering) {
            return "DeliveryRecovered";
        }
        return null;
    }
}
