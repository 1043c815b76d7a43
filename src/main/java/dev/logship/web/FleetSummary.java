package dev.logship.web;

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
 * counts by its own state, and the stalled commit is told once, not under every cluster.
 */
final class FleetSummary {
    private FleetSummary() {}

    static Map<String, Object> of(FleetView view) {
        Map<String, Integer> sync = new TreeMap<>();
        Map<String, Integer> health = new TreeMap<>();
        Map<String, Integer> rollout = new TreeMap<>();
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
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", view.version);
        out.put("source", view.status.source());
        out.put("ready", view.status.ready());
        out.put("stalledCommit", stalledCommit(view, stalled));
        out.put("counts", counts);
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
