package dev.logship.diff;

import java.util.List;

/**
 * A plan as plain, secret-free data: what {@code plan --output json} prints and the status
 * API serves. Every field diff is masked; no desired or live spec is carried.
 */
public record PlanView(String revision, boolean hasChanges, Summary summary, List<ClusterView> clusters) {

    public record Summary(long create, long update, long recreate, long prune, long conflict, long unchanged) {}

    public record ClusterView(String cluster, String clusterName, String region, boolean clusterExists,
            int activeNodes, Summary summary, List<ChangeView> changes, List<String> warnings) {}

    /** {@code service}: the ECS name acted on, a service or (when {@code workload} is "daemon") a managed daemon. */
    public record ChangeView(String forwarder, String service, String action, String symbol, String reason,
            List<FieldDiff> diffs, String workload) {}

    public static PlanView of(Plan plan) {
        List<ClusterView> clusters = plan.clusters().stream().map(PlanView::cluster).toList();
        return new PlanView(plan.revision().id(), plan.hasChanges(), summary(plan.clusters()), clusters);
    }

    public static ClusterView cluster(ClusterPlan plan) {
        List<ChangeView> changes = plan.changes().stream().map(PlanView::change).toList();
        return new ClusterView(plan.target().name(), plan.target().clusterName(), plan.target().region(),
                plan.clusterExists(), plan.activeNodes(), summary(List.of(plan)), changes, plan.warnings());
    }

    static ChangeView change(Change change) {
        if (change instanceof DaemonChange d) {
            return DaemonView.of(d);
        }
        List<FieldDiff> diffs = change instanceof Update u
                ? u.diffs().stream().map(FieldDiff::masked).toList()
                : List.of();
        String reason = change instanceof Conflict c ? c.reason()
                : change instanceof Recreate r ? "scheduling strategy " + r.live().schedulingStrategy()
                        + " -> " + r.service().schedulingStrategy() + " (ECS cannot change it in place)"
                : change instanceof Create c ? created(c)
                : change instanceof Prune p ? (p.reason() == null ? "" : p.reason() + "; ") + "running " + p.live().taskDefinitionArn()
                : change instanceof Update u ? telemetryChanged(u) : null;
        return new ChangeView(change.key().toString(), change.serviceName(), change.action().name(),
                change.action().symbol(), reason, diffs, change.workload());
    }

    private static String created(Create c) {
        String images = c.desired().taskDefinition().containers().stream().map(x -> x.image())
                .collect(java.util.stream.Collectors.joining(", "));
        String scheduling = c.service().desiredCount() == null ? c.service().schedulingStrategy().name()
                : c.service().schedulingStrategy() + " x" + c.service().desiredCount()
                        + (c.desired().perNodePort() ? " (one per active node)" : "");
        String telemetry = c.desired().telemetry();
        return scheduling + ", family " + c.desired().taskDefinition().family() + ", image " + images
                + (telemetry.isEmpty() || telemetry.startsWith("off") ? "" : "; telemetry: " + telemetry);
    }

    /** An update that turns telemetry on, off or elsewhere says so in words ("telemetry: Fluent Bit metrics every 30 s to ..."). */
    private static String telemetryChanged(Update u) {
        boolean touched = u.diffs().stream().anyMatch(d -> d.path().contains("LOGSHIP_TELEMETRY"));
        return touched && !u.desired().telemetry().isEmpty() ? "telemetry: " + u.desired().telemetry() : null;
    }

    static Summary summary(List<ClusterPlan> plans) {
        long[] n = new long[Action.values().length];
        plans.forEach(p -> p.changes().forEach(c -> n[c.action().ordinal()]++));
        return new Summary(n[Action.CREATE.ordinal()], n[Action.UPDATE.ordinal()], n[Action.RECREATE.ordinal()],
                n[Action.PRUNE.ordinal()], n[Action.CONFLICT.ordinal()], n[Action.NO_CHANGE.ordinal()]);
    }
}
