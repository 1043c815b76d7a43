package dev.logship.manifest;

import dev.logship.model.Immutable;
import java.util.List;
import java.util.Objects;

/**
 * The agent a LogForwarder runs and the fields that only some agents understand:
 * {@code multiline}, {@code exclude} (ECS container names) and {@code bufferLimit} (bytes of
 * the node's disk the agent may fill while the endpoint is down); {@code telemetry} (nullable):
 * Fluent Bit's own metrics pushed to serve ({@code spec.telemetry}, or the tree's {@code kind: Telemetry}
 * default); {@code telemetryOff}: the manifest turned it off ({@code spec.telemetry: false}), so no default applies; {@code health} (nullable): Fluent
 * Bit's deep health check as the container health check ({@code spec.healthCheck}); {@code prometheusMetrics}: Fluent
 * Bit's HTTP server on the node's addresses for a Prometheus to scrape ({@code spec.prometheusMetrics}). {@code position} is where
 * {@code spec.agent} was written (or the spec, when it was left out), for warnings.
 */
public record AgentSettings(Agent agent, Multiline multiline, List<String> exclude, long bufferLimit, Position position,
                            Telemetry telemetry, HealthProbe health, boolean prometheusMetrics, boolean telemetryOff) {

    public AgentSettings(Agent agent, Multiline multiline, List<String> exclude, long bufferLimit, Position position,
                         Telemetry telemetry, HealthProbe health, boolean prometheusMetrics) {
        this(agent, multiline, exclude, bufferLimit, position, telemetry, health, prometheusMetrics, false);
    }

    /** Without telemetry or health check. */
    public AgentSettings(Agent agent, Multiline multiline, List<String> exclude, long bufferLimit, Position position) {
        this(agent, multiline, exclude, bufferLimit, position, null, null, false, false);
    }

    /** The same settings with {@code spec.telemetry} (null: off). */
    public AgentSettings withTelemetry(Telemetry settings) {
        return new AgentSettings(agent, multiline, exclude, bufferLimit, position, settings, health, prometheusMetrics, telemetryOff);
    }

    /** The same settings with telemetry turned off in the manifest ({@code spec.telemetry: false}): no default applies. */
    public AgentSettings withTelemetryOff() {
        return new AgentSettings(agent, multiline, exclude, bufferLimit, position, null, health, prometheusMetrics, true);
    }

    /** The same settings with {@code spec.healthCheck} (null: off). */
    public AgentSettings withHealth(HealthProbe probe) {
        return new AgentSettings(agent, multiline, exclude, bufferLimit, position, telemetry, probe, prometheusMetrics, telemetryOff);
    }

    /** The same settings with {@code spec.prometheusMetrics}. */
    public AgentSettings withPrometheusMetrics(boolean on) {
        return new AgentSettings(agent, multiline, exclude, bufferLimit, position, telemetry, health, on, telemetryOff);
    }

    public AgentSettings {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(multiline, "multiline");
        exclude = Immutable.list(exclude);
        Objects.requireNonNull(position, "position");
    }

    public static AgentSettings logspout(Position position) {
        return new AgentSettings(Agent.LOGSPOUT, Multiline.NONE, List.of(), Defaults.BUFFER_LIMIT, position);
    }

    public boolean fluentBit() {
        return agent == Agent.FLUENT_BIT;
    }
}
