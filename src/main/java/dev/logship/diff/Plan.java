package dev.logship.diff;

import dev.logship.model.Revision;
import java.util.List;
import java.util.Objects;

/** The plan for every cluster of one desired-state revision. */
public record Plan(Revision revision, List<ClusterPlan> clusters) {
    public Plan {
        Objects.requireNonNull(revision, "revision");
        clusters = List.copyOf(clusters);
    }

    public boolean hasChanges() {
        return clusters.stream().anyMatch(ClusterPlan::hasChanges);
    }

    public long count(Action action) {
        return clusters.stream().mapToLong(c -> c.count(action)).sum();
    }
}
