package dev.logship.localecs.services;

import dev.logship.localecs.clusters.ClusterState;
import dev.logship.localecs.clusters.Clusters;
import dev.logship.localecs.clusters.DeploymentState;
import dev.logship.localecs.clusters.EcsState;
import dev.logship.localecs.clusters.NodeState;
import dev.logship.localecs.clusters.ServiceEvent;
import dev.logship.localecs.clusters.ServiceState;
import dev.logship.localecs.clusters.TaskState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A small ECS service scheduler, run before every call: stops tasks on lost nodes, scales
 * each service's PRIMARY deployment to its desired count ({@link Placement} picks nodes),
 * and completes a deployment once all of its tasks are RUNNING, retiring the old ones.
 *
 * <p>A cluster at rest (every task RUNNING, every service steady on one completed deployment)
 * has nothing left that time alone could change, so it is skipped until {@link #wake} says a
 * call changed it. Without that, every call walked every task of every cluster: with 1,000
 * clusters a cold apply cost local-ecs O(clusters) per call, more CPU than the client it serves.
 */
public final class Scheduler {
    private static final int KEEP_STOPPED = 200;
    private final EcsState state;
    private final Placement placement;
    private final RollingUpdate rollingUpdate;
    private final CrashLoops crashLoops;
    private final UnhealthyTasks unhealthy;
    private final long convergenceMillis;
    /** Names of clusters at rest: skipped by {@link #settle(long)} until woken. */
    private final Set<String> resting = new HashSet<>();
    /** Clusters settled so far (for tests: a call should cost the clusters it changed, not the fleet). */
    private long clustersSettled;

    public Scheduler(EcsState state, Placement placement, CrashLoops crashLoops, UnhealthyTasks unhealthy, long convergenceMillis) {
        this.unhealthy = unhealthy;
        this.rollingUpdate = new RollingUpdate(convergenceMillis);
        this.state = state;
        this.placement = placement;
        this.crashLoops = crashLoops;
        this.convergenceMillis = convergenceMillis;
    }

    /** Brings every cluster's tasks towards what its services want; true when anything changed. */
    public boolean settle(long now) {
        boolean changed = false;
        for (ClusterState cluster : state.clusters.values()) {
            if (resting.contains(cluster.name)) {
                continue;
            }
            clustersSettled++;
            boolean clusterChanged = stopTasksOnLostNodes(cluster, now);
            for (ServiceState service : cluster.services.values()) {
                if (!service.status.equals("INACTIVE")) {
                    clusterChanged |= settle(cluster, service, now);
                }
            }
            trimStopped(cluster);
            if (!clusterChanged && atRest(cluster, now)) {
                resting.add(cluster.name);
            }
            changed |= clusterChanged;
        }
        return changed;
    }

    public long clustersSettled() {
        return clustersSettled;
    }

    /** A call changed this cluster (its nodes, services or anything they use): settle it again. */
    public void wake(String clusterName) {
        resting.remove(clusterName);
    }

    /** A change whose cluster is not known (a task definition, tags, daemons, a new cluster): settle them all again. */
    public void wakeAll() {
        resting.clear();
    }

    /**
     * Nothing here changes with time alone: no task still PENDING, and each service that is not
     * INACTIVE is ACTIVE and steady on a single COMPLETED deployment (a crash loop, a rollout,
     * a drain or a task that cannot be placed keeps a service unsteady).
     */
    private boolean atRest(ClusterState cluster, long now) {
        for (TaskState task : cluster.tasks) {
            if (!task.stopped() && (!task.running(now, convergenceMillis) || unhealthy.any(cluster, List.of(task), now))) {
                return false;
            }
        }
        for (ServiceState service : cluster.services.values()) {
            if (service.status.equals("INACTIVE")) {
                continue;
            }
            if (!service.status.equals("ACTIVE") || !service.steady || service.deployments.size() != 1
                    || !"COMPLETED".equals(service.primary().rolloutState)) {
                return false;
            }
        }
        return true;
    }

    private boolean stopTasksOnLostNodes(ClusterState cluster, long now) {
        boolean changed = false;
        for (TaskState task : cluster.liveTasks()) {
            NodeState node = cluster.nodes.get(task.containerInstanceArn);
            if (node == null) {
                task.stop(now, "Host EC2 instance terminated or deregistered.");
                changed = true;
            } else if (!node.status.equals("ACTIVE") && task.serviceName != null) {
                task.stop(now, "Container instance is being drained.");
                changed = true;
            }
        }
        return changed;
    }

    private boolean settle(ClusterState cluster, ServiceState service, long now) {
        DeploymentState primary = service.primary();
        List<NodeState> active = cluster.activeNodes();
        int desired = service.status.equals("DRAINING") ? 0 : service.daemon() ? active.size() : service.desiredCount;
        if (service.daemon() && service.status.equals("ACTIVE")) {
            service.desiredCount = desired;
        }
        boolean changed = crashLoops.stopCrashed(cluster, service, desired, now);
        changed |= unhealthy.replace(cluster, service, desired, now);
        primary = service.primary(); // a tripped circuit breaker with rollback starts a new deployment
        if (primary.rolloutState.equals("FAILED")) {
            return changed; // ECS stops launching tasks for a deployment its circuit breaker failed
        }
        changed |= scaleDown(cluster, service, primary, desired, now);
        int target = desired;
        if (!service.daemon() && service.deployments.size() > 1) {
            int liveBefore = cluster.tasksOf(service.name).size();
            target = rollingUpdate.primaryTarget(cluster, service, primary, desired, now);
            changed |= cluster.tasksOf(service.name).size() != liveBefore;
        }
        int placed = placement.place(cluster, service, primary, target, now);
        changed |= placed > 0;
        List<TaskState> mine = cluster.tasksOf(service.name, primary.id);
        // A crash-looping deployment never completes, even in the instant its tasks count as RUNNING.
        // Nor does one with UNHEALTHY tasks: ECS waits for health checks to pass (and replaces the tasks that fail).
        boolean allRunning = mine.size() == desired && !crashLoops.failing(primary.taskDefinition) && !unhealthy.any(cluster, mine, now)
                && mine.stream().allMatch(t -> t.running(now, convergenceMillis));
        if (allRunning) {
            changed |= retireOldDeployments(cluster, service, now);
            if (primary.rolloutState.equals("IN_PROGRESS")) {
                primary.rolloutState = "COMPLETED";
                primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
                primary.updatedAtMillis = now;
                service.event(UUID.randomUUID().toString(), now,
                        "(service " + service.name + ") (deployment " + primary.id + ") deployment completed.");
                changed = true;
            }
            if (!service.steady && service.status.equals("ACTIVE")) {
                service.event(UUID.randomUUID().toString(), now, "(service " + service.name + ") has reached a steady state.");
                service.steady = true;
                changed = true;
            }
        } else if (service.steady) {
            service.steady = false;
            changed = true;
        }
        if (service.status.equals("DRAINING") && cluster.tasksOf(service.name).isEmpty()) {
            service.status = "INACTIVE";
            changed = true;
        }
        return changed;
    }

    private boolean scaleDown(ClusterState cluster, ServiceState service, DeploymentState primary, int desired, long now) {
        List<TaskState> mine = new ArrayList<>(cluster.tasksOf(service.name, primary.id));
        List<TaskState> stopped = new ArrayList<>();
        if (service.daemon()) {
            List<String> seen = new ArrayList<>();
            for (TaskState t : mine) {
                if (seen.contains(t.containerInstanceArn)) {
                    stopped.add(t);
                }
                seen.add(t.containerInstanceArn);
            }
            mine.removeAll(stopped);
        }
        mine.sort(Comparator.comparingLong((TaskState t) -> t.createdAtMillis).reversed());
        while (mine.size() > desired) {
            stopped.add(mine.remove(0));
        }
        stopped.forEach(t -> t.stop(now, "Scaling activity initiated by (deployment " + primary.id + ")"));
        if (!stopped.isEmpty()) {
            service.event(UUID.randomUUID().toString(), now, "(service " + service.name + ") has stopped "
                    + stopped.size() + " running tasks: " + ServiceEvent.taskList(stopped) + ".");
        }
        return !stopped.isEmpty();
    }

    private boolean retireOldDeployments(ClusterState cluster, ServiceState service, long now) {
        if (service.deployments.size() <= 1) {
            return false;
        }
        List<TaskState> old = cluster.tasksOf(service.name).stream()
                .filter(t -> !t.deploymentId.equals(service.primary().id)).toList();
        old.forEach(t -> t.stop(now, "Task replaced by (deployment " + service.primary().id + ")"));
        if (!old.isEmpty()) {
            service.event(UUID.randomUUID().toString(), now, "(service " + service.name + ") has stopped "
                    + old.size() + " running tasks: " + ServiceEvent.taskList(old) + ".");
        }
        service.deployments.subList(1, service.deployments.size()).clear();
        return true;
    }

    private void trimStopped(ClusterState cluster) {
        List<TaskState> stopped = cluster.tasks.stream().filter(TaskState::stopped).toList();
        if (stopped.size() > KEEP_STOPPED) {
            List<TaskState> dropped = stopped.subList(0, stopped.size() - KEEP_STOPPED);
            cluster.tasks.removeAll(dropped);
            dropped.forEach(t -> state.tags.remove(t.arn));
        }
    }
}
