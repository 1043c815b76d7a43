package dev.logship.diff;

import dev.logship.model.ClusterTarget;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.LiveCluster;
import dev.logship.model.LiveNode;
import java.util.List;
import java.util.Objects;

/**
 * The changes one logical cluster needs, in no particular order (sync orders them). {@code
 * warnings} say what the plan deliberately does not do (prune refused, cluster missing...);
 * {@code refusals} are those of them that leave ECS unequal to Git until someone acts (a prune
 * refused because it would empty the cluster): a pipeline must not read them as "in sync".
 */
public record ClusterPlan(ClusterTarget target, boolean clusterExists, int activeNodes, List<Change> changes,
        List<String> warnings, List<String> refusals, List<LiveNode> nodes) {

    public ClusterPlan {
        Objects.requireNonNull(target, "target");
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
        refusals = List.copyOf(refusals);
        nodes = nodes == null ? null : List.copyOf(nodes);
    }

    public ClusterPlan(ClusterTarget target, boolean clusterExists, int activeNodes, List<Change> changes,
                       List<String> warnings, List<String> refusals) {
        this(target, clusterExists, activeNodes, changes, warnings, refusals, null);
    }

    /** The nodes a forwarder should run on: ACTIVE ones, or for perNodePort the ones ECS can place it on (see {@link LiveCluster}). */
    public int nodesFor(DesiredForwarder forwarder) {
        return forwarder.perNodePort() ? observed().placeableNodes(forwarder.service().placementConstraints()) : activeNodes;
    }

    /** The observation the plan was made from, without services. */
    public LiveCluster observed() {
        return new LiveCluster(target.clusterName(), clusterExists, activeNodes, List.of(), java.util.Set.of(), nodes);
    }

    public ClusterPlan(ClusterTarget target, boolean clusterExists, int activeNodes, List<Change> changes, List<String> warnings) {
        this(target, clusterExists, activeNodes, changes, warnings, List.of());
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
