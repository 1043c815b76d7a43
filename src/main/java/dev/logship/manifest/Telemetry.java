package dev.logship.manifest;

import java.util.Objects;

/**
 * {@code spec.telemetry} of a Fluent Bit forwarder: where its nodes push Fluent Bit's own metrics
 * ({@code endpoint}: serve's address as the nodes reach it, http or https), the SSM parameter or
 * Secrets Manager secret holding the ingest token ({@code tokenFrom}, read by ECS with the
 * execution role, never in the task definition), and how often ({@code intervalSeconds}).
 */
public record Telemetry(String scheme, String host, int port, String tokenFrom, int intervalSeconds) {
    public static final int DEFAULT_INTERVAL_SECONDS = 30;

    public Telemetry {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokenFrom, "tokenFrom");
    }

    public boolean tls() {
        return scheme.equals("https");
    }
}
