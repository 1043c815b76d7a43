package dev.logship.reconcile;

import dev.logship.model.RolloutPolicy;
import dev.logship.rollout.CronTimes;
import dev.logship.rollout.Observation;
import dev.logship.rollout.Planner;
import dev.logship.rollout.Rollout;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the rollout of a commit just accepted comes from: this commit's rollout halted in this
 * process (it stays halted), the rollout saved before a restart (only the first commit accepted
 * after it can be the saved one: finished waves stay finished, a bake keeps its saved start), or
 * a new one from the planner.
 */
final class RolloutOrigin {
    private static final Logger LOG = LoggerFactory.getLogger(Rollouts.class); // the rollouts' one logger
    private final HaltMarks marks;
    private final CronTimes cron;
    /** The rollouts saved before a restart, until the first commit is taken in. */
    private List<Rollout> restored;

    RolloutOrigin(List<Rollout> restored, HaltMarks marks, CronTimes cron) {
        this.restored = List.copyOf(restored);
        this.marks = marks;
        this.cron = cron;
    }

    /** The rollout of {@code commit} under {@code policy} over {@code clusters}. */
    Rollout rolloutOf(String commit, RolloutPolicy policy, List<Observation> clusters, Instant now) {
        Set<String> names = new HashSet<>(clusters.stream().map(Observation::cluster).toList());
        Rollout halted = marks.haltedBefore(commit, policy.name());
        if (halted != null && halted.clusters().keySet().equals(names)) {
            LOG.warn("{} ({}) was halted and comes again: it stays halted until an operator resumes it",
                    RolloutDriver.short12(commit), policy.name());
            return halted;
        }
        for (Rollout r : restored) {
            if (r.commit().equals(commit) && r.policy().equals(policy.name()) && r.clusters().keySet().equals(names)) {
                LOG.info("resuming the saved rollout of {} ({}): {} at wave {}", RolloutDriver.short12(commit), policy.name(), r.state(),
                        r.currentWave() < 0 ? "-" : r.currentWave() + 1);
                if (r.state() != Rollout.State.HALTED) {
                    marks.resumedBefore(commit); // saved running after any halt of it: an operator resumed it (ECS may still say halted)
                }
                return r;
            }
        }
        return new Planner(policy, cron).start(commit, clusters, now);
    }

    /** A commit was taken in: the saved rollouts can no longer be its (only the first after a restart can). */
    void taken() {
        restored = List.of();
    }
}
