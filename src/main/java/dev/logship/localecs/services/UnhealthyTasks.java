package dev.logship.localecs.services;

import dev.logship.localecs.clusters.ClusterState;
import dev.logship.localecs.clusters.ContainerHealth;
import dev.logship.localecs.clusters.DeploymentState;
import dev.logship.localecs.clusters.ServiceState;
import dev.logship.localecs.clusters.TaskState;
import dev.logship.localecs.resources.Arns;
import dev.logship.localecs.taskdefs.HealthChecks;
import dev.logship.localecs.taskdefs.TaskDefinitions;
import java.util.List;
import java.util.UUID;

/**
 * ECS's service scheduler replaces a task whose essential container fails its health check: the
 * task stops with "Task failed container health checks", the service says "(service S) (task ID)
 * failed container health checks.", and the task counts as a failed task of its deployment, so a
 * rollout whose new tasks keep failing their checks trips the deployment circuit breaker (its
 * second stage watches health checks). Services and DAEMON services alike. A task shows UNHEALTHY
 * for {@code delayMillis} before it is stopped, so callers can see what ECS saw.
 */
public final class UnhealthyTasks {
    static final String STOPPED_REASON = "Task failed container health checks";
    private final TaskDefinitions taskDefinitions;
    private final long convergenceMillis;
    private final long delayMillis;

    public UnhealthyTasks(TaskDefinitions taskDefinitions, long convergenceMillis, long delayMillis) {
        this.taskDefinitions = taskDefinitions;
        this.convergenceMillis = convergenceMillis;
        this.delayMillis = delayMillis;
    }

    /** True when any of these tasks is UNHEALTHY now (whether or not it is due to be replaced). */
    boolean any(ClusterState cluster, List<TaskState> tasks, long now) {
        return tasks.stream().anyMatch(t -> since(cluster, t, now) != null);
    }

    /** Stops this service's tasks that have been UNHEALTHY for the delay; true when any stopped. */
    boolean replace(ClusterState cluster, ServiceState service, int desired, long now) {
        boolean changed = false;
        for (DeploymentState d : List.copyOf(service.deployments)) {
            List<TaskState> failed = cluster.tasksOf(service.name, d.id).stream().filter(t -> {
                Long since = since(cluster, t, now);
                return since != null && now >= since + delayMillis;
            }).toList();
            for (TaskState task : failed) {
                task.stop(now, STOPPED_REASON);
                service.event(UUID.randomUUID().toString(), now, "(service " + service.name + ") (task "
                        + Arns.lastSegment(task.arn) + ") failed container health checks.");
            }
            if (!failed.isEmpty()) {
                CircuitBreaker.recordFailures(service, d, failed.size(), desired, now);
                changed = true;
            }
        }
        return changed;
    }

    private Long since(ClusterState cluster, TaskState task, long now) {
        if (task.serviceName == null || task.stopped()
                || !HealthChecks.checksEssential(taskDefinitions.findOrNull(task.taskDefinitionArn))) {
            return null;
        }
        return ContainerHealth.unhealthySince(cluster, task, now, convergenceMillis);
    }
}
