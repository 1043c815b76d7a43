package dev.logship.diff;

import dev.logship.model.ClusterTarget;
import java.util.List;
import java.util.Objects;

/**
 * The changes one logical cluster needs, in no particular order (sync orders them). {@code
 * warnings} say what the plan deliberately does not do (prune refused, cluster missing...).
 */
public record ClusterPlan(ClusterTarget target, boolean clusterExists, int activeNodes, List<Change> changes,
        List<String> warnings) {

    public ClusterPlan {
        Objects.requireNonNull(target, "target");
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action().mutates());
    }

    /** Same-named services logship does not own: ECS cannot be made equal to Git until someone acts. */
    public boolean hasConflicts() {
        return changes.stream().anyMatch(c -> c.action() == Action.CONFLICT);
    }

    public long count(Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    public <T extends Change> List<T> changes(Class<T> type) {
        return changes.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
