package dev.logship.web;

import dev.logship.reconcile.ClusterStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields of one cluster in {@code GET /api/v1/clusters}, in order. Adding a column (delivery
 * health, routes, coverage) is one more entry here and one in the page's table.js COLUMNS.
 */
final class ClusterColumns {
    record Column(String name, Function<FleetView.Row, Object> value) {}

    static final List<Column> ALL = List.of(
            column("name", s -> s.name()),
            column("clusterName", ClusterStatus::clusterName),
            column("region", ClusterStatus::region),
            column("labels", ClusterStatus::labels),
            new Column("state", r -> r.standing().label()),
            new Column("failing", r -> r.standing().failing()),
            new Column("rollout", ClusterColumns::rollout),
            column("syncStatus", s -> s.syncStatus().name()),
            column("health", ClusterStatus::health),
            column("healthMessage", ClusterStatus::healthMessage),
            column("stalled", ClusterStatus::stalled),
            column("conditions", ClusterStatus::conditions),
            column("lastAttemptedRevision", ClusterStatus::lastAttemptedRevision),
            column("lastAppliedRevision", ClusterStatus::lastAppliedRevision),
            column("lastSyncTime", s -> s.lastSyncTime() == null ? null : s.lastSyncTime().toString()),
            column("lastSyncDurationMillis", ClusterStatus::lastSyncDurationMillis),
            column("lastError", ClusterStatus::lastError),
            new Column("summary", r -> r.place() != null && r.place().state().held() ? r.place().text() + "." : r.status().getSummary()),
            column("pendingPlan", ClusterStatus::pendingPlan),
            column("forwarders", ClusterStatus::forwarders),
            new Column("delivery", FleetView.Row::delivery));

    private ClusterColumns() {}

    static Map<String, Object> json(FleetView.Row row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Column c : ALL) {
            out.put(c.name(), c.value().apply(row));
        }
        return out;
    }

    private static Column column(String name, Function<ClusterStatus, Object> value) {
        return new Column(name, r -> value.apply(r.status()));
    }

    private static Map<String, Object> rollout(FleetView.Row r) {
        RolloutPlace p = r.place();
        if (p == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", p.state().name());
        out.put("policy", p.policy());
        out.put("wave", p.wave());
        out.put("waves", p.waves());
        out.put("waveName", p.waveName());
        out.put("text", p.text());
        return out;
    }
}
