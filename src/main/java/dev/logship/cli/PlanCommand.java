package dev.logship.cli;

import dev.logship.diff.Plan;
import dev.logship.diff.PlanText;
import dev.logship.diff.PlanView;
import dev.logship.rollout.WavePlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shows what apply would change in ECS; changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Compare the manifests with live ECS and show what apply would change (nothing is changed).",
                "Exit codes: 0 in sync; 2 changes pending; 3 nothing to change but not in sync: a conflict, a refused",
                "prune or a missing ECS cluster (the last line says which); 1 error (e.g. a cluster that could not be",
                "observed: every other cluster's plan is still printed, the last line names the failed ones).",
                "With --base (a pull request's plan): Git only, no ECS; exit 2 when the head changes anything, 0 when",
                "not, 1 when the head does not validate."},
        footer = {"", "Examples:",
                "  logship plan --repo examples/desired-state --cluster prod \\",
                "      --ecs-endpoint http://127.0.0.1:4566",
                "  logship plan --repo . --path desired-state --base origin/main --head HEAD \\",
                "      --output markdown"})
final class PlanCommand implements Callable<Integer> {
    static final int CHANGES_PENDING = Verdict.CHANGES_PENDING;

    @Mixin
    SyncOptionsMixin options;

    @Spec
    CommandSpec spec;

    @Option(names = "--base", paramLabel = "REF", description = "Plan a pull request: the desired state at REF (its target"
            + " branch) against --head, from Git alone; no ECS is read.")
    String base;

    @Option(names = "--head", paramLabel = "REF", defaultValue = "HEAD", description = "With --base: the pull request's"
            + " commit (default: ${DEFAULT-VALUE}).")
    String head;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (base != null) {
            return PullRequestPlan.run(options, base, head, out, spec.commandLine().getErr());
        }
        if (options.output == SyncOptionsMixin.Format.markdown) {
            throw new IllegalArgumentException("--output markdown is for a pull request's plan: add --base REF");
        }
        try (PlanSession session = PlanSession.open(options, spec.commandLine().getErr())) {
            if (session == null) {
                return 1;
            }
            PlanSession.Planned planned = session.plan();
            Plan plan = planned.plan();
            Verdict verdict = Verdict.ofPlan(plan, planned.failed());
            List<WavePlan> waves = WavePlan.of(session.state, plan.clusters().stream().map(c -> c.target().name()).toList(),
                    name -> plan.clusters().stream().anyMatch(c -> c.target().name().equals(name) && c.hasChanges()));
            if (options.output == SyncOptionsMixin.Format.json) {
                out.print(Json.write(Json.with(Json.with(Json.with(Json.with(PlanView.of(plan), "waves", WavesText.data(waves)),
                        "placements", PlacementsText.data(session.state)), "routes", RoutesText.data(session.clusters)),
                        "failed", planned.failed())) + "\n");
                spec.commandLine().getErr().println(verdict.line());
            } else {
                out.print(PlanText.render(plan));
                planned.failed().forEach((cluster, error) -> out.println("cluster " + cluster + ": could not be planned: " + error));
                out.print(PlacementsText.render(session.state));
                out.print(RoutesText.render(session.clusters));
                if (!session.state.policies().isEmpty()) { // without a RolloutPolicy every cluster goes at once, as always
                    out.print(WavesText.render(plan.revision().id(), waves));
                }
                out.println(verdict.line());
            }
            out.flush();
            return verdict.exitCode();
        }
    }
}
