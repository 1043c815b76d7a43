package dev.logship.manifest;

import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the spec of a {@code kind: Telemetry}: {@code endpoint}, {@code tokenFrom} and optional {@code interval}, as in spec.telemetry. */
final class TelemetryDefaultReader {
    private TelemetryDefaultReader() {}

    static Optional<TelemetryDefault> read(Context context, String name, Position position, Node spec) {
        Optional<Fields> fields = Fields.of(context, spec, "spec", TelemetryReader.SETTINGS);
        if (fields.isEmpty() || name == null) {
            return Optional.empty();
        }
        return TelemetryReader.settings(context, fields.get(), "spec").map(t -> {
            TelemetryDefault read = new TelemetryDefault(name, position, t);
            return new TelemetryDefault(name, position, t.from(read.origin()));
        });
    }
}
