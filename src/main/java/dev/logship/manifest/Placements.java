package dev.logship.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why each forwarder lands on each of its Clusters, for render and plan: listed in
 * {@code spec.clusters}, matched by {@code spec.clusterSelector} (with the labels that matched),
 * or defined in the forwarder's directory.
 */
public final class Placements {
    private Placements() {}

    /** Forwarder name to (Cluster name to the reason), forwarders and Clusters in name order. */
    public static Map<String, Map<String, String>> of(Manifests manifests) {
        Map<String, ClusterManifest> clusters = new TreeMap<>();
        manifests.clusters().forEach(c -> clusters.putIfAbsent(c.name(), c));
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (ForwarderManifest forwarder : manifests.forwarders()) {
            Map<String, String> reasons = new TreeMap<>();
            for (String name : manifests.targets().getOrDefault(forwarder.name(), List.of())) {
                reasons.put(name, reason(forwarder, clusters.get(name)));
            }
            out.putIfAbsent(forwarder.name(), reasons);
        }
        return out;
    }

    private static String reason(ForwarderManifest forwarder, ClusterManifest cluster) {
        if (forwarder.clusters() != null && forwarder.clusters().contains(cluster.name())) {
            return "listed in spec.clusters";
        }
        if (forwarder.clusterSelector() != null) {
            return "clusterSelector " + forwarder.clusterSelector() + " matches labels " + shown(cluster.labels());
        }
        return "defined in its directory " + forwarder.directory();
    }

    private static String shown(Map<String, String> labels) {
        Map<String, String> sorted = new LinkedHashMap<>(new TreeMap<>(labels));
        return sorted.isEmpty() ? "{}" : sorted.toString();
    }
}
