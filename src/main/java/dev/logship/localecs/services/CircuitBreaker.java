package dev.logship.localecs.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logship.localecs.clusters.DeploymentState;
import dev.logship.localecs.clusters.ServiceState;
import dev.logship.localecs.http.Json;
import java.util.UUID;

/**
 * ECS's deployment circuit breaker for rolling updates, as the ECS API reference
 * (ServiceDeploymentCircuitBreaker) documents it: the failure threshold is half the desired
 * task count, at least 3 and at most 200; once that many tasks of the PRIMARY deployment have
 * failed, the deployment's rolloutState becomes FAILED and ECS stops launching its tasks. With
 * {@code rollback} it then rolls the service back to the last COMPLETED deployment's task
 * definition as a new deployment.
 */
final class CircuitBreaker {
    static final int MIN_THRESHOLD = 3;
    static final int MAX_THRESHOLD = 200;

    private CircuitBreaker() {}

    /** The failed-task count that trips the breaker for a service wanting {@code desiredCount} tasks (0.5 x desired, rounded up). */
    static int threshold(int desiredCount) {
        int half = (desiredCount + 1) / 2;
        return Math.min(Math.max(half, MIN_THRESHOLD), MAX_THRESHOLD);
    }

    static boolean enabled(ServiceState s) {
        return setting(s).path("enable").asBoolean(false);
    }

    static boolean rollback(ServiceState s) {
        return setting(s).path("rollback").asBoolean(false);
    }

    private static JsonNode setting(ServiceState s) {
        return s.deploymentConfiguration == null ? Json.object() : s.deploymentConfiguration.path("deploymentCircuitBreaker");
    }

    /** Counts failed tasks of a deployment and trips the breaker when the threshold is reached; true when the breaker tripped. */
    static boolean recordFailures(ServiceState s, DeploymentState d, int failed, int desired, long now) {
        d.failedTasks += failed;
        if (!enabled(s) || d != s.primary() || !d.rolloutState.equals("IN_PROGRESS") || d.failedTasks < threshold(desired)) {
            return false;
        }
        d.rolloutState = "FAILED";
        d.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        d.updatedAtMillis = now;
        s.event(UUID.randomUUID().toString(), now, "(service " + s.name + ") (deployment " + d.id
                + ") deployment failed: tasks failed to start.");
        if (rollback(s)) {
            rollBack(s, d, now);
        }
        return true;
    }

    private static void rollBack(ServiceState s, DeploymentState failed, long now) {
        DeploymentState completed = s.deployments.stream()
                .filter(d -> d != failed && d.rolloutState.equals("COMPLETED")).findFirst().orElse(null);
        if (completed == null) {
            return; // nothing ever completed: ECS has nothing to roll back to
        }
        failed.status = "ACTIVE";
        String id = "ecs-svc/" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000_000_000L);
        DeploymentState back = DeploymentState.primary(id, completed.taskDefinition, now);
        s.deployments.add(0, back);
        s.taskDefinition = completed.taskDefinition;
        s.steady = false;
        s.event(UUID.randomUUID().toString(), now, "(service " + s.name + ") (deployment " + failed.id
                + ") deployment failed: rolling back to deployment " + id + ".");
    }
}
