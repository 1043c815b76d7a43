package dev.logship.reconcile;

import dev.logship.rollout.Rollout;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the driver remembers of halts within one process: halted rollouts by commit and policy
 * (the same commit accepted again stays halted), commits an operator resumed, and per
 * {@code cluster@commit} whether this process started it, changed ECS for it, and recorded its
 * halt on ECS. The durable record of a halt is the ECS tag ({@link HaltGate}); these marks only
 * spare calls and decide where that tag belongs. Not thread-safe: the driver's lock guards it.
 */
final class HaltMarks {
    private final Map<String, Rollout> halted = new HashMap<>();
    private final Set<String> resumed = new HashSet<>();
    private final Set<String> started = new HashSet<>();
    private final Set<String> mutated = new HashSet<>();
    private final Set<String> recorded = new HashSet<>();

    /**
     * A commit accepted: its rollout starts afresh, so no mark of an earlier one holds (not even of
     * the same commit, once a rollback's target: a change made to return there is not its own).
     */
    void newCommit() {
        List.of(started, mutated, recorded).forEach(Set::clear);
    }

    void halted(Rollout rollout) {
        halted.put(rollout.commit() + " " + rollout.policy(), rollout);
    }

    /** The halted rollout of this commit and policy, if this process halted one. */
    Rollout haltedBefore(String commit, String policy) {
        return halted.get(commit + " " + policy);
    }

    void resumed(Rollout rollout) {
        halted.remove(rollout.commit() + " " + rollout.policy());
        resumed.add(rollout.commit());
    }

    /** The saved rollout of this commit runs although ECS may record its halt: it was resumed before a restart. */
    void resumedBefore(String commit) {
        resumed.add(commit);
    }

    boolean isResumed(String commit) {
        return resumed.contains(commit);
    }

    void started(String cluster, String commit) {
        started.add(cluster + "@" + commit);
    }

    void mutated(String cluster, String commit) {
        mutated.add(cluster + "@" + commit);
    }

    void recorded(String cluster, String commit) {
        recorded.add(cluster + "@" + commit);
    }

    boolean isRecorded(String cluster, String commit) {
        return recorded.contains(cluster + "@" + commit);
    }

    boolean wasMutated(String cluster, String commit) {
        return mutated.contains(cluster + "@" + commit);
    }

    /** Started by this process and not changed by any run: found in sync, so the commit does not change it. */
    boolean untouched(String cluster, String commit) {
        return started.contains(cluster + "@" + commit) && !mutated.contains(cluster + "@" + commit);
    }
}
