package dev.logship.cli;

import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.RouteSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each forwarder's records go, in the words render prints ("api, worker -> cloudwatchLogs
 * /ecs/prod/{container} (us-east-1)"): {@link RouteSummary#describe} is the one wording, and its
 * targets are already masked (no host, port, token or key). Plan groups the clusters that route a
 * forwarder alike, so a fleet of hundreds reads as one block.
 */
final class RoutesText {
    private RoutesText() {}

    /** One forwarder's routes in words, in manifest order (render's "routes" field). */
    static List<String> words(DesiredForwarder forwarder) {
        return forwarder.routes().stream().map(RouteSummary::describe).toList();
    }

    /** Empty when no forwarder is planned. */
    static String render(List<DesiredCluster> clusters) {
        Map<String, Map<List<String>, List<String>>> grouped = grouped(clusters);
        if (grouped.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nRoutes:\n");
        grouped.forEach((forwarder, groups) -> groups.forEach((routes, on) -> {
            out.append("  ").append(forwarder).append(" on ").append(PlacementsText.listed(on)).append(":\n");
            routes.forEach(route -> out.append("    ").append(route).append('\n'));
        }));
        return out.toString();
    }

    /** Forwarder to a list of {clusters, routes}: one entry per way it is routed. */
    static Map<String, Object> data(List<DesiredCluster> clusters) {
        Map<String, Object> out = new LinkedHashMap<>();
        grouped(clusters).forEach((forwarder, groups) -> out.put(forwarder, groups.entrySet().stream()
                .map(g -> Map.of("clusters", g.getValue(), "routes", g.getKey())).toList()));
        return out;
    }

    /** Forwarder -> its routes in words -> the clusters routing it so, in the clusters' order. */
    private static Map<String, Map<List<String>, List<String>>> grouped(List<DesiredCluster> clusters) {
        Map<String, Map<List<String>, List<String>>> out = new LinkedHashMap<>();
        for (DesiredCluster cluster : clusters) {
            for (DesiredForwarder forwarder : cluster.forwarders()) {
                out.computeIfAbsent(forwarder.key().forwarder(), f -> new LinkedHashMap<>())
                        .computeIfAbsent(words(forwarder), w -> new ArrayList<>()).add(cluster.target().name());
            }
        }
        return out;
    }
}
