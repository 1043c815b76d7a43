package dev.logship.model;

import java.util.List;

/**
 * A service's RUNNING tasks, observed only when they matter (its task definition has a container
 * health check, or it runs fewer tasks than it should): how many ECS calls HEALTHY, UNHEALTHY and
 * UNKNOWN (DescribeTasks' {@code healthStatus}), and the eligible nodes without one of its tasks
 * ({@code uncovered}, named).
 */
public record LiveTasks(int healthy, int unhealthy, int unknown, List<NodeName> uncovered) {
    public LiveTasks {
        uncovered = Immutable.list(uncovered);
    }
}
