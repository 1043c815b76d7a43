package dev.logship.localecs.clusters;

import dev.logship.localecs.resources.Arns;
import java.util.List;

/**
 * Container health as DescribeTasks reports it ({@code healthStatus} on the task and on each
 * container). Only a task whose task definition has a container {@code healthCheck} has one: it is
 * UNKNOWN until the task runs, then what the admin API set for the task, else for its cluster, else
 * HEALTHY (the check passes). Containers without a check, and tasks without any, say UNKNOWN, as
 * ECS does. local-ecs reports health only: it does not stop UNHEALTHY tasks as ECS's scheduler
 * would, so a test decides when health changes.
 */
public final class ContainerHealth {
    static final List<String> STATUSES = List.of("HEALTHY", "UNHEALTHY", "UNKNOWN");

    private ContainerHealth() {}

    /**
     * Sets the health of one live task ({@code task}: its ARN or id) or, with {@code task} null, of the
     * cluster's tasks now and later (clearing per-task settings); returns how many live tasks it covers.
     */
    public static int set(EcsState state, String clusterName, String task, String status) {
        ClusterState cluster = state.clusters.get(clusterName);
        if (cluster == null) {
            throw new IllegalArgumentException("no cluster " + clusterName);
        }
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("healthStatus must be one of " + STATUSES + ", got " + status);
        }
        if (task == null) {
            cluster.containerHealth = status;
            cluster.liveTasks().forEach(t -> t.healthStatus = null);
            return cluster.liveTasks().size();
        }
        TaskState found = cluster.liveTasks().stream().filter(t -> t.arn.equals(task) || Arns.lastSegment(t.arn).equals(task))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no live task " + task + " in cluster "
                        + cluster.name));
        found.healthStatus = status;
        return 1;
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
