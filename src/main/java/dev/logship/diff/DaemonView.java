package dev.logship.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How a {@link DaemonChange} reads in a plan: what it does, why, and the daemon task definition's masked field diffs. */
final class DaemonView {
    private DaemonView() {}

    static PlanView.ChangeView of(DaemonChange d) {
        List<String> why = new ArrayList<>();
        if (d.kind() == DaemonChange.Kind.CREATE) {
            var spec = d.desired().spec();
            String images = d.desired().taskDefinition() == null ? "?" : d.desired().taskDefinition().containers().stream()
                    .map(c -> c.image()).collect(Collectors.joining(", "));
            why.add("managed daemon on capacity providers " + spec.capacityProviders() + ", family "
                    + (d.desired().taskDefinition() == null ? "?" : d.desired().taskDefinition().family()) + ", image " + images);
        }
        if (d.reason() != null) {
            why.add(d.reason());
        }
        if (d.kind() == DaemonChange.Kind.UPDATE) {
            // Settings read as one line each; the task definition's fields come as diffs below.
            d.differences().stream().filter(x -> !x.startsWith("daemon task definition")).forEach(why::add);
        }
        if (d.kind() == DaemonChange.Kind.PRUNE && d.live().taskDefinitionArn() != null) {
            why.add("running " + d.live().taskDefinitionArn());
        }
        List<FieldDiff> diffs = d.taskDefinitionDiffs().stream().map(FieldDiff::masked).toList();
        return new PlanView.ChangeView(d.key().toString(), d.daemonName(), d.action().name(), d.action().symbol(),
                why.isEmpty() ? null : String.join("; ", why), diffs, d.workload());
    }
}
