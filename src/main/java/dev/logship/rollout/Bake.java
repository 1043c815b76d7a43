package dev.logship.rollout;

import dev.logship.model.RolloutPolicy;
import java.time.Instant;

/**
 * One rule: when a Healthy cluster's bake ends. It is done once bakeTime has passed; under a
 * policy that requires delivery it also must not be delivering badly: bad delivery (DeliveryFailing,
 * or Silent where telemetry is expected) holds the bake, and fails it once it has lasted the
 * policy's deliveryWindow within the bake, though ECS says Healthy.
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

    /** When to look at a baking cluster again: its bake's end, or sooner when bad delivery would fail it first. */
    Instant wakeAt(ClusterRun baking, Observation o, Instant now) {
        Instant end = end(baking);
        if (!gated(o)) {
            return end;
        }
        Instant fails = o.delivery().failsAt(baking.healthySince(), policy.deliveryWindow());
        return end.isAfter(now) && end.isBefore(fails) ? end : fails;
    }

    /** Whether the cluster failed its bake by delivery (its message says so), not by going Degraded. */
    static boolean byDelivery(ClusterRun run) {
        return run.message().startsWith(Delivery.REASON);
    }

    private boolean gated(Observation o) {
        return policy.requireDelivery() && o != null && o.delivery().bad();
    }

    private Instant end(ClusterRun baking) {
        return baking.healthySince().plus(policy.bakeTime());
    }
}
