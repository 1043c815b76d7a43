package dev.logship.manifest;

import dev.logship.model.ClusterTarget;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A parsed {@code kind: Cluster} with defaults applied, where it was defined, where its clusterName is, and its labels. */
public record ClusterManifest(ClusterTarget target, String directory, Position position, Position clusterNamePosition,
        Map<String, String> labels) {
    public ClusterManifest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(position, "position");
        clusterNamePosition = clusterNamePosition == null ? position : clusterNamePosition;
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public ClusterManifest(ClusterTarget target, String directory, Position position, Position clusterNamePosition) {
        this(target, directory, position, clusterNamePosition, Map.of());
    }

    /** The same Cluster with its {@code metadata.labels} (what rollout waves select on; the target carries them to status). */
    public ClusterManifest withLabels(Map<String, String> newLabels) {
        return new ClusterManifest(target.withLabels(newLabels), directory, position, clusterNamePosition, newLabels);
    }

    public String name() {
        return target.name();
    }
}
