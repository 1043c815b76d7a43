package dev.logship.cli;

import dev.logship.sync.SyncResult;
import java.io.PrintWriter;
import java.util.List;

/** The text apply prints after the plan: what was done, what failed, and health. */
final class ApplyReport {
    private ApplyReport() {}

    static void print(SyncResult r, PrintWriter out) {
        out.println("applied to cluster " + r.cluster() + ":");
        if (r.steps().isEmpty() && r.failures().isEmpty()) {
            out.println("  nothing to do");
        }
        r.steps().forEach(s -> out.println("  " + s.action() + " " + (s.forwarder().isEmpty() ? "" : s.forwarder() + ": ") + s.detail()));
        r.failures().forEach(f -> out.println("  FAILED " + f.operation() + (f.forwarder().isEmpty() ? "" : " for " + f.forwarder())
                + ": " + f.message()));
        r.health().forEach((forwarder, h) -> out.println("  health " + forwarder + ": " + h.status() + " (" + h.message() + ")"));
        out.println("  cluster health: " + r.clusterHealth().status()
                + (r.clusterHealth().message().isEmpty() ? "" : " (" + r.clusterHealth().message() + ")"));
    }

    static String summaryLine(List<SyncResult> results) {
        long steps = results.stream().mapToLong(r -> r.steps().size()).sum();
        long failures = results.stream().mapToLong(r -> r.failures().size()).sum();
        boolean unreachable = failures > 0 && results.stream().flatMap(r -> r.failures().stream())
                .allMatch(f -> f.message().contains("EndpointUnreachable"));
        return "Apply: " + steps + " change(s) made, " + failures + " failure(s)." + (unreachable
                ? " ECS could not be reached: check the endpoint, the network and the region."
                : failures > 0 ? " Run apply again to converge." : "");
    }
}
