package dev.logship.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One Cluster manifest as a team would write it, built field by field and rendered as YAML.
 * Immutable, so a fleet can hand the same one out and change a copy.
 *
 * @param clusterName the ECS cluster; null: the same as {@code name}
 */
public record ClusterManifest(String name, Map<String, String> labels, String clusterName, String region, boolean suspend,
        String roleArn) implements Fleet.Manifest {
    public ClusterManifest {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels)); // in the order given, as written
    }

    /** A Cluster on the ECS cluster of the same name in {@link Fleet#REGION}. */
    public static ClusterManifest named(String name) {
        return new ClusterManifest(name, Map.of(), null, Fleet.REGION, false, null);
    }

    public ClusterManifest label(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(key, value);
        return new ClusterManifest(name, more, clusterName, region, suspend, roleArn);
    }

    public ClusterManifest clusterName(String ecsCluster) {
        return new ClusterManifest(name, labels, ecsCluster, region, suspend, roleArn);
    }

    public ClusterManifest suspend(boolean suspended) {
        return new ClusterManifest(name, labels, clusterName, region, suspended, roleArn);
    }

    /** The role logship assumes for this cluster (another account). */
    public ClusterManifest roleArn(String role) {
        return new ClusterManifest(name, labels, clusterName, region, suspend, role);
    }

    /** The ECS cluster logship manages for it. */
    public String ecsCluster() {
        return clusterName == null ? name : clusterName;
    }

    public String yaml() {
        StringBuilder y = new StringBuilder("apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: ").append(name).append('\n');
        if (!labels.isEmpty()) {
            y.append("  labels: {").append(labels.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", "))).append("}\n");
        }
        y.append("spec:\n");
        if (clusterName != null) {
            y.append("  clusterName: ").append(clusterName).append('\n');
        }
        y.append("  region: ").append(region).append('\n');
        if (suspend) {
            y.append("  suspend: true\n");
        }
        if (roleArn != null) {
            y.append("  roleArn: ").append(roleArn).append('\n');
        }
        return y.toString();
    }
}
