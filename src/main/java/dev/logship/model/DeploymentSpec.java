package dev.logship.model;

/**
 * Deployment configuration; null percents mean ECS's defaults (DAEMON 100/0, REPLICA 200/100).
 * {@code circuitBreaker}: whether ECS's deployment circuit breaker watches the rollout (null =
 * ECS's default, off). logship turns it on without ECS's own rollback: a FAILED rollout is read
 * as Degraded, and rolling back is the rollout planner's call, so ECS and Git never disagree.
 */
public record DeploymentSpec(Integer maximumPercent, Integer minimumHealthyPercent, Boolean circuitBreaker) {
    public DeploymentSpec(Integer maximumPercent, Integer minimumHealthyPercent) {
        this(maximumPercent, minimumHealthyPercent, null);
    }

    public static DeploymentSpec defaults() {
        return new DeploymentSpec(null, null, null);
    }

    /** The same percents with the circuit breaker on. */
    public DeploymentSpec withCircuitBreaker() {
        return new DeploymentSpec(maximumPercent, minimumHealthyPercent, true);
    }

    /**
     * This configuration, made able to roll {@code desiredCount} tasks that each need a node of
     * their own (a perNodePort service: one task per node on a fixed host port, so a node has no
     * room for a second copy and no new task starts before an old one stops). ECS rounds the
     * minimum up and the maximum down; the rollout needs ceil(min x n) < floor(max x n) to stop even
     * one old task. logship renders maximum 100 / minimum 50: from 2 nodes up that keeps half the
     * nodes forwarding during a rollout (n = 2: at least 1, at most 2; n = 3: 2 and 3). On one node
     * 50% rounds up to the only task and the deployment would wait forever: there the minimum
     * becomes 0, so ECS stops the old task and then starts the new one (a gap of seconds, on one
     * node, instead of never). Unset percentages (ECS's defaults) are left alone.
     */
    public DeploymentSpec rollableFor(int desiredCount) {
        if (maximumPercent == null || minimumHealthyPercent == null || desiredCount < 1) {
            return this;
        }
        long most = (long) Math.floor(desiredCount * maximumPercent / 100.0);
        long least = (long) Math.ceil(desiredCount * minimumHealthyPercent / 100.0);
        return least < most ? this : new DeploymentSpec(maximumPercent, 0, circuitBreaker);
    }
}
