package dev.logship.render;

import dev.logship.model.DesiredForwarder;

/**
 * Whether a rendered forwarder's telemetry reaches the delivery source serve reads, so that its
 * silence means something: a rollout gated on delivery treats silence from such a forwarder as bad
 * (Silent), and silence from any other as unjudged (Unknown). One rule per source, because a
 * forwarder can only be heard where its task sends or serves its figures.
 */
public enum TelemetryExpected {
    /**
     * The built-in ingest ({@code --ingest-token}): the container reads the ingest token that
     * {@link FluentBitTelemetry} adds ({@code spec.telemetry} or {@code kind: Telemetry}). A task that
     * only serves metrics is for the user's own scraping and stays unjudged here.
     */
    INGEST,
    /**
     * The user's Prometheus ({@code --prometheus-url}): the task serves Fluent Bit's metrics
     * ({@code spec.prometheusMetrics}), which is what puts its nodes in serve's service discovery. A
     * task that pushes to an ingest is not heard: this serve takes no pushes.
     */
    PROMETHEUS;

    public boolean of(DesiredForwarder forwarder) {
        return this == PROMETHEUS ? forwarder.metricsPort() > 0
                : forwarder.taskDefinition().containers().stream().anyMatch(c -> c.secrets().containsKey(FluentBitTelemetry.TOKEN));
    }
}
