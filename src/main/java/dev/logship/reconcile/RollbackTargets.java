package dev.logship.reconcile;

import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.rollout.Rollout;
import dev.logship.rollout.SavedRollouts;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a rollback returns each cluster: the last commit Healthy there, and the one before it (the
 * target of a cluster already Healthy on the rollout's own commit). Only the commit ids are saved;
 * after a restart their desired states are read again from the source by {@link #preload}, which
 * the driver calls outside its lock (a Git read and a render), so nothing here reads a commit.
 * Not thread-safe: the driver's lock guards it.
 */
final class RollbackTargets {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackTargets.class);

    /**
     * A commit that was Healthy on a cluster: where a rollback returns it, and the task definition
     * ARNs it ran there (revision clean-up keeps them while a rollout may still return to them).
     */
    record Healthy(DesiredCluster desired, Revision revision, Set<String> taskDefinitions) {
        Healthy {
            taskDefinitions = taskDefinitions == null ? Set.of() : Set.copyOf(taskDefinitions);
        }
    }

    private final Map<String, Healthy> last = new HashMap<>();
    private final Map<String, Healthy> previous = new HashMap<>();
    /** The saved part: commit ids per cluster. */
    private final Map<String, String> lastCommits;
    private final Map<String, String> previousCommits;
    private final Function<String, Optional<DesiredState>> commits;
    /** Commits read by {@link #preload} (empty: the source could not read it again). */
    private final Map<String, Optional<DesiredState>> read = new HashMap<>();

    RollbackTargets(SavedRollouts saved, Function<String, Optional<DesiredState>> commits) {
        this.lastCommits = new HashMap<>(saved.lastHealthyCommits());
        this.previousCommits = new HashMap<>(saved.previousHealthyCommits());
        this.commits = commits;
    }

    /** Saved commits whose desired state is not known yet (the driver reads them outside its lock). */
    Set<String> unread(DesiredState inForce) {
        Set<String> out = new HashSet<>(lastCommits.values());
        out.addAll(previousCommits.values());
        out.removeAll(read.keySet());
        out.remove(inForce.revision().id());
        return out;
    }

    /** Reads commits again from the source: call without holding the driver's lock. */
    Map<String, Optional<DesiredState>> readAgain(Set<String> ids) {
        Map<String, Optional<DesiredState>> out = new HashMap<>();
        ids.forEach(id -> out.put(id, commits.apply(id)));
        return out;
    }

    void preload(Map<String, Optional<DesiredState>> states) {
        read.putAll(states);
    }

    /** The rollback target of a cluster in a rollout of {@code rolloutCommit}: the last Healthy commit other than it. */
    Healthy target(String cluster, String rolloutCommit, DesiredState inForce) {
        Healthy lastOne = last(cluster, inForce);
        return lastOne != null && rolloutCommit != null && lastOne.revision().id().equals(rolloutCommit)
                ? previous(cluster) : lastOne;
    }

    /** Seen Healthy in sync on the commit in force; true when what is saved changed. */
    boolean healthyOnCommit(String cluster, DesiredCluster desired, Revision revision, Set<String> taskDefinitions, DesiredState inForce) {
        boolean changed = false;
        Healthy before = last(cluster, inForce);
        if (before != null && !before.revision().id().equals(revision.id())) {
            previous.put(cluster, before);
            changed = !before.revision().id().equals(previousCommits.put(cluster, before.revision().id()));
        }
        last.put(cluster, new Healthy(desired, revision, taskDefinitions));
        return !revision.id().equals(lastCommits.put(cluster, revision.id())) || changed;
    }

    /** Healthy again on its rollback target: the next rollback returns it there. */
    void rolledBack(String cluster, Healthy target) {
        last.put(cluster, target);
        previous.remove(cluster);
        previousCommits.remove(cluster);
        lastCommits.put(cluster, target.revision().id());
    }

    /** Task definition ARNs of {@code family} that rollouts not yet done may return a cluster to. */
    Set<String> retained(Collection<Rollout> rollouts, String family) {
        Set<String> keep = new TreeSet<>();
        for (Rollout rollout : rollouts) {
            if (rollout.state() == Rollout.State.DONE) {
                continue;
            }
            for (String cluster : rollout.clusters().keySet()) {
                Healthy lastOne = last.get(cluster);
                Healthy back = lastOne != null && lastOne.revision().id().equals(rollout.commit()) ? previous.get(cluster) : lastOne;
                if (back != null) {
                    back.taskDefinitions().stream().filter(arn -> arn.contains("task-definition/" + family + ":")).forEach(keep::add);
                }
            }
        }
        return keep;
    }

    /**
     * Why a rollout not yet done may return a cluster to task definitions not known here, null when
     * none may: after a restart a target is known by its commit only until the cluster is seen
     * Healthy on it again, and clean-up must not take its revisions for unused meanwhile.
     */
    String unknownBecause(Collection<Rollout> rollouts) {
        for (Rollout rollout : rollouts) {
            if (rollout.state() == Rollout.State.DONE) {
                continue;
            }
            for (String cluster : rollout.clusters().keySet()) {
                boolean onOwn = rollout.commit().equals(lastCommits.get(cluster));
                String backCommit = onOwn ? previousCommits.get(cluster) : lastCommits.get(cluster);
                Healthy back = (onOwn ? previous : last).get(cluster);
                if (backCommit != null && (back == null || !back.revision().id().equals(backCommit) || back.taskDefinitions().isEmpty())) {
                    return "the rollback target of " + cluster + " (" + backCommit.substring(0, Math.min(12, backCommit.length()))
                            + ") is known by its commit only (saved before a restart): revisions are kept until its rollout is done";
                }
            }
        }
        return null;
    }

    Map<String, String> lastCommits() {
        return lastCommits;
    }

    Map<String, String> previousCommits() {
        return previousCommits;
    }

    private Healthy last(String cluster, DesiredState inForce) {
        return known(cluster, last, lastCommits, inForce, "the last Healthy commit");
    }

    private Healthy previous(String cluster) {
        return known(cluster, previous, previousCommits, null, "the commit Healthy before the last");
    }

    /** In memory, or read again after a restart; a commit that cannot be read is no target (logged once). */
    private Healthy known(String cluster, Map<String, Healthy> memory, Map<String, String> saved, DesiredState inForce, String what) {
        Healthy known = memory.get(cluster);
        String commit = saved.get(cluster);
        if (known != null || commit == null) {
            return known;
        }
        Optional<DesiredState> state = inForce != null && inForce.revision().id().equals(commit) ? Optional.of(inForce)
                : read.getOrDefault(commit, Optional.empty());
        Optional<DesiredCluster> desired = state.flatMap(s -> s.cluster(cluster));
        if (desired.isEmpty()) {
            LOG.warn("[{}] {} {} cannot be read again: no rollback target", cluster, what, commit.substring(0, Math.min(12, commit.length())));
            saved.remove(cluster);
            return null;
        }
        Healthy found = new Healthy(desired.get(), state.get().revision(), Set.of());
        memory.put(cluster, found);
        return found;
    }
}
