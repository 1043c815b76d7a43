package dev.logship.rollout;

import java.util.Map;
import java.util.Objects;

/**
 * One cluster as reconcile sees it now: its labels (for waves), its health, and whether the
 * rollout's commit would change anything there ({@code needsChange} false: already in sync).
 */
public record Observation(String cluster, Map<String, String> labels, ClusterHealth health, boolean needsChange, String message) {
    public Observation {
        Objects.requireNonNull(cluster, "cluster");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(health, "health");
        message = message == null ? "" : message;
    }

    public static Observation of(String cluster, Map<String, String> labels, ClusterHealth health, boolean needsChange) {
        return new Observation(cluster, labels, health, needsChange, "");
    }
}
