package dev.logship.manifest;

import dev.logship.model.ClusterTarget;
import java.util.Objects;

/** A parsed {@code kind: Cluster} with defaults applied, and where it was defined. */
public record ClusterManifest(ClusterTarget target, String directory, Position position) {
    public ClusterManifest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(position, "position");
    }

    public String name() {
        return target.name();
    }
}
