package dev.logship.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything Git wants on one logical cluster, for one installation: {@code owner} is its
 * owner id (see {@link OwnershipTags}), null for a desired state rendered without one.
 */
public record DesiredCluster(ClusterTarget target, List<DesiredForwarder> forwarders, String owner) {
    public DesiredCluster {
        Objects.requireNonNull(target, "target");
        forwarders = Immutable.list(forwarders);
    }

    public DesiredCluster(ClusterTarget target, List<DesiredForwarder> forwarders) {
        this(target, forwarders, null);
    }

    /**
     * This cluster as installation {@code newOwner} wants it: every task definition and service
     * tagged with the owner. A null owner leaves the cluster as it is.
     */
    public DesiredCluster ownedBy(String newOwner) {
        if (newOwner == null || newOwner.equals(owner)) {
            return this;
        }
        return new DesiredCluster(target, forwarders.stream().map(f -> f.ownedBy(newOwner)).toList(), newOwner);
    }

    /** The same cluster and owner with other forwarders (e.g. the same ones with their ECS documents attached). */
    public DesiredCluster withForwarders(List<DesiredForwarder> newForwarders) {
        return new DesiredCluster(target, newForwarders, owner);
    }
}
