package dev.logship.model;

/** Deployment configuration; null percents mean ECS's defaults (DAEMON 100/0, REPLICA 200/100). */
public record DeploymentSpec(Integer maximumPercent, Integer minimumHealthyPercent) {
    public static DeploymentSpec defaults() {
        return new DeploymentSpec(null, null);
    }

    /**
     * For a perNodePort service of {@code desiredCount} tasks, one per node on a fixed host port:
     * a node has no room for a second copy, so maximum 100% (more would only start tasks that
     * cannot be placed). ECS rounds the minimum up and the maximum down, so a rollout needs
     * ceil(min x n) < floor(100% x n) = n to stop even one old task: minimum 50% keeps half the
     * nodes forwarding during a rollout from 2 nodes up (n = 2: min 1, max 2; n = 3: min 2, max
     * 3), and on a single node (where 50% rounds up to the one task: stuck forever) minimum 0
     * lets ECS stop the old task before it starts the new one.
     */
    public static DeploymentSpec perNodePort(int desiredCount) {
        return new DeploymentSpec(100, desiredCount >= 2 ? 50 : 0);
    }
}
