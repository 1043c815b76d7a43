package dev.logship.web;

import dev.logship.discovery.SetCoverage;
import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.Condition;
import dev.logship.reconcile.SyncStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/summary}: the source, readiness, counts by state and the stalled commit,
 * once. Counts come from the same rows as the table: a cluster waiting for its wave counts as
 * Waiting (not OutOfSync, not Missing, not failing); a cluster whose newest commit is stalled
 * counts by its own state, and the stalled commit is told once, not under every cluster. With it,
 * what each ClusterSet covers ({@code discovery}); the source carries the commit in force and its signer.
 */
final class FleetSummary {
    private FleetSummary() {}

    static Map<String, Object> of(FleetView view) {
        Map<String, Integer> sync = new TreeMap<>();
        Map<String, Integer> health = new TreeMap<>();
        Map<String, Integer> rollout = new TreeMap<>();
        Map<String, Integer> delivery = new TreeMap<>();
        int failing = 0;
        int stalled = 0;
        for (FleetView.Row row : view.worstFirst) {
            ClusterStatus s = row.status();
            boolean held = row.place() != null && row.place().state().held();
            if (!held) {
                sync.merge(s.syncStatus().name(), 1, Integer::sum);
            }
            if (!held || !"Missing".equals(s.health())) {
                health.merge(s.health(), 1, Integer::sum);
            }
            if (row.place() != null) {
                rollout.merge(row.place().state().name(), 1, Integer::sum);
            }
            delivery.merge(String.valueOf(row.delivery().get("state")), 1, Integer::sum);
            failing += row.standing().failing() ? 1 : 0;
            stalled += s.stalled() ? 1 : 0;
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("clusters", view.worstFirst.size());
        counts.put("failing", failing);
        counts.put("stalled", stalled);
        counts.put("sync", sync);
        counts.put("health", health);
        counts.put("rollout", rollout);
        counts.put("delivery", delivery);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", view.version);
        out.put("source", view.status.source());
        out.put("ready", view.status.ready());
        out.put("stalledCommit", stalledCommit(view, stalled));
        out.put("counts", counts);
        out.put("discovery", view.status.discovery().stream().map(FleetSummary::coverage).toList());
        return out;
    }

    /**
     * One ClusterSet's coverage as the page shows it: {@code excluded} counts both ways a selected
     * or listed cluster gets nothing on purpose (its tags do not match, or it is suspended), apart
     * from {@code withoutForwarders} (selected, but no forwarder's selector picks it: uncovered).
     */
    private static Map<String, Object> coverage(SetCoverage set) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("set", set.set());
        out.put("discovered", set.discovered());
        out.put("covered", set.covered());
        out.put("excluded", set.excludedByTags() + set.suspended());
        out.put("excludedByTags", set.excludedByTags());
        out.put("suspended", set.suspended());
        out.put("withoutForwarders", set.withoutForwarders());
        out.put("overridden", set.overridden());
        out.put("uncovered", set.uncovered());
        out.put("failing", set.failing());
        out.put("ready", set.ready());
        out.put("message", set.message());
        return out;
    }

    /** The newest commit that could not be applied, with its problem, told once for the whole fleet (null when none). */
    private static Map<String, Object> stalledCommit(FleetView view, int stalled) {
        for (FleetView.Row row : view.worstFirst) {
            Condition c = row.status().condition(Condition.STALLED);
            if (c != null && c.holds()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("commit", row.status().lastAttemptedRevision());
                out.put("reason", c.reason());
                out.put("message", c.message());
                out.put("clusters", stalled);
                out.put("inSyncWithOlderCommit", view.worstFirst.stream().filter(r -> r.status().stalled()
                        && r.status().syncStatus() == SyncStatus.Synced).count());
                return out;
            }
        }
        return null;
    }
}
