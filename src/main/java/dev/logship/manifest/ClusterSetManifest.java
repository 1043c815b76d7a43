package dev.logship.manifest;

import dev.logship.model.ClusterSet;
import java.util.Objects;

/** A parsed {@code kind: ClusterSet} and where it was defined (discovered clusters' problems point here). */
public record ClusterSetManifest(ClusterSet set, Position position) {
    public ClusterSetManifest {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(position, "position");
    }

    public String name() {
        return set.name();
    }
}
