package dev.logship.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The rendered desired state of every cluster at one revision. */
public record DesiredState(Revision revision, List<DesiredCluster> clusters) {
    public DesiredState {
        Objects.requireNonNull(revision, "revision");
        clusters = Immutable.list(clusters);
    }

    public Optional<DesiredCluster> cluster(String logicalName) {
        return clusters.stream().filter(c -> c.target().name().equals(logicalName)).findFirst();
    }
}
