package dev.logship.localecs.clusters;

import dev.logship.localecs.resources.Arns;
import java.util.List;

/**
 * Container health as DescribeTasks reports it ({@code healthStatus} on the task and on each
 * container). Only a task whose task definition has a container {@code healthCheck} has one: it is
 * UNKNOWN until the task runs, then what the admin API set for the task, else for its cluster, else
 * HEALTHY (the check passes). Containers without a check, and tasks without any, say UNKNOWN, as
 * ECS does. A service's UNHEALTHY task is stopped and replaced by the scheduler a moment later
 * ({@code services.UnhealthyTasks}), so a cluster set UNHEALTHY keeps replacing its tasks.
 */
public final class ContainerHealth {
    static final List<String> STATUSES = List.of("HEALTHY", "UNHEALTHY", "UNKNOWN");

    private ContainerHealth() {}

    /**
     * Sets the health of one live task ({@code task}: its ARN or id) or, with {@code task} null, of the
     * cluster's tasks now and later (clearing per-task settings); returns how many live tasks it covers.
     */
    public static int set(EcsState state, String clusterName, String task, String status, long now) {
        ClusterState cluster = state.clusters.get(clusterName);
        if (cluster == null) {
            throw new IllegalArgumentException("no cluster " + clusterName);
        }
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("healthStatus must be one of " + STATUSES + ", got " + status);
        }
        if (task == null) {
            cluster.containerHealth = status;
            cluster.containerHealthSetAtMillis = now;
            cluster.liveTasks().forEach(t -> {
                t.healthStatus = null;
                t.healthSetAtMillis = null;
            });
            return cluster.liveTasks().size();
        }
        TaskState found = cluster.liveTasks().stream().filter(t -> t.arn.equals(task) || Arns.lastSegment(t.arn).equals(task))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no live task " + task + " in cluster "
                        + cluster.name));
        found.healthStatus = status;
        found.healthSetAtMillis = now;
        return 1;
    }

    /**
     * Since when a RUNNING task of a checked task definition has been UNHEALTHY (its own setting, else its
     * cluster's, counted from when the task started running); null when it is not UNHEALTHY.
     */
    public static Long unhealthySince(ClusterState cluster, TaskState task, long now, long convergenceMillis) {
        if (!"UNHEALTHY".equals(of(cluster, task, task.lastStatus(now, convergenceMillis), true))) {
            return null;
        }
        long running = task.createdAtMillis + convergenceMillis;
        Long set = task.healthStatus != null ? task.healthSetAtMillis : cluster.containerHealthSetAtMillis;
        return Math.max(running, set == null ? running : set);
    }

    /** The task's health: {@code checked} when its task definition has a container health check. */
    static String of(ClusterState cluster, TaskState task, String lastStatus, boolean checked) {
        if (!checked || !"RUNNING".equals(lastStatus)) {
            return "UNKNOWN";
        }
        if (task.healthStatus != null) {
            return task.healthStatus;
        }
        return cluster.containerHealth == null ? "HEALTHY" : cluster.containerHealth;
    }
}
