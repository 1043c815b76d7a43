package dev.logship.model;

/** Deployment configuration; null percents mean ECS's defaults (DAEMON 100/0, REPLICA 200/100). */
public record DeploymentSpec(Integer maximumPercent, Integer minimumHealthyPercent) {
    public static DeploymentSpec defaults() {
        return new DeploymentSpec(null, null);
    }
}
