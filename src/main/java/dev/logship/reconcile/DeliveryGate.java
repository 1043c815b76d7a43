package dev.logship.reconcile;

import dev.logship.delivery.ClusterDelivery;
import dev.logship.delivery.DeliveryState;
import dev.logship.delivery.ForwarderDelivery;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.render.TelemetryExpected;
import dev.logship.rollout.Delivery;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delivery as the rollout planner sees it: the delivery model's judgement of each cluster mapped
 * onto {@link Delivery}, with since when it holds on the rollout clock (bad counts as one status:
 * Silent while a restarted forwarder comes up, then DeliveryFailing, is one spell). A forwarder whose
 * telemetry is expected ({@link TelemetryExpected}: its rendered task reads the ingest token, or serves
 * metrics when serve reads Prometheus) and that never reported is
 * Silent here, not Unknown: a new forwarder that dies before its first push must not pass a bake.
 * Kept in memory: after a restart a bad status starts its window again, which only lengthens a bake.
 */
final class DeliveryGate {
    private final Map<String, Delivery> current = new HashMap<>();
    /** Which forwarders must report to the delivery source serve reads (the ingest, or Prometheus). */
    private final TelemetryExpected telemetryExpected;

    DeliveryGate(TelemetryExpected telemetryExpected) {
        this.telemetryExpected = telemetryExpected;
    }

    /** The cluster's delivery now; UNJUDGED when no judgement arrived (no ingest, or not judged yet). */
    Delivery of(String cluster) {
        return current.getOrDefault(cluster, Delivery.UNJUDGED);
    }

    /** Takes a whole judgement (clusters missing from it are unjudged); returns the clusters whose status changed. */
    Set<String> judged(Map<String, ClusterDelivery> judged, DesiredState state, Instant now) {
        Set<String> changed = new HashSet<>();
        Set<String> gone = new HashSet<>(current.keySet());
        gone.removeAll(judged.keySet());
        gone.forEach(c -> {
            current.remove(c);
            changed.add(c);
        });
        judged.forEach((cluster, delivery) -> {
            Optional<DesiredCluster> desired = state == null ? Optional.empty() : state.cluster(cluster);
            Delivery before = of(cluster);
            Delivery next = map(delivery, desired.orElse(null), before, now);
            if (next.status() != before.status()) {
                changed.add(cluster);
            }
            current.put(cluster, next);
        });
        return changed;
    }

    private Delivery map(ClusterDelivery delivery, DesiredCluster desired, Delivery before, Instant now) {
        DeliveryState worst = DeliveryState.Unknown;
        String message = "";
        for (ForwarderDelivery f : delivery.forwarders()) {
            DeliveryState state = f.state();
            String why = f.message();
            if (state == DeliveryState.Unknown && expected(desired, f.forwarder())) {
                state = DeliveryState.Silent;
                why = "telemetry is expected and none arrived";
            }
            if (state != worst && state.worse(worst) == state) { // a cluster is as bad as its worst forwarder
                worst = state;
                message = "forwarder " + f.forwarder() + ": " + why;
            }
        }
        Delivery.Status status = switch (worst) {
            case DeliveryFailing -> Delivery.Status.FAILING;
            case Silent -> Delivery.Status.SILENT;
            case Delivering -> Delivery.Status.DELIVERING;
            case Unknown -> Delivery.Status.UNJUDGED;
        };
        Delivery next = Delivery.of(status, now, message);
        boolean sameSpell = status == before.status() || next.bad() && before.bad();
        return sameSpell && before.since() != null ? Delivery.of(status, before.since(), message) : next;
    }

    private boolean expected(DesiredCluster desired, String forwarder) {
        return desired != null && desired.forwarders().stream()
                .anyMatch(f -> f.key().forwarder().equals(forwarder) && telemetryExpected.of(f));
    }
}
