package dev.logship.reconcile;

import dev.logship.rollout.Notice;
import java.util.List;
import org.slf4j.Logger;

/** The planner's notices as events (which notifiers send); Degraded and Halted are also logged at WARN. */
final class RolloutEvents {
    private RolloutEvents() {}

    static void report(StatusStore store, Logger log, List<Notice> notices, String commit) {
        for (Notice n : notices) {
            if (n.event().equals("Halted") || n.event().equals("Degraded")) {
                log.warn("{}{}", n.cluster().isEmpty() ? "" : "[" + n.cluster() + "] ", n.message());
            }
            store.record(Event.of(n.cluster().isEmpty() ? null : n.cluster(), n.event(), n.message(), commit));
        }
    }
}
