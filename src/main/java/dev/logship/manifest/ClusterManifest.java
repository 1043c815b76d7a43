package dev.logship.manifest;

import dev.logship.model.ClusterTarget;
import java.util.Objects;

/** A parsed {@code kind: Cluster} with defaults applied, where it was defined and where its clusterName is. */
public record ClusterManifest(ClusterTarget target, String directory, Position position, Position clusterNamePosition) {
    public ClusterManifest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(position, "position");
        clusterNamePosition = clusterNamePosition == null ? position : clusterNamePosition;
    }

    public String name() {
        return target.name();
    }
}
