package dev.logship.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a tree's {@code kind: Telemetry} to its forwarders, after every file is read: each
 * Fluent Bit forwarder without {@code spec.telemetry} (and not turned off with
 * {@code spec.telemetry: false}) gets it; a forwarder's own {@code spec.telemetry} wins; logspout
 * forwarders are left alone. At most one per tree. The token is an ECS secret, so a forwarder that
 * gets the default needs {@code spec.executionRoleArn}: reported at the forwarder, naming the default.
 */
final class TelemetryDefaults {
    private TelemetryDefaults() {}

    static List<ForwarderManifest> apply(List<ForwarderManifest> forwarders, List<TelemetryDefault> defaults, List<Problem> problems) {
        if (defaults.isEmpty()) {
            return forwarders;
        }
        TelemetryDefault first = defaults.stream().sorted(java.util.Comparator.comparing(d -> d.position().file() + ":"
                + String.format("%09d", d.position().line()))).findFirst().orElseThrow();
        defaults.stream().filter(d -> d != first).forEach(d -> problems.add(d.position().problem("kind",
                "only one kind: Telemetry per tree; " + first.origin() + " is the default already")));
        List<ForwarderManifest> out = new ArrayList<>(forwarders.size());
        for (ForwarderManifest f : forwarders) {
            AgentSettings agent = f.agent();
            if (!agent.fluentBit() || agent.telemetry() != null || agent.telemetryOff()) {
                out.add(f);
                continue;
            }
            if (f.executionRoleArn() == null) {
                problems.add(f.position().problem("spec.executionRoleArn", "LogForwarder \"" + f.name() + "\" gets telemetry from "
                        + first.origin() + ", which needs spec.executionRoleArn (ECS reads its tokenFrom with the task execution "
                        + "role); set it, or turn telemetry off here with spec.telemetry: false"));
            }
            out.add(f.withAgent(agent.withTelemetry(first.telemetry())));
        }
        return out;
    }
}
