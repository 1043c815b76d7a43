package dev.logship.model;

import java.util.Map;
import java.util.Objects;

/**
 * A logical cluster from a {@code kind: Cluster} manifest: where it lives in ECS and the
 * rules for pruning it. {@code roleArn} may be null (use the ambient credentials).
 * {@code labels} ({@code metadata.labels}) describe the cluster to people and filters (the status
 * page filters by them); they never reach ECS.
 */
public record ClusterTarget(
        String name,
        String clusterName,
        String region,
        String roleArn,
        boolean prune,
        boolean allowEmpty,
        boolean suspend,
        Map<String, String> labels) {

    public ClusterTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(region, "region");
        labels = Immutable.sortedMap(labels); // sorted: stable output and equality
    }

    /** A target without labels. */
    public ClusterTarget(String name, String clusterName, String region, String roleArn, boolean prune,
                         boolean allowEmpty, boolean suspend) {
        this(name, clusterName, region, roleArn, prune, allowEmpty, suspend, Map.of());
    }

    public ClusterTarget withLabels(Map<String, String> newLabels) {
        return new ClusterTarget(name, clusterName, region, roleArn, prune, allowEmpty, suspend, newLabels);
    }
}
