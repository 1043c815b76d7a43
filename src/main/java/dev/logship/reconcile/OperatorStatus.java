package dev.logship.reconcile;

import java.util.List;

/** Everything {@code GET /api/v1/status} shows: the source, readiness and every cluster. */
public record OperatorStatus(SourceStatus source, boolean ready, List<ClusterStatus> clusters) {
    public OperatorStatus {
        clusters = List.copyOf(clusters);
    }
}
