package dev.logship.sync;

import dev.logship.model.DesiredForwarder;
import dev.logship.model.LiveService;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges a forwarder's service (pure; no ECS calls): a perNodePort one against the cluster's
 * ACTIVE nodes, a DAEMON one against its own desiredCount (ECS keeps it at the eligible ACTIVE
 * nodes, so the observation need not count them). A task ECS calls UNHEALTHY (its container
 * health check fails) makes the forwarder Degraded whatever the counts say.
 */
public final class HealthAssessor {
    private HealthAssessor() {}

    /**
     * {@code nodes}: for a perNodePort forwarder the nodes ECS can place it on (ACTIVE, agent
     * connected, matching its memberOf constraints), else the cluster's ACTIVE nodes.
     */
    public static Health assess(DesiredForwarder forwarder, Optional<LiveService> found, int nodes) {
        int activeNodes = nodes;
        if (found.isEmpty()) {
            return Health.missing("service " + forwarder.service().serviceName() + " does not exist");
        }
        LiveService s = found.get();
        int expected = forwarder.perNodePort() ? activeNodes : s.desiredCount();
        String tasks = s.runningCount() + "/" + expected + " tasks running";
        if ("FAILED".equals(s.rolloutState())) {
            return Health.degraded("rollout failed" + event(s));
        }
        if (forwarder.perNodePort() && s.desiredCount() != activeNodes) {
            return Health.progressing("desiredCount " + s.desiredCount() + " but " + activeNodes + " nodes to run on");
        }
        if (s.tasks() != null && s.tasks().unhealthy() > 0) {
            // ECS's container health check (Fluent Bit's own, spec.healthCheck) fails: running is not working.
            return Health.degraded(s.tasks().unhealthy() + " of " + s.runningCount()
                    + " tasks UNHEALTHY (container health check)");
        }
        boolean rolledOut = s.rolloutState() == null || "COMPLETED".equals(s.rolloutState());
        if (s.runningCount() == expected && s.pendingCount() == 0 && rolledOut) {
            return Health.healthy(tasks);
        }
        if (s.runningCount() < expected && cannotPlace(s.latestEvent())) {
            return Health.degraded(tasks + event(s));
        }
        return Health.progressing(tasks + (rolledOut ? "" : ", rollout " + s.rolloutState()));
    }

    private static boolean cannotPlace(String event) {
        String e = event == null ? "" : event.toLowerCase(Locale.ROOT);
        return e.contains("unable to place") || e.contains("already using a port");
    }

    private static String event(LiveService s) {
        return s.latestEvent() == null ? "" : ": " + s.latestEvent();
    }
}
