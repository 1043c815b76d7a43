package dev.logship.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A generated tree of manifests: {@code clusters} Cluster directories (bench-0000 ...), shared
 * forwarders under {@code forwarders/} each listing the clusters it runs on, and optionally
 * {@code localForwarders} per cluster directory (to make the tree as large as a real one).
 *
 * @param shared forwarder name to how many clusters (the first n) it runs on
 */
record Fleet(int clusters, Map<String, Integer> shared, int localForwarders, int nodesPerCluster) {
    static final String REGION = "us-east-1";

    Fleet {
        shared = new LinkedHashMap<>(shared);
    }

    /**
     * Most clusters with one forwarder, a tenth with three, four distinct contents: one
     * forwarder for 90% of clusters, a second route for the last 10%, two more on the first 10%.
     */
    static Fleet mostlyOne(int clusters) {
        int tenth = Math.max(1, clusters / 10);
        Map<String, Integer> shared = new LinkedHashMap<>();
        shared.put("papertrail", clusters - tenth);
        shared.put("audit", tenth);
        shared.put("metrics", tenth);
        return new Fleet(clusters, shared, 0, 2).withEuRoute(tenth);
    }

    /** Every cluster runs the same {@code forwarders} forwarders. */
    static Fleet uniform(int clusters, int forwarders) {
        Map<String, Integer> shared = new LinkedHashMap<>();
        for (int i = 0; i < forwarders; i++) {
            shared.put("fwd" + i, clusters);
        }
        return new Fleet(clusters, shared, 0, 2);
    }

    /** A large tree: every cluster directory holds its Cluster and {@code local} forwarders of its own. */
    static Fleet large(int clusters, int local) {
        return new Fleet(clusters, Map.of("papertrail", clusters), local, 2);
    }

    private Fleet withEuRoute(int lastN) {
        Map<String, Integer> s = new LinkedHashMap<>(shared);
        s.put("papertrail-eu", -lastN); // negative: the last n clusters
        return new Fleet(clusters, s, localForwarders, nodesPerCluster);
    }

    static String clusterName(int i) {
        return String.format(Locale.ROOT, "bench-%04d", i);
    }

    List<String> clusterNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < clusters; i++) {
            out.add(clusterName(i));
        }
        return out;
    }

    /** ECS services the fleet needs (one per forwarder per cluster it runs on). */
    int services() {
        int n = clusters * localForwarders;
        for (int count : shared.values()) {
            n += Math.abs(count);
        }
        return n;
    }

    /** Distinct task definition contents (one per forwarder manifest). */
    int distinctContents() {
        return shared.size() + clusters * localForwarders;
    }

    /** (cluster, forwarder) pairs in cluster order, as a per-cluster script would walk them. */
    Map<String, List<String>> forwardersByCluster() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        clusterNames().forEach(c -> out.put(c, new ArrayList<>()));
        shared.forEach((name, count) -> targets(count).forEach(c -> out.get(c).add(name)));
        for (int i = 0; i < clusters; i++) {
            for (int j = 0; j < localForwarders; j++) {
                out.get(clusterName(i)).add(localName(i, j));
            }
        }
        return out;
    }

    Map<String, Integer> nodes() {
        Map<String, Integer> out = new LinkedHashMap<>();
        clusterNames().forEach(c -> out.put(c, nodesPerCluster));
        return out;
    }

    /** Writes the tree under {@code root}; returns the number of files written. */
    int write(Path root) {
        int files = 0;
        for (int i = 0; i < clusters; i++) {
            String name = clusterName(i);
            write(root.resolve(name).resolve("cluster.yaml"), clusterYaml(name));
            files++;
            for (int j = 0; j < localForwarders; j++) {
                write(root.resolve(name).resolve("fwd-" + j + ".yaml"), forwarderYaml(localName(i, j), null, "v3.2.14"));
                files++;
            }
        }
        for (Map.Entry<String, Integer> e : shared.entrySet()) {
            write(root.resolve("forwarders").resolve(e.getKey() + ".yaml"), forwarderYaml(e.getKey(), targets(e.getValue()), "v3.2.14"));
            files++;
        }
        return files;
    }

    /** The path and new content of a one-file change: cluster {@code i}'s first local forwarder gets another image. */
    Map.Entry<String, String> oneFileChange(int i, String imageTag) {
        if (localForwarders == 0) {
            throw new IllegalStateException("the one-file change edits a cluster's own forwarder");
        }
        return Map.entry(clusterName(i) + "/fwd-0.yaml", forwarderYaml(localName(i, 0), null, imageTag));
    }

    private List<String> targets(int count) {
        List<String> names = clusterNames();
        return count >= 0 ? names.subList(0, count) : names.subList(clusters + count, clusters);
    }

    private static String localName(int cluster, int j) {
        return clusterName(cluster) + "-f" + j;
    }

    static String clusterYaml(String name) {
        return "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: " + name + "\nspec:\n  clusterName: " + name
                + "\n  region: " + REGION + "\n";
    }

    static String forwarderYaml(String name, List<String> clusters, String imageTag) {
        StringBuilder y = new StringBuilder("apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: ")
                .append(name).append("\nspec:\n");
        if (clusters != null) {
            y.append("  clusters: [").append(String.join(", ", clusters)).append("]\n");
        }
        String host = name.endsWith("-eu") ? "logs5.papertrailapp.com" : "logs3.papertrailapp.com";
        y.append("  image: gliderlabs/logspout:").append(imageTag).append("\n")
                .append("  routes:\n    - syslog+tls://").append(host).append(":12345\n")
                .append("  excludeLabels:\n    com.amazonaws.ecs.container-name: ecs-agent\n")
                .append("  resources:\n    cpu: 32\n    memory: 128\n")
                .append("  tags:\n    team: platform\n    forwarder: ").append(name).append("\n");
        return y.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
