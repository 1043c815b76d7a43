package dev.logship.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One LogForwarder manifest as a team would write it, built field by field and rendered as YAML.
 * Immutable, so a test can push the same forwarder with another image as a copy.
 *
 * @param clusters the clusters it runs on; null: the Clusters defined in its directory
 * @param image null: logship's default image
 * @param cpu 0: no resources section (logship's defaults)
 * @param hostPort null: a daemon; a port: one task per node on that host port (perNodePort)
 */
public record ForwarderManifest(String name, List<String> clusters, String image, List<String> routes, Map<String, String> excludeLabels,
        int cpu, int memory, Map<String, String> tags, Integer hostPort) implements Fleet.Manifest {
    public ForwarderManifest {
        clusters = clusters == null ? null : List.copyOf(clusters);
        routes = List.copyOf(routes);
        excludeLabels = Collections.unmodifiableMap(new LinkedHashMap<>(excludeLabels));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A forwarder with one route and nothing else set: it runs on the Clusters in its directory. */
    public static ForwarderManifest named(String name, String route) {
        return new ForwarderManifest(name, null, null, List.of(route), Map.of(), 0, 0, Map.of(), null);
    }

    public ForwarderManifest on(List<String> clusterNames) {
        return new ForwarderManifest(name, clusterNames, image, routes, excludeLabels, cpu, memory, tags, hostPort);
    }

    public ForwarderManifest image(String reference) {
        return new ForwarderManifest(name, clusters, reference, routes, excludeLabels, cpu, memory, tags, hostPort);
    }

    public ForwarderManifest resources(int cpuUnits, int memoryMiB) {
        return new ForwarderManifest(name, clusters, image, routes, excludeLabels, cpuUnits, memoryMiB, tags, hostPort);
    }

    /** Containers with this label are not forwarded. */
    public ForwarderManifest excludeLabel(String key, String value) {
        return new ForwarderManifest(name, clusters, image, routes, with(excludeLabels, key, value), cpu, memory, tags, hostPort);
    }

    public ForwarderManifest tag(String key, String value) {
        return new ForwarderManifest(name, clusters, image, routes, excludeLabels, cpu, memory, with(tags, key, value), hostPort);
    }

    /** One task per node publishing {@code port} on the host (the old script's REPLICA + host port trick). */
    public ForwarderManifest perNodePort(int port) {
        return new ForwarderManifest(name, clusters, image, routes, excludeLabels, cpu, memory, tags, port);
    }

    public String yaml() {
        StringBuilder y = new StringBuilder("apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: ").append(name)
                .append("\nspec:\n");
        if (clusters != null) {
            y.append("  clusters: [").append(String.join(", ", clusters)).append("]\n");
        }
        if (image != null) {
            y.append("  image: ").append(image).append('\n');
        }
        y.append("  routes:\n");
        routes.forEach(r -> y.append("    - ").append(r).append('\n'));
        map(y, "excludeLabels", excludeLabels);
        if (cpu > 0) {
            y.append("  resources:\n    cpu: ").append(cpu).append("\n    memory: ").append(memory).append('\n');
        }
        map(y, "tags", tags);
        if (hostPort != null) {
            y.append("  scheduling: perNodePort\n  hostPort: ").append(hostPort).append('\n');
        }
        return y.toString();
    }

    private static void map(StringBuilder y, String key, Map<String, String> entries) {
        if (!entries.isEmpty()) {
            y.append("  ").append(key).append(":\n");
            entries.forEach((k, v) -> y.append("    ").append(k).append(": ").append(v).append('\n'));
        }
    }

    private static Map<String, String> with(Map<String, String> entries, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(entries);
        more.put(key, value);
        return more;
    }
}
