package dev.logship.web;

import dev.logship.model.RolloutPolicy;
import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.SyncStatus;
import dev.logship.rollout.ClusterRun;
import dev.logship.rollout.Rollout;
import dev.logship.web.RolloutPlace.State;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Derives each cluster's {@link RolloutPlace} from the rollouts the controller exposes (phase per
 * cluster) and the cluster's own status. A cluster its wave has not reached is Waiting, not
 * OutOfSync and Missing; a cluster the commit does not change (ECS already on the commit) is
 * Unchanged, whatever the rollout's phase for it says; a halted rollout holds the rest.
 */
final class RolloutPlaces {
    private RolloutPlaces() {}

    static Map<String, RolloutPlace> of(List<Rollout> rollouts, Map<String, RolloutPolicy> policies,
            Function<String, ClusterStatus> statusOf, Function<String, Optional<Instant>> blockedUntil) {
        Map<String, RolloutPlace> places = new HashMap<>();
        for (Rollout r : rollouts) {
            RolloutPolicy policy = policies.get(r.policy());
            int waves = policy != null ? policy.waves().size()
                    : r.clusters().values().stream().mapToInt(ClusterRun::wave).max().orElse(0) + 1;
            Optional<Instant> blocked = blockedUntil.apply(r.policy());
            for (ClusterRun run : r.clusters().values()) {
                String waveName = policy != null && run.wave() < policy.waves().size() ? policy.waves().get(run.wave()).name() : "";
                RolloutPlace at = new RolloutPlace(State.Waiting, r.policy(), run.wave() + 1, waves, waveName, "");
                places.put(run.cluster(), place(r, run, at, statusOf.apply(run.cluster()), blocked));
            }
        }
        return places;
    }

    private static RolloutPlace place(Rollout r, ClusterRun run, RolloutPlace at, ClusterStatus status, Optional<Instant> blocked) {
        String where = at.where();
        String why = run.message().isEmpty() ? "" : ": " + run.message();
        return switch (run.phase()) {
            case PENDING -> {
                if (onCommit(status, r.commit())) {
                    yield with(at, State.Unchanged, "Unchanged by this commit: ECS already runs it (" + where + ")");
                }
                if (r.state() == Rollout.State.HALTED) {
                    yield with(at, State.Held, "Held: " + where + " waits until the halted rollout is resumed or a new commit comes");
                }
                int current = r.currentWave() + 1;
                String until = at.wave() > current ? "starts after wave " + (at.wave() - 1) + " bakes"
                        : blocked.map(t -> "a sync window holds it until " + t).orElse("waits for a free place in its wave (maxConcurrent)");
                yield with(at, State.Waiting, "Waiting: " + where + ", " + until);
            }
            case IN_FLIGHT -> with(at, State.InFlight, "In flight: " + where + ", applied, not yet Healthy" + why);
            case BAKING -> with(at, State.Baking, "Baking: " + where + ", Healthy since " + run.healthySince());
            case DONE -> run.changed() ? with(at, State.Done, "Done: " + where + ", Healthy on the commit and baked")
                    : with(at, State.Unchanged, "Unchanged by this commit: ECS already runs it (" + where + ")");
            case FAILED -> with(at, State.Failed, "Failed: went Degraded in " + where + why);
            case ROLLING_BACK -> with(at, State.RollingBack, "Rolling back: " + where + ", returning to its last Healthy commit" + why);
            case ROLLED_BACK -> with(at, State.RolledBack, "Rolled back: " + where + ", back on its last Healthy commit" + why);
        };
    }

    /** ECS equals the commit already: the rollout has nothing to do there. */
    private static boolean onCommit(ClusterStatus status, String commit) {
        return status != null && !status.stalled() && status.lastError() == null && status.syncStatus() == SyncStatus.Synced
                && commit.equals(status.lastAppliedRevision());
    }

    private static RolloutPlace with(RolloutPlace at, State state, String text) {
        return new RolloutPlace(state, at.policy(), at.wave(), at.waves(), at.waveName(), text);
    }
}
