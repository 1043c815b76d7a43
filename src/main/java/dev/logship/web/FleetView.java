package dev.logship.web;

import dev.logship.model.RolloutPolicy;
import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.OperatorStatus;
import dev.logship.rollout.Rollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One immutable picture of the fleet that every read of the page comes from: each cluster's
 * status, its place in the rollout and its standing, sorted worst first, with the rollouts and
 * the summary counts made from the same rows. Built once per change ({@link FleetViews}), so a
 * page of 50 rows out of 10,000 costs a slice, not a sort.
 */
final class FleetView {
    /** {@code delivery}: the cluster's delivery cell (state, message, node counts), never null. */
    record Row(ClusterStatus status, RolloutPlace place, Standing standing, Map<String, Object> delivery) {
        String name() {
            return status.name();
        }
    }

    static final Comparator<Row> WORST_FIRST = Comparator.comparingInt((Row r) -> r.standing().rank()).thenComparing(Row::name);

    final long version;
    final OperatorStatus status;
    final List<Rollout> rollouts;
    final Map<String, RolloutPolicy> policies;
    final Map<String, RolloutPlace> places;
    final Function<String, Optional<Instant>> blockedUntil;
    final Instant rolloutNow;
    final List<Row> worstFirst;

    private FleetView(long version, OperatorStatus status, List<Rollout> rollouts, Map<String, RolloutPolicy> policies,
            Map<String, RolloutPlace> places, Function<String, Optional<Instant>> blockedUntil, Instant rolloutNow, List<Row> rows) {
        this.version = version;
        this.status = status;
        this.rollouts = rollouts;
        this.policies = policies;
        this.places = places;
        this.blockedUntil = blockedUntil;
        this.rolloutNow = rolloutNow;
        this.worstFirst = rows;
    }

    /** {@code policyOfCluster}: the RolloutPolicy of each cluster that has one (the others roll out all at once). */
    /** Delivery when serve ingests no telemetry: nothing is judged, so nothing is claimed. */
    static final Map<String, Object> TELEMETRY_OFF = Map.of("state", "Unknown",
            "message", "telemetry off: serve ingests no forwarder telemetry and reads no Prometheus (--ingest-token, --prometheus-url)");
    /** Delivery of a cluster not judged yet (the monitor judges every few seconds). */
    static final Map<String, Object> NOT_JUDGED = Map.of("state", "Unknown", "message", "not judged yet");

    /**
     * {@code delivery}: each cluster's delivery cell by name; {@code telemetry}: whether serve ingests at all
     * (without it every cluster says telemetry is off).
     */
    static FleetView of(long version, OperatorStatus status, List<Rollout> rollouts, Map<String, RolloutPolicy> policyOfCluster,
            Function<String, Optional<Instant>> blockedUntil, Instant rolloutNow, Map<String, Map<String, Object>> delivery,
            boolean telemetry) {
        Map<String, RolloutPolicy> policies = new HashMap<>();
        policies.put(RolloutPolicy.DEFAULT_NAME, RolloutPolicy.allAtOnce());
        policyOfCluster.values().forEach(p -> policies.put(p.name(), p));
        Map<String, Instant> blocked = new HashMap<>(); // read once: every part of this view sees the same answer
        rollouts.forEach(r -> blockedUntil.apply(r.policy()).ifPresent(t -> blocked.put(r.policy(), t)));
        Function<String, Optional<Instant>> blockedNow = policy -> Optional.ofNullable(blocked.get(policy));
        Map<String, ClusterStatus> byName = new HashMap<>();
        status.clusters().forEach(c -> byName.put(c.name(), c));
        Map<String, RolloutPlace> places = RolloutPlaces.of(rollouts, policies, byName::get, blockedNow);
        List<Row> rows = new ArrayList<>(status.clusters().size());
        for (ClusterStatus c : status.clusters()) {
            RolloutPlace place = places.get(c.name());
            rows.add(new Row(c, place, Standing.of(c, place), telemetry ? delivery.getOrDefault(c.name(), NOT_JUDGED) : TELEMETRY_OFF));
        }
        rows.sort(WORST_FIRST);
        return new FleetView(version, status, List.copyOf(rollouts), Map.copyOf(policies), Map.copyOf(places), blockedNow,
                rolloutNow, List.copyOf(rows));
    }
}
