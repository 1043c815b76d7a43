package dev.logship.model;

import java.util.Objects;

/**
 * A logical cluster from a {@code kind: Cluster} manifest: where it lives in ECS and the
 * rules for pruning it. {@code roleArn} may be null (use the ambient credentials).
 */
public record ClusterTarget(
        String name,
        String clusterName,
        String region,
        String roleArn,
        boolean prune,
        boolean allowEmpty,
        boolean suspend) {

    public ClusterTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(region, "region");
    }
}
