package dev.logship.rollout;

import dev.logship.model.RolloutPolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * One rule: when a Healthy cluster's bake ends, and what bad delivery does to a cluster the rollout
 * moved. It is done once bakeTime has passed; under a policy that requires delivery it also must
 * not be delivering badly: bad delivery (DeliveryFailing, or Silent where telemetry is expected)
 * holds the bake, and fails it once it has lasted the policy's deliveryWindow within the bake,
 * though ECS says Healthy. A cluster of a finished wave is treated as Degraded is: while the rollout
 * runs, its bad delivery holds every start and fails it once it has lasted the window after its bake.
 */
final class Bake {
    private final RolloutPolicy policy;

    Bake(RolloutPolicy policy) {
        this.policy = policy;
    }

    /** The next phase of a BAKING cluster seen Healthy at {@code now}. */
    ClusterRun step(ClusterRun baking, Observation o, Instant now) {
        if (gated(o)) {
            return now.isBefore(o.delivery().failsAt(baking.healthySince(), policy.deliveryWindow())) ? baking
                    : baking.to(Phase.FAILED, now, o.delivery().failure(policy.deliveryWindow()));
        }
        return now.isBefore(end(baking)) ? baking : baking.to(Phase.DONE, now, "");
    }

    /** A DONE cluster the running rollout changed: FAILED once its bad delivery has lasted the window after its bake. */
    ClusterRun afterBake(ClusterRun done, Observation o, Instant now) {
        return gated(o) && !now.isBefore(stopsAt(done, o))
                ? done.to(Phase.FAILED, now, o.delivery().failureAfterBake(policy.deliveryWindow())) : done;
    }

    /**
     * Whether a cluster the rollout moved (baking, or done) delivers badly now: the rollout starts
     * nothing more until it delivers again or fails (as it starts nothing past a Degraded cluster).
     */
    boolean holds(ClusterRun run, Observation o) {
        return run.changed() && (run.phase() == Phase.BAKING || run.phase() == Phase.DONE) && gated(o);
    }

    /** When to look at a watched cluster again: a baking one's bake end (or failure), a done one's failure; empty otherwise. */
    Optional<Instant> wakeAt(ClusterRun run, Observation o, Instant now, boolean running) {
        if (run.phase() == Phase.BAKING) {
            return Optional.of(wakeAt(run, o, now));
        }
        return running && run.phase() == Phase.DONE && run.changed() && gated(o) ? Optional.of(stopsAt(run, o)) : Optional.empty();
    }

    /** When to look at a baking cluster again: its bake's end, or sooner when bad delivery would fail it first. */
    Instant wakeAt(ClusterRun baking, Observation o, Instant now) {
        Instant end = end(baking);
        if (!gated(o)) {
            return end;
        }
        Instant fails = o.delivery().failsAt(baking.healthySince(), policy.deliveryWindow());
        return end.isAfter(now) && end.isBefore(fails) ? end : fails;
    }

    /** Whether the cluster failed by delivery (its message says so), not by going Degraded. */
    static boolean byDelivery(ClusterRun run) {
        return run.message().startsWith(Delivery.REASON);
    }

    /** Whether it failed by delivery after its bake had ended (a cluster of a finished wave). */
    static boolean afterItsBake(ClusterRun run) {
        return byDelivery(run) && run.message().contains(Delivery.AFTER_BAKE);
    }

    private boolean gated(Observation o) {
        return policy.requireDelivery() && o != null && o.delivery().bad();
    }

    private Instant stopsAt(ClusterRun done, Observation o) {
        return o.delivery().failsAt(done.finishedAt() == null ? done.healthySince() : done.finishedAt(), policy.deliveryWindow());
    }

    private Instant end(ClusterRun baking) {
        return baking.healthySince().plus(policy.bakeTime());
    }
}
