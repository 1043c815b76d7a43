package dev.logship.manifest;

import java.util.Objects;

/**
 * Telemetry of a Fluent Bit forwarder: where its nodes push Fluent Bit's own metrics
 * ({@code endpoint}: serve's address as the nodes reach it, http or https), the SSM parameter or
 * Secrets Manager secret holding the ingest token ({@code tokenFrom}, read by ECS with the
 * execution role, never in the task definition), and how often ({@code intervalSeconds}).
 * {@code origin}: where it was written, in words ({@code spec.telemetry}, or the tree's
 * {@code kind: Telemetry} default with its file and line), for render and plan.
 */
public record Telemetry(String scheme, String host, int port, String tokenFrom, int intervalSeconds, String origin) {
    public static final int DEFAULT_INTERVAL_SECONDS = 30;
    public static final String OWN = "spec.telemetry";

    public Telemetry {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokenFrom, "tokenFrom");
        origin = origin == null ? OWN : origin;
    }

    public Telemetry(String scheme, String host, int port, String tokenFrom, int intervalSeconds) {
        this(scheme, host, port, tokenFrom, intervalSeconds, OWN);
    }

    public boolean tls() {
        return scheme.equals("https");
    }

    /** The same settings, said to come from {@code from}. */
    Telemetry from(String from) {
        return new Telemetry(scheme, host, port, tokenFrom, intervalSeconds, from);
    }

    /** "Fluent Bit metrics every 30 s to https://logship.internal:8443 (spec.telemetry)". */
    public String describe() {
        return "Fluent Bit metrics every " + intervalSeconds + " s to " + scheme + "://" + host + ":" + port + " (" + origin + ")";
    }
}
