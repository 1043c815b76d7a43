package dev.logship.diff;

import java.util.stream.Collectors;

/**
 * Renders a plan the way terraform does: {@code +} create, {@code ~} update with field paths
 * and old -> new values, {@code -/+} recreate, {@code -} prune, {@code !} conflict, then a
 * summary line. Built from {@link PlanView}, so secrets are already masked.
 */
public final class PlanText {
    private PlanText() {}

    public static String render(Plan plan) {
        return render(PlanView.of(plan));
    }

    public static String render(PlanView view) {
        StringBuilder out = new StringBuilder();
        for (PlanView.ClusterView cluster : view.clusters()) {
            out.append("cluster ").append(cluster.cluster()).append(" (").append(cluster.clusterName())
                    .append(", ").append(cluster.region()).append(", ").append(cluster.activeNodes())
                    .append(" active nodes)\n");
            cluster.warnings().forEach(w -> out.append("  warning: ").append(w).append('\n'));
            for (PlanView.ChangeView change : cluster.changes()) {
                if (change.action().equals(Action.NO_CHANGE.name())) {
                    continue;
                }
                out.append(String.format("  %-3s %s (%s %s)%n", change.symbol(), change.forwarder(),
                        "daemon".equals(change.workload()) ? "managed daemon" : "service", change.service()));
                if (change.reason() != null) {
                    out.append("        ").append(change.reason()).append('\n');
                }
                for (FieldDiff d : change.diffs()) {
                    out.append("        ").append(d.path()).append(": ")
                            .append(value(d.oldValue())).append(" -> ").append(value(d.newValue())).append('\n');
                }
            }
            if (cluster.summary().unchanged() > 0) {
                out.append("      (").append(cluster.summary().unchanged()).append(" unchanged)\n");
            }
        }
        out.append(summaryLine(view.summary())).append('\n');
        return out.toString();
    }

    public static String summaryLine(PlanView.Summary s) {
        String line = String.format("Plan: %d to create, %d to update, %d to recreate, %d to prune",
                s.create(), s.update(), s.recreate(), s.prune());
        return s.conflict() > 0 ? line + ", " + s.conflict() + " in conflict." : line + ".";
    }

    private static String value(String v) {
        return v == null ? "(absent)" : v.lines().collect(Collectors.joining("\\n"));
    }
}
