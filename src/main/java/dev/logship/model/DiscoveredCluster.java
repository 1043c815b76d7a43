package dev.logship.model;

import java.util.Objects;

/**
 * An ECS cluster a ClusterSet found and selected, as the Cluster it stands for: {@code target}
 * carries its generated name ({@code <clusterName>.<region>.<account>}), labels, role and the
 * set's defaults.
 */
public record DiscoveredCluster(String set, String account, ClusterTarget target) {
    public DiscoveredCluster {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(target, "target");
    }

    /** The generated Cluster name: stable for as long as the ECS cluster exists, unique across accounts and regions. */
    public static String nameOf(String clusterName, String region, String account) {
        return clusterName + "." + region + "." + account;
    }
}
