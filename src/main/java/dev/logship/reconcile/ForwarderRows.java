package dev.logship.reconcile;

import dev.logship.diff.Change;
import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Conflict;
import dev.logship.diff.Create;
import dev.logship.diff.DaemonChange;
import dev.logship.diff.NoChange;
import dev.logship.diff.Prune;
import dev.logship.diff.Recreate;
import dev.logship.diff.Update;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.LiveService;
import dev.logship.model.SchedulingStrategy;
import dev.logship.render.TelemetryExpected;
import dev.logship.sync.DaemonHealth;
import dev.logship.sync.Health;
import dev.logship.sync.HealthAssessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Per-forwarder status and health judged from one observation (a plan), without further ECS calls. */
final class ForwarderRows {
    private ForwarderRows() {}

    record Assessed(ForwarderStatus status, Health health) {}

    /** A managed daemon's row: its health from its deployment ({@link DaemonHealth}), instances running it of those it should run on. */
    private static final class DaemonRow {
        static Assessed of(DaemonChange d) {
            String name = d.key().forwarder();
            SyncStatus sync = d.kind() == DaemonChange.Kind.NO_CHANGE ? SyncStatus.Synced : SyncStatus.OutOfSync;
            Health health = switch (d.kind()) {
                case CREATE -> Health.missing("managed daemon " + d.daemonName() + " does not exist yet");
                case CONFLICT -> Health.degraded("conflict: " + d.reason());
                case PRUNE -> Health.unknown(d.reason() == null ? "no longer in Git" : d.reason());
                default -> DaemonHealth.of(d.live());
            };
            String change = switch (d.kind()) {
                case NO_CHANGE -> "no change";
                case UPDATE -> "update " + String.join("; ", d.differences());
                default -> d.action().verb();
            };
            var live = d.live();
            String td = live == null || live.taskDefinitionArn() == null ? null
                    : live.taskDefinitionArn().substring(live.taskDefinitionArn().lastIndexOf('/') + 1);
            return new Assessed(new ForwarderStatus(name, sync, health.status().name(), health.message(),
                    live == null ? null : live.runningCount(), live == null ? null : live.instances(), td, change,
                    d.desired() == null ? List.of() : d.desired().routes()), health);
        }
    }

    /** {@code expected}: which forwarders must report to the delivery source serve reads. */
    static List<Assessed> of(ClusterPlan plan, TelemetryExpected expected) {
        List<Assessed> rows = new ArrayList<>();
        for (Change change : plan.changes()) {
            Assessed row = row(change, nodesFor(plan, change));
            DesiredForwarder desired = desiredOf(change);
            rows.add(desired == null ? row : new Assessed(row.status().withDesired(desired.routes(), expected.of(desired)), row.health()));
        }
        return rows;
    }

    /** The forwarder as Git has it, for its routes; null for a prune (a managed daemon's routes come with its DaemonChange). */
    private static DesiredForwarder desiredOf(Change change) {
        return change instanceof NoChange n ? n.desired() : change instanceof Update u ? u.desired()
                : change instanceof Recreate r ? r.desired() : change instanceof Create c ? c.desired()
                : change instanceof Conflict c ? c.desired() : null;
    }

    /** A perNodePort forwarder is judged against the nodes it can be placed on, others against the ACTIVE ones. */
    private static int nodesFor(ClusterPlan plan, Change change) {
        DesiredForwarder desired = change instanceof NoChange n ? n.desired() : change instanceof Update u ? u.desired()
                : change instanceof Recreate r ? r.desired() : null;
        return desired == null ? plan.activeNodes() : plan.nodesFor(desired);
    }

    private static Assessed row(Change change, int nodes) {
        if (change instanceof DaemonChange d) {
            return DaemonRow.of(d);
        }
        if (change instanceof NoChange n) {
            return row(n.desired().key().forwarder(), SyncStatus.Synced, judge(n.desired(), n.live(), nodes), n.live(), nodes, "no change");
        }
        if (change instanceof Update u) {
            return row(u.desired().key().forwarder(), SyncStatus.OutOfSync, judge(u.desired(), u.live(), nodes), u.live(), nodes,
                    "update " + u.diffs().stream().map(d -> d.path()).collect(Collectors.joining(", ")));
        }
        if (change instanceof Recreate r) {
            return row(r.desired().key().forwarder(), SyncStatus.OutOfSync, judge(r.desired(), r.live(), nodes), r.live(), nodes, "recreate");
        }
        if (change instanceof Create c) {
            return row(c.desired().key().forwarder(), SyncStatus.OutOfSync,
                    Health.missing("service " + c.serviceName() + " does not exist yet"), null, nodes, "create");
        }
        if (change instanceof Conflict c) {
            return row(c.desired().key().forwarder(), SyncStatus.OutOfSync, Health.degraded("conflict: " + c.reason()), c.live(), nodes, "conflict");
        }
        Prune p = (Prune) change;
        return row(p.key().forwarder(), SyncStatus.OutOfSync, Health.unknown("no longer in Git"), p.live(), nodes, "prune");
    }

    private static Health judge(DesiredForwarder desired, LiveService live, int nodes) {
        return HealthAssessor.assess(desired, Optional.of(live), nodes);
    }

    static Assessed row(String name, SyncStatus sync, Health health, LiveService live, int nodes, String change) {
        Integer running = live == null ? null : live.runningCount();
        Integer desired = live == null ? null : live.schedulingStrategy() == SchedulingStrategy.DAEMON ? nodes : live.desiredCount();
        String taskDefinition = live == null || live.taskDefinitionArn() == null ? null
                : live.taskDefinitionArn().substring(live.taskDefinitionArn().lastIndexOf('/') + 1);
        return new Assessed(new ForwarderStatus(name, sync, health.status().name(), health.message(), running, desired,
                taskDefinition, change, List.of(), live == null || live.tasks() == null ? List.of() : live.tasks().uncovered()),
                health);
    }
}
