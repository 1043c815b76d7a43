package dev.logship.localecs.daemons;

import dev.logship.localecs.faults.FailingImages;
import dev.logship.localecs.taskdefs.HealthChecks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs before the service scheduler on every call: one daemon task per instance of a daemon's
 * capacity providers; a stopped daemon task gets its instance drained and replaced; a
 * deployment replaces instances in batches of drainPercent, bakes after each batch, and rolls
 * back to the source revision when the circuit breaker trips.
 */
final class DaemonScheduler {
    private final DaemonsState state;
    private final Hosts hosts;
    private final DaemonTaskDefinitions taskDefinitions;
    private final double timeScale;

    DaemonScheduler(DaemonsState state, Hosts hosts, DaemonTaskDefinitions taskDefinitions, double timeScale) {
        this.state = state;
        this.hosts = hosts;
        this.taskDefinitions = taskDefinitions;
        this.timeScale = timeScale;
    }

    boolean settle(long now) {
        boolean changed = false;
        for (DaemonState daemon : new ArrayList<>(state.daemons.values())) {
            changed |= settle(daemon, now);
        }
        Set<String> inUse = new HashSet<>();
        state.daemons.values().forEach(d -> d.placed.values().forEach(p -> inUse.add(state.revisions.get(p.revisionArn).taskDefinitionArn)));
        return taskDefinitions.finishDeletes(inUse) | changed;
    }

    private boolean settle(DaemonState daemon, long now) {
        DeploymentState dep = daemon.deploymentArn == null ? null : state.deployments.get(daemon.deploymentArn);
        Map<String, String> instances = instances(daemon);
        boolean changed = daemon.placed.keySet().retainAll(instances.keySet());
        if (daemon.status.equals("DELETE_IN_PROGRESS")) {
            return remove(daemon, dep, now);
        }
        boolean active = dep != null && dep.active();
        if (active && dep.startedAtMillis == null) {
            dep.startedAtMillis = now;
            dep.threshold = Math.max(3, Math.min(200, (int) Math.ceil(instances.size() / 2.0)));
            changed = true;
        }
        changed |= replaceStopped(daemon, active ? dep : null, instances, now);
        if (active) {
            changed |= CircuitBreaker.check(daemon, dep, now);
            active = dep.active();
        }
        String launch = active ? dep.movingTo() : daemon.currentRevisionArn;
        for (Map.Entry<String, String> instance : instances.entrySet()) {
            if (launch != null && !daemon.placed.containsKey(instance.getKey())) {
                start(daemon, instance.getKey(), instance.getValue(), launch, now);
                changed = true;
            }
        }
        if (active) {
            changed |= new DaemonRollout(state, hosts, timeScale, this::start, daemon, dep, now).step();
        }
        return changed;
    }

    /** Instance ARN -> capacity provider name, for every ACTIVE instance of the daemon's providers. */
    private Map<String, String> instances(DaemonState daemon) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String cpArn : daemon.capacityProviderArns) {
            String cp = cpArn.substring(cpArn.lastIndexOf('/') + 1);
            hosts.instancesOf(daemon.clusterArn, cp).forEach(i -> out.put(i, cp));
        }
        return out;
    }

    /** Crash-looping tasks exit once RUNNING; any stopped daemon task gets its instance replaced. */
    private boolean replaceStopped(DaemonState daemon, DeploymentState dep, Map<String, String> instances, long now) {
        boolean changed = false;
        for (Map.Entry<String, DaemonState.Placed> e : new ArrayList<>(daemon.placed.entrySet())) {
            DaemonState.Placed p = e.getValue();
            String status = hosts.taskStatus(daemon.clusterArn, p.taskArn, now);
            if (status.equals("RUNNING") && Revisions.failing(state.revisions.get(p.revisionArn))) {
                hosts.stopTask(daemon.clusterArn, p.taskArn, FailingImages.STOP_CODE, FailingImages.STOPPED_REASON, now);
                status = "STOPPED";
            } else if (status.equals("RUNNING") && failedHealthChecks(daemon, p, now)) {
                hosts.stopTask(daemon.clusterArn, p.taskArn, "ServiceSchedulerInitiated", "Task failed container health checks", now);
                status = "STOPPED";
            }
            if (status.equals("STOPPED")) {
                if (dep != null && p.revisionArn.equals(dep.movingTo())) {
                    dep.failureCount++;
                }
                String replacement = hosts.replaceInstance(daemon.clusterArn, e.getKey(), now);
                daemon.placed.remove(e.getKey());
                instances.remove(e.getKey());
                instances.put(replacement, p.capacityProviderName);
                if (dep != null && dep.batch.remove(e.getKey())) {
                    dep.batch.add(replacement);
                }
                changed = true;
            }
        }
        return changed;
    }

    /** An essential container's health check has failed long enough: ECS replaces the task (and so its instance). */
    private boolean failedHealthChecks(DaemonState daemon, DaemonState.Placed p, long now) {
        return HealthChecks.checksEssential(taskDefinitions.findOrNull(state.revisions.get(p.revisionArn).taskDefinitionArn))
                && hosts.failedHealthChecks(daemon.clusterArn, p.taskArn, now);
    }

    void start(DaemonState daemon, String instance, String cp, String revisionArn, long now) {
        DaemonState.Placed p = new DaemonState.Placed();
        p.taskArn = hosts.startTask(daemon.clusterArn, instance, state.revisions.get(revisionArn).taskDefinitionArn,
                "daemon:" + daemon.name, now);
        p.revisionArn = revisionArn;
        p.capacityProviderName = cp;
        daemon.placed.put(instance, p);
    }

    private boolean remove(DaemonState daemon, DeploymentState dep, long now) {
        daemon.placed.values().forEach(p -> hosts.stopTask(daemon.clusterArn, p.taskArn, "ServiceSchedulerInitiated",
                "Daemon " + daemon.name + " was deleted.", now));
        daemon.placed.clear();
        if (dep != null && dep.active()) {
            dep.status = "SUCCESSFUL";
            dep.startedAtMillis = dep.startedAtMillis == null ? now : dep.startedAtMillis;
            dep.finishedAtMillis = now;
            dep.circuitBreakerStatus = "MONITORING_COMPLETE";
        }
        state.daemons.remove(daemon.arn);
        return true;
    }
}
