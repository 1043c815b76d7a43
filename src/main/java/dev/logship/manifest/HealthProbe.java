package dev.logship.manifest;

/**
 * {@code spec.healthCheck} of a Fluent Bit forwarder: Fluent Bit's own deep health check
 * (service {@code health_check on}) answering on {@code 127.0.0.1:port/api/v1/health}, and the
 * container {@code healthCheck} that asks it. Fluent Bit calls itself unhealthy when, within
 * {@code periodSeconds}, its outputs had more than {@code errors} errors (records a destination
 * refused for good, e.g. HTTP 401/403) or more than {@code retryFailures} failed retries.
 */
public record HealthProbe(int errors, int retryFailures, int periodSeconds, int port) {
    public static final HealthProbe DEFAULTS = new HealthProbe(5, 5, 60, 2020);

    public HealthProbe {
        if (errors < 1 || retryFailures < 1 || periodSeconds < 1 || port < 1 || port > 65535) {
            throw new IllegalArgumentException("health check figures must be positive");
        }
    }
}
