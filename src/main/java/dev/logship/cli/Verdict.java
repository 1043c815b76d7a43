package dev.logship.cli;

import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Conflict;
import dev.logship.diff.Plan;
import dev.logship.sync.Health;
import dev.logship.sync.SyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exit code a pipeline gates on, and why (README, Exit codes):
 * 0 in sync and healthy; 2 changes pending (plan); 3 applied or unchanged but not healthy
 * (a conflict, a refused prune, a missing ECS cluster, Degraded health, or {@code --wait}
 * timed out); 1 error. A plan with pending changes says 2 even when 3's reasons also hold
 * (apply is what comes next); the reasons are printed either way.
 */
/** {@code healthRead}: apply reads health after its changes; plan does not, so its 0 says only "in sync". */
record Verdict(int exitCode, List<String> reasons, List<String> notYetHealthy, boolean healthRead) {
    static final int IN_SYNC = 0;
    static final int ERROR = 1;
    static final int CHANGES_PENDING = 2;
    static final int NOT_HEALTHY = 3;

    static final List<String> HELP = List.of("Exit codes: 0 in sync and healthy; 2 changes pending (plan);",
            "3 not healthy: a conflict, a refused prune, a missing ECS cluster, Degraded health or --wait timed out",
            "(the last line says which); 1 error.");

    Verdict {
        reasons = List.copyOf(reasons);
        notYetHealthy = List.copyOf(notYetHealthy);
    }

    Verdict(int exitCode, List<String> reasons) {
        this(exitCode, reasons, List.of(), true);
    }

    /** {@code failed}: clusters that could not be planned (their error), after every other cluster's plan was printed. */
    static Verdict ofPlan(Plan plan, Map<String, String> failed) {
        List<String> reasons = new ArrayList<>();
        failed.forEach((cluster, error) -> reasons.add("could not plan cluster " + cluster + ": " + error));
        plan.clusters().forEach(c -> reasons.addAll(unresolved(c)));
        int code = !failed.isEmpty() ? ERROR : plan.hasChanges() ? CHANGES_PENDING : reasons.isEmpty() ? IN_SYNC : NOT_HEALTHY;
        return new Verdict(code, reasons, List.of(), false);
    }

    /** {@code waitTimedOut}: {@code --wait} was given and ran out before every forwarder was Healthy. */
    static Verdict ofApply(Plan plan, List<SyncResult> results, boolean waitTimedOut) {
        List<String> reasons = new ArrayList<>();
        List<String> settling = new ArrayList<>();
        plan.clusters().forEach(c -> reasons.addAll(unresolved(c)));
        java.util.Set<String> inConflict = new java.util.HashSet<>();
        plan.clusters().forEach(c -> c.changes(Conflict.class).forEach(x -> inConflict.add(x.key().toString())));
        for (SyncResult r : results) {
            r.failures().forEach(f -> reasons.add("failed on " + r.cluster() + ": " + f.message()));
            r.health().forEach((forwarder, h) -> {
                if (inConflict.contains(forwarder)) {
                    return; // already said, as the conflict
                }
                if (h.status() == Health.Status.Degraded || h.status() == Health.Status.Missing || h.status() == Health.Status.Unknown) {
                    reasons.add(forwarder + " " + h.status() + ": " + h.message());
                } else if (h.status() != Health.Status.Healthy) {
                    settling.add(forwarder + " " + h.status() + (h.message().isEmpty() ? "" : " (" + h.message() + ")"));
                }
            });
            if (waitTimedOut && r.clusterHealth().status() == Health.Status.Progressing) {
                reasons.add("--wait timed out: cluster " + r.cluster() + " is " + r.clusterHealth().status()
                        + (r.clusterHealth().message().isEmpty() ? "" : " (" + r.clusterHealth().message() + ")"));
            }
        }
        boolean failed = results.stream().anyMatch(r -> !r.succeeded());
        return new Verdict(failed ? ERROR : reasons.isEmpty() ? IN_SYNC : NOT_HEALTHY, reasons, waitTimedOut ? List.of() : settling, true);
    }

    /** What keeps a cluster unequal to Git that no apply can fix. */
    private static List<String> unresolved(ClusterPlan c) {
        List<String> out = new ArrayList<>();
        if (!c.clusterExists()) {
            out.add(c.warnings().isEmpty() ? "ECS cluster " + c.target().clusterName() + " not found" : c.warnings().get(0));
        }
        c.changes(Conflict.class).forEach(x -> out.add("conflict on " + x.key() + ": " + x.reason()));
        c.refusals().forEach(x -> out.add("refused prune on " + c.target().name() + ": " + x));
        return out;
    }

    /**
     * One line for the end of the text output (and stderr when stdout carries JSON). It is true
     * whatever the code: "in sync and healthy" only when every forwarder is Healthy (apply without
     * {@code --wait} exits 0 while a rollout is still Progressing, and says so), and pending
     * changes never stand in for what no apply can fix.
     */
    String line() {
        if (exitCode == IN_SYNC && !notYetHealthy.isEmpty()) {
            return "Exit 0: applied, not healthy yet: " + String.join("; ", notYetHealthy)
                    + " (use --wait SECONDS to wait for health).";
        }
        if (exitCode == CHANGES_PENDING && !reasons.isEmpty()) {
            String all = String.join("; ", reasons);
            return "Exit 2: changes pending; not fixed by apply: " + all + (all.endsWith(".") ? "" : ".");
        }
        String what = switch (exitCode) {
            case IN_SYNC -> healthRead ? "in sync and healthy" : "in sync (plan reads no health: apply --wait does)";
            case CHANGES_PENDING -> "changes pending";
            case NOT_HEALTHY -> "not healthy";
            default -> "error";
        };
        return "Exit " + exitCode + ": " + what + (reasons.isEmpty() ? "." : ": " + String.join("; ", reasons));
    }
}
