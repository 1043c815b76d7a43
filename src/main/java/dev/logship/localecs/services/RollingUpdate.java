package dev.logship.localecs.services;

import dev.logship.localecs.clusters.ClusterState;
import dev.logship.localecs.clusters.DeploymentState;
import dev.logship.localecs.clusters.ServiceState;
import dev.logship.localecs.clusters.TaskState;
import java.util.Comparator;
import java.util.List;

/**
 * ECS's rolling update of a REPLICA service while older deployments still run tasks: at most
 * floor(desiredCount x maximumPercent / 100) tasks of the service at once, at least
 * ceil(desiredCount x minimumHealthyPercent / 100) of them RUNNING. ECS rounds the maximum down
 * and the minimum up, so 100/50 on a one-node service allows 1 task and requires 1 healthy: the
 * old task may not stop, the new one may not start, and the deployment never completes.
 */
final class RollingUpdate {
    private final long convergenceMillis;

    RollingUpdate(long convergenceMillis) {
        this.convergenceMillis = convergenceMillis;
    }

    static int maximumTasks(ServiceState service, int desired) {
        return (int) Math.floor(desired * percent(service, "maximumPercent", 200) / 100.0);
    }

    static int minimumHealthy(ServiceState service, int desired) {
        return (int) Math.ceil(desired * percent(service, "minimumHealthyPercent", 100) / 100.0);
    }

    /**
     * Stops older deployments' tasks as far as the minimum allows (tasks not yet RUNNING first),
     * then returns how many tasks the primary deployment may have now: its desired count, capped
     * by the maximum less the tasks still running elsewhere in the service.
     */
    int primaryTarget(ClusterState cluster, ServiceState service, DeploymentState primary, int desired, long now) {
        long healthy = cluster.tasksOf(service.name).stream().filter(t -> t.running(now, convergenceMillis)).count();
        int floor = minimumHealthy(service, desired);
        List<TaskState> old = cluster.tasksOf(service.name).stream().filter(t -> !t.deploymentId.equals(primary.id))
                .sorted(Comparator.comparing((TaskState t) -> t.running(now, convergenceMillis))).toList();
        for (TaskState task : old) {
            boolean running = task.running(now, convergenceMillis);
            if (!running || healthy - 1 >= floor) {
                task.stop(now, "Task replaced by (deployment " + primary.id + ")");
                healthy -= running ? 1 : 0;
            }
        }
        int live = cluster.tasksOf(service.name).size();
        int primaryTasks = cluster.tasksOf(service.name, primary.id).size();
        return Math.min(desired, primaryTasks + Math.max(0, maximumTasks(service, desired) - live));
    }

    private static int percent(ServiceState service, String field, int fallback) {
        return service.deploymentConfiguration == null ? fallback : service.deploymentConfiguration.path(field).asInt(fallback);
    }
}
