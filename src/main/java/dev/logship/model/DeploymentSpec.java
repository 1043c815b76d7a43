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
}
