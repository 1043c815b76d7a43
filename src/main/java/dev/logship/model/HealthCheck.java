package dev.logship.model;

import java.util.List;

/** A container health check; ECS fills interval 30, timeout 5, retries 3, startPeriod 0 when absent. */
public record HealthCheck(List<String> command, Integer interval, Integer timeout, Integer retries, Integer startPeriod) {
    public HealthCheck {
        command = Immutable.list(command);
    }
}
