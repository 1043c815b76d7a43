package dev.logship.reconcile;

import dev.logship.sync.Health;
import java.time.Duration;
import java.util.List;

/** How a rollout without progress for the rollout timeout shows: its Progressing forwarders Degraded, reason RolloutStuck. */
final class StuckRollouts {
    private StuckRollouts() {}

    static List<ForwarderRows.Assessed> degrade(List<ForwarderRows.Assessed> rows, Duration sinceProgress) {
        return rows.stream().map(r -> r.health().status() != Health.Status.Progressing ? r : degrade(r, sinceProgress)).toList();
    }

    private static ForwarderRows.Assessed degrade(ForwarderRows.Assessed row, Duration sinceProgress) {
        Health stuck = Health.degraded(RolloutProgress.STUCK_REASON + ": no progress for " + human(sinceProgress) + " ("
                + row.health().message() + ")");
        ForwarderStatus s = row.status();
        return new ForwarderRows.Assessed(new ForwarderStatus(s.name(), s.syncStatus(), stuck.status().name(), stuck.message(),
                s.running(), s.desired(), s.taskDefinition(), s.change(), s.routes(), s.uncoveredNodes(), s.telemetryExpected()), stuck);
    }

    static List<Condition> conditions(Health health, Duration timeout) {
        return List.of(Condition.isFalse(Condition.READY, RolloutProgress.STUCK_REASON, health.message()),
                Condition.isTrue(Condition.RECONCILING, RolloutProgress.STUCK_REASON, "no progress within the rollout timeout of "
                        + human(timeout) + "; still looking, less often, and Ready again once the rollout moves"),
                Condition.isFalse(Condition.STALLED, RolloutProgress.STUCK_REASON, ""));
    }

    /** 10m, 90s, 1m30s: short and exact. */
    static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return d.toMillis() < 1000 ? d.toMillis() + "ms" : seconds + "s";
        }
        return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
}
