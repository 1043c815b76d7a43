package dev.logship.localecs.daemons;

import java.util.List;
import java.util.Map;

/**
 * One step of a daemon deployment: wait until the batch in flight runs the target revision,
 * bake (bakeTimeInMinutes on local-ecs's time scale), then drain and replace the next
 * {@code ceil(drainPercent% x instances)} instances, or finish when none is left.
 */
final class DaemonRollout {
    /** Starts a daemon task: (daemon, instance, capacity provider, revision, now). */
    interface Starter {
        void start(DaemonState daemon, String instance, String capacityProvider, String revisionArn, long now);
    }

    private final DaemonsState state;
    private final Hosts hosts;
    private final double timeScale;
    private final Starter starter;
    private final DaemonState daemon;
    private final DeploymentState dep;
    private final long now;
    private final String target;

    DaemonRollout(DaemonsState state, Hosts hosts, double timeScale, Starter starter, DaemonState daemon,
            DeploymentState dep, long now) {
        this.state = state;
        this.hosts = hosts;
        this.timeScale = timeScale;
        this.starter = starter;
        this.daemon = daemon;
        this.dep = dep;
        this.now = now;
        this.target = dep.movingTo();
    }

    boolean step() {
        dep.batch.retainAll(daemon.placed.keySet());
        if (!dep.batch.isEmpty() || dep.bakeUntilMillis != null) {
            if (!dep.batch.stream().allMatch(this::runsTarget)) {
                return false;
            }
            if (dep.bakeUntilMillis == null) {
                long bake = Math.round(DeploymentRules.bakeMinutes(dep.deploymentConfiguration) * 60_000L / timeScale);
                dep.bakeUntilMillis = now + bake;
            }
            if (now < dep.bakeUntilMillis) {
                return false;
            }
            dep.batch.clear();
            dep.bakeUntilMillis = null;
        }
        List<String> stale = daemon.placed.entrySet().stream().filter(e -> !e.getValue().revisionArn.equals(target))
                .map(Map.Entry::getKey).toList();
        if (stale.isEmpty()) {
            return daemon.placed.keySet().stream().allMatch(this::runsTarget) && finish();
        }
        double drain = DeploymentRules.drainPercent(dep.deploymentConfiguration);
        int size = Math.max(1, (int) Math.ceil(drain * daemon.placed.size() / 100.0));
        for (String instance : stale.subList(0, Math.min(size, stale.size()))) {
            DaemonState.Placed old = daemon.placed.remove(instance);
            hosts.stopTask(daemon.clusterArn, old.taskArn, "ServiceSchedulerInitiated",
                    "Daemon deployment " + dep.arn + " is replacing the container instance.", now);
            String replacement = hosts.replaceInstance(daemon.clusterArn, instance, now);
            starter.start(daemon, replacement, old.capacityProviderName, target, now);
            dep.batch.add(replacement);
        }
        return true;
    }

    private boolean runsTarget(String instance) {
        DaemonState.Placed p = daemon.placed.get(instance);
        // a crash-looping task is RUNNING only until the next settle stops it: never counted as up
        return p != null && p.revisionArn.equals(target) && !Revisions.failing(state.revisions.get(p.revisionArn))
                && hosts.taskStatus(daemon.clusterArn, p.taskArn, now).equals("RUNNING");
    }

    private boolean finish() {
        boolean rollback = dep.status.equals("ROLLBACK_IN_PROGRESS");
        dep.status = rollback ? "ROLLBACK_SUCCESSFUL" : "SUCCESSFUL";
        if (!rollback) {
            dep.statusReason = "Daemon deployment completed successfully.";
            dep.circuitBreakerStatus = "MONITORING_COMPLETE";
        }
        dep.finishedAtMillis = now;
        daemon.currentRevisionArn = target;
        return true;
    }
}
