package dev.logship.reconcile;

import java.util.List;

/** Everything {@code GET /api/v1/status} shows: the source, readiness, every cluster and what each ClusterSet covers. */
public record OperatorStatus(SourceStatus source, boolean ready, List<ClusterStatus> clusters,
        List<dev.logship.discovery.SetCoverage> discovery) {
    public OperatorStatus {
        clusters = List.copyOf(clusters);
        discovery = discovery == null ? List.of() : List.copyOf(discovery);
    }

    public OperatorStatus(SourceStatus source, boolean ready, List<ClusterStatus> clusters) {
        this(source, ready, clusters, List.of());
    }
}
