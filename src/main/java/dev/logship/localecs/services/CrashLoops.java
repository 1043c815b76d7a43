package dev.logship.localecs.services;

import dev.logship.localecs.clusters.ClusterState;
import dev.logship.localecs.clusters.DeploymentState;
import dev.logship.localecs.clusters.ServiceState;
import dev.logship.localecs.clusters.TaskState;
import dev.logship.localecs.faults.FailingImages;
import dev.logship.localecs.taskdefs.TaskDefinitions;
import java.util.List;

/**
 * Stops the tasks of services whose task definition runs a {@link FailingImages failing image}
 * as soon as they have started, as a crashing essential container does, and feeds the count
 * to the service's {@link CircuitBreaker}.
 */
public final class CrashLoops {
    private final TaskDefinitions taskDefinitions;
    private final long convergenceMillis;

    public CrashLoops(TaskDefinitions taskDefinitions, long convergenceMillis) {
        this.taskDefinitions = taskDefinitions;
        this.convergenceMillis = convergenceMillis;
    }

    boolean failing(String taskDefinitionArn) {
        return FailingImages.anyEssentialFailing(taskDefinitions.findOrNull(taskDefinitionArn));
    }

    /** Stops this service's started tasks that crash; true when any stopped. */
    boolean stopCrashed(ClusterState cluster, ServiceState service, int desired, long now) {
        boolean changed = false;
        for (DeploymentState d : List.copyOf(service.deployments)) {
            if (!failing(d.taskDefinition)) {
                continue;
            }
            List<TaskState> crashed = cluster.tasksOf(service.name, d.id).stream()
                    .filter(t -> t.running(now, convergenceMillis)).toList();
            crashed.forEach(t -> t.stop(now, FailingImages.STOPPED_REASON, FailingImages.STOP_CODE));
            if (!crashed.isEmpty()) {
                CircuitBreaker.recordFailures(service, d, crashed.size(), desired, now);
                changed = true;
            }
        }
        return changed;
    }
}
