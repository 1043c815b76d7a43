package dev.logship.render;

import dev.logship.model.DesiredForwarder;

/**
 * Whether a rendered forwarder reports its own telemetry to serve ({@code spec.telemetry}): its
 * container reads the ingest token that {@link FluentBitTelemetry} adds. A rollout gated on
 * delivery treats silence from such a forwarder as bad, and silence from any other as unjudged.
 */
public final class TelemetryExpected {
    private TelemetryExpected() {}

    public static boolean of(DesiredForwarder forwarder) {
        return forwarder.taskDefinition().containers().stream().anyMatch(c -> c.secrets().containsKey(FluentBitTelemetry.TOKEN));
    }
}
