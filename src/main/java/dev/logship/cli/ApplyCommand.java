package dev.logship.cli;

import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Plan;
import dev.logship.diff.PlanText;
import dev.logship.diff.PlanView;
import dev.logship.model.DesiredCluster;
import dev.logship.sync.GatewayException;
import dev.logship.sync.Health;
import dev.logship.sync.SyncResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Makes ECS equal to the manifests: executes the plan, then reports what it did and the health. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply the manifests to ECS: register, create/update, prune; then report health.",
                "Exit codes: 0 applied (or unchanged) and healthy; 3 applied or unchanged but not healthy: a conflict,",
                "a refused prune, a missing ECS cluster, Degraded health, or --wait timed out (the last line says which);",
                "1 error (a failed call is reported; the next apply converges). With --dry-run: same as plan (2 changes pending)."},
        footer = {"", "Example:",
                "  logship apply --repo examples/desired-state \\",
                "      --ecs-endpoint http://127.0.0.1:4566 --wait 60"})
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    SyncOptionsMixin options;

    @Option(names = "--dry-run", description = "Only show the plan (exactly what plan does).")
    boolean dryRun;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "After applying, wait up to this long for every forwarder to be Healthy (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--rollout-timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "With --wait: a rollout without progress for this long is Degraded, reason RolloutStuck, and"
                    + " no longer waited for (default: ${DEFAULT-VALUE}).")
    Duration rolloutTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (dryRun) {
            PlanCommand plan = new PlanCommand();
            plan.options = options;
            plan.spec = spec;
            return plan.call();
        }
        PrintWriter out = spec.commandLine().getOut();
        try (PlanSession session = PlanSession.open(options, spec.commandLine().getErr())) {
            if (session == null) {
                return 1;
            }
            // Observe every cluster before changing any: clusters of a region share task
            // definition revisions, and cleanup may only drop one that no cluster uses.
            Map<DesiredCluster, Object> planned = new LinkedHashMap<>();
            Map<String, GatewayException> unreachable = new HashMap<>();
            for (DesiredCluster cluster : session.clusters) {
                // An endpoint that refused a connection is not tried again for every cluster behind it.
                String where = session.endpointOverridden ? "" : cluster.target().region();
                GatewayException known = unreachable.get(where);
                Object plan = known != null ? failed(cluster, known) : planOne(session, cluster);
                if (plan instanceof SyncResult r && known == null && unreachable(r)) {
                    unreachable.put(where, lastFailure);
                }
                planned.put(cluster, plan);
            }
            List<ClusterPlan> plans = new ArrayList<>();
            List<SyncResult> results = new ArrayList<>();
            planned.forEach((cluster, plan) -> {
                if (plan instanceof ClusterPlan p) {
                    plans.add(p);
                    results.add(applyOne(session, cluster, p));
                } else {
                    results.add((SyncResult) plan);
                }
            });
            boolean waitTimedOut = waitForHealth(session, results);
            Plan plan = new Plan(session.state.revision(), plans);
            Verdict verdict = Verdict.ofApply(plan, results, waitTimedOut);
            if (options.output == SyncOptionsMixin.Format.json) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("plan", PlanView.of(plan));
                report.put("results", results);
                report.put("exitCode", verdict.exitCode());
                report.put("reasons", verdict.reasons());
                out.println(Json.write(report));
            } else {
                out.print(PlanText.render(plan));
                results.forEach(r -> ApplyReport.print(r, out));
                out.println(ApplyReport.summaryLine(results));
                out.println(verdict.line());
            }
            out.flush();
            cleanUpAfterReport(session, spec.commandLine().getErr());
            return verdict.exitCode();
        }
    }

    private GatewayException lastFailure;

    /**
     * Revision clean-up runs once the report is out, so the apply's own calls never wait for it
     * (as in serve). Its lines go to stderr: stdout stays the report (one JSON document with
     * --output json) whose last line is the verdict. A failed clean-up does not change the exit
     * code: the revisions stay, and the next apply tries again.
     */
    private static void cleanUpAfterReport(PlanSession session, PrintWriter err) {
        for (var swept : session.synchronizer.cleanUps().sweepAll()) {
            swept.steps().forEach(s -> err.println("clean-up: " + s.action() + " " + s.detail() + " (" + s.forwarder() + ")"));
            swept.failures().forEach(f -> err.println("clean-up: " + f.operation() + " failed, revisions kept: " + f.message()));
            swept.warnings().forEach(w -> err.println("clean-up: " + w));
        }
        err.flush();
    }

    /** The cluster's plan, or a failed result when ECS could not be observed. */
    private Object planOne(PlanSession session, DesiredCluster cluster) {
        try {
            return session.synchronizer.plan(cluster);
        } catch (GatewayException e) {
            lastFailure = e;
            return failed(cluster, e);
        }
    }

    private boolean unreachable(SyncResult r) {
        return lastFailure != null && "EndpointUnreachable".equals(lastFailure.errorCode()) && !r.succeeded();
    }

    private static SyncResult applyOne(PlanSession session, DesiredCluster cluster, ClusterPlan plan) {
        // a commit serve halted on this cluster (recorded on its ECS resources) is not applied again from here either
        java.util.Optional<String> halted = dev.logship.sync.HaltRecords.refusal(plan, session.state.revision());
        if (halted.isPresent()) {
            return new SyncResult(cluster.target().name(), List.of(), List.of(new SyncResult.Failure("", "Halted", halted.get())),
                    List.of(), Map.of(), Health.unknown(halted.get()));
        }
        try {
            return session.synchronizer.apply(cluster, plan);
        } catch (GatewayException e) {
            return failed(cluster, e);
        }
    }

    private static SyncResult failed(DesiredCluster cluster, GatewayException e) {
        return new SyncResult(cluster.target().name(), List.of(),
                List.of(new SyncResult.Failure("", e.operation(), e.getMessage())), List.of(), Map.of(),
                Health.unknown(e.getMessage()));
    }

    /**
     * Replaces each result's health with a fresh one until none is still settling (Progressing or
     * Unknown) or the wait is over; true when {@code --wait} was given and ran out. A conflict,
     * a missing cluster or Degraded health is not waited for: no wait changes it. Looks back off as
     * serve's rechecks do (2 s doubling to 60 s while nothing changes), and a rollout without
     * progress for --rollout-timeout becomes Degraded (RolloutStuck), so it is not waited for either.
     */
    private boolean waitForHealth(PlanSession session, List<SyncResult> results) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        WaitForRollout rollouts = new WaitForRollout(rolloutTimeout);
        Duration next = rollouts.first();
        while (waitSeconds > 0 && System.nanoTime() < deadline && results.stream().anyMatch(ApplyCommand::settling)) {
            Thread.sleep(Math.max(1, Math.min(next.toMillis(), Duration.ofNanos(deadline - System.nanoTime()).toMillis())));
            next = rolloutTimeout;
            for (int i = 0; i < results.size(); i++) {
                SyncResult r = results.get(i);
                if (!settling(r)) {
                    continue;
                }
                try {
                    Map<String, Health> health = session.synchronizer.health(session.clusters.get(i));
                    SyncResult looked = new SyncResult(r.cluster(), r.steps(), r.failures(), r.warnings(), health,
                            Health.worst(health.values()));
                    results.set(i, rollouts.judge(looked));
                    next = WaitForRollout.min(next, rollouts.recheckAfter(r.cluster()));
                } catch (GatewayException e) {
                    next = WaitForRollout.min(next, rollouts.first());
                    // keep the last known health; the failure is transient or will show on the next apply
                }
            }
        }
        return waitSeconds > 0 && results.stream().anyMatch(ApplyCommand::settling);
    }

    private static boolean settling(SyncResult r) {
        return r.health().values().stream().anyMatch(h -> h.status() == Health.Status.Progressing || h.status() == Health.Status.Unknown)
                || r.clusterHealth().status() == Health.Status.Unknown;
    }
}
