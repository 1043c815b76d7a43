package dev.logship.model;

import java.util.List;
import java.util.Objects;

/** Everything Git wants on one logical cluster. */
public record DesiredCluster(ClusterTarget target, List<DesiredForwarder> forwarders) {
    public DesiredCluster {
        Objects.requireNonNull(target, "target");
        forwarders = Immutable.list(forwarders);
    }
}
