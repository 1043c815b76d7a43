package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rendered desired state of every cluster at one revision, with the RolloutPolicy that
 * governs each cluster (absent: all at once) and the Notifiers to tell about it.
 */
public record DesiredState(Revision revision, List<DesiredCluster> clusters, Map<String, RolloutPolicy> policies,
        List<NotifierSpec> notifiers) {
    public DesiredState {
        Objects.requireNonNull(revision, "revision");
        clusters = Immutable.list(clusters);
        policies = Map.copyOf(policies);
        notifiers = List.copyOf(notifiers);
    }

    public DesiredState(Revision revision, List<DesiredCluster> clusters) {
        this(revision, clusters, Map.of(), List.of());
    }

    public Optional<DesiredCluster> cluster(String logicalName) {
        return clusters.stream().filter(c -> c.target().name().equals(logicalName)).findFirst();
    }

    /** The policy of a cluster: its RolloutPolicy, or today's all at once. */
    public RolloutPolicy policyOf(String logicalName) {
        return policies.getOrDefault(logicalName, RolloutPolicy.allAtOnce());
    }
}
