package dev.logship.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks that span documents: unique names, one owner per ECS cluster, forwarders' clusters exist. */
final class CrossChecks {
    private CrossChecks() {}

    static Map<String, List<String>> run(List<ClusterManifest> clusters, List<ForwarderManifest> forwarders, List<Problem> problems) {
        Map<String, ClusterManifest> byName = new LinkedHashMap<>();
        Map<String, ClusterManifest> byEcsCluster = new HashMap<>();
        for (ClusterManifest cluster : clusters) {
            ClusterManifest first = byName.putIfAbsent(cluster.name(), cluster);
            if (first != null) {
                problems.add(cluster.position().problem("metadata.name", "duplicate Cluster name \"" + cluster.name()
                        + "\" (first defined at " + where(first.position()) + ")"));
                continue;
            }
            String ecsKey = cluster.target().region() + "/" + cluster.target().clusterName();
            ClusterManifest owner = cluster.target().region().isEmpty() ? null : byEcsCluster.putIfAbsent(ecsKey, cluster);
            if (owner != null) {
                problems.add(cluster.clusterNamePosition().problem("spec.clusterName", "ECS cluster " + ecsKey
                        + " is already managed by Cluster \"" + owner.name() + "\" (" + where(owner.position())
                        + "); two Clusters would prune each other's forwarders"));
            }
        }
        Map<String, ForwarderManifest> forwarderNames = new HashMap<>();
        Map<String, List<String>> targets = new LinkedHashMap<>();
        List<ForwarderManifest> resolved = new ArrayList<>();
        // Indexed once: looking clusters up per forwarder would be clusters x forwarders at scale.
        Map<String, List<String>> byDirectory = new HashMap<>();
        for (ClusterManifest c : clusters) {
            List<String> names = byDirectory.computeIfAbsent(c.directory(), d -> new ArrayList<>());
            if (!names.contains(c.name())) {
                names.add(c.name());
            }
        }
        for (ForwarderManifest forwarder : forwarders) {
            ForwarderManifest first = forwarderNames.putIfAbsent(forwarder.name(), forwarder);
            if (first != null) {
                problems.add(forwarder.position().problem("metadata.name", "duplicate LogForwarder name \""
                        + forwarder.name() + "\" (first defined at " + where(first.position())
                        + "); list several clusters in one forwarder's spec.clusters instead"));
                continue;
            }
            targets.put(forwarder.name(), resolve(forwarder, byDirectory, byName, problems));
            resolved.add(forwarder);
        }
        sharedHostPorts(resolved, targets, problems);
        HealthPorts.shared(resolved, targets, problems);
        return targets;
    }

    /**
     * Two perNodePort forwarders on one cluster with the same hostPort: ECS could place only one
     * of them per node, and each would wait forever for the other's nodes. Reported once per
     * later forwarder, at its file, naming the first.
     */
    private static void sharedHostPorts(List<ForwarderManifest> forwarders, Map<String, List<String>> targets,
                                        List<Problem> problems) {
        Map<String, ForwarderManifest> byClusterAndPort = new HashMap<>();
        for (ForwarderManifest forwarder : forwarders) {
            if (forwarder.scheduling() != Scheduling.PER_NODE_PORT) {
                continue;
            }
            for (String cluster : targets.get(forwarder.name())) {
                ForwarderManifest first = byClusterAndPort.putIfAbsent(cluster + "/" + forwarder.hostPort(), forwarder);
                if (first != null) {
                    problems.add(forwarder.position().problem("spec.hostPort", "hostPort " + forwarder.hostPort()
                            + " on Cluster \"" + cluster + "\" is already taken by perNodePort LogForwarder \"" + first.name()
                            + "\" (" + where(first.position()) + "); ECS can place only one of them per node: choose another hostPort"));
                    break;
                }
            }
        }
    }

    /** spec.clusters (or, with neither it nor a selector, the directory's Clusters), then the Clusters the selector adds. */
    private static List<String> resolve(ForwarderManifest forwarder, Map<String, List<String>> byDirectory,
            Map<String, ClusterManifest> byName, List<Problem> problems) {
        if (forwarder.clusterSelector() == null) {
            return listed(forwarder, byDirectory, byName, problems);
        }
        List<String> resolved = new ArrayList<>(forwarder.clusters() == null ? List.of() : listed(forwarder, byDirectory, byName, problems));
        for (ClusterManifest cluster : byName.values()) {
            if (!resolved.contains(cluster.name()) && forwarder.clusterSelector().matches(cluster.labels())) {
                if (tooLongForTag(cluster.name(), forwarder)) {
                    problems.add(forwarder.clusterSelectorPosition().problem("spec.clusterSelector", tagTooLong(cluster.name(), forwarder)));
                } else {
                    resolved.add(cluster.name());
                }
            }
        }
        return resolved;
    }

    private static List<String> listed(ForwarderManifest forwarder, Map<String, List<String>> byDirectory,
            Map<String, ClusterManifest> byName, List<Problem> problems) {
        if (forwarder.clusters() == null) {
            List<String> local = List.copyOf(byDirectory.getOrDefault(forwarder.directory(), List.of()));
            if (local.isEmpty()) {
                problems.add(forwarder.position().problem("spec.clusters", "no Cluster is defined in directory "
                        + forwarder.directory() + "; name the clusters in spec.clusters"));
            }
            List<String> fitting = new ArrayList<>();
            for (String name : local) {
                if (tooLongForTag(name, forwarder)) {
                    problems.add(forwarder.position().problem("metadata.name", tagTooLong(name, forwarder)));
                } else {
                    fitting.add(name);
                }
            }
            return fitting;
        }
        if (forwarder.clusters().isEmpty()) {
            problems.add(forwarder.clustersPosition().problem("spec.clusters", "expected at least one Cluster name"));
        }
        List<String> resolved = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < forwarder.clusters().size(); i++) {
            String name = forwarder.clusters().get(i);
            Position at = i < forwarder.clusterItemPositions().size() ? forwarder.clusterItemPositions().get(i)
                    : forwarder.clustersPosition();
            if (!seen.add(name)) {
                problems.add(at.problem("spec.clusters[" + i + "]", "Cluster \"" + name + "\" is listed twice"));
            } else if (!byName.containsKey(name)) {
                String hint = Suggestions.closest(name, byName.keySet()).map(s -> "; did you mean " + s + "?")
                        .orElse("; defined Clusters: " + byName.keySet());
                problems.add(at.problem("spec.clusters[" + i + "]",
                        "no Cluster named \"" + name + "\"" + hint));
            } else if (tooLongForTag(name, forwarder)) {
                problems.add(at.problem("spec.clusters[" + i + "]", tagTooLong(name, forwarder)));
            } else {
                resolved.add(name);
            }
        }
        return resolved;
    }

    private static boolean tooLongForTag(String cluster, ForwarderManifest forwarder) {
        return cluster.length() + 1 + forwarder.name().length() > EcsRules.MAX_TAG_VALUE;
    }

    private static String tagTooLong(String cluster, ForwarderManifest forwarder) {
        return "\"" + cluster + "/" + abbreviated(forwarder.name()) + "\" is longer than the " + EcsRules.MAX_TAG_VALUE
                + " characters of the logship.dev/forwarder tag; shorten the Cluster or LogForwarder name";
    }

    /** The forwarder name cut to 8 characters for the message; a shorter name (even one character) is shown whole. */
    private static String abbreviated(String name) {
        return name.length() <= 8 ? name : name.substring(0, 8) + "...";
    }

    private static String where(Position position) {
        return position.file() + ":" + position.line();
    }
}
