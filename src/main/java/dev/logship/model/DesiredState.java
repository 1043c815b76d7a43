package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rendered desired state of every cluster at one revision, with the RolloutPolicy that
 * governs each cluster (absent: all at once) and the Notifiers to tell about it. {@code placements}
 * says, per forwarder, why it lands on each of its clusters (render and plan show it).
 */
public record DesiredState(Revision revision, List<DesiredCluster> clusters, Map<String, RolloutPolicy> policies,
        List<NotifierSpec> notifiers, Map<String, Map<String, String>> placements) {
    public DesiredState {
        Objects.requireNonNull(revision, "revision");
        clusters = Immutable.list(clusters);
        policies = Map.copyOf(policies);
        notifiers = List.copyOf(notifiers);
        placements = placements == null ? Map.of() : Map.copyOf(placements);
    }

    /** A state without placement reasons. */
    public DesiredState(Revision revision, List<DesiredCluster> clusters, Map<String, RolloutPolicy> policies,
            List<NotifierSpec> notifiers) {
        this(revision, clusters, policies, notifiers, Map.of());
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
