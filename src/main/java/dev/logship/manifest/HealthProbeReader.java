package dev.logship.manifest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code spec.healthCheck}: {@code false} for off, {@code true} or a mapping
 * ({@code errors}, {@code retryFailures}, {@code period}, {@code port}) for on. Left out, it is on
 * exactly when the image can run the check ({@link FluentBitImages#hasShell}), so a forwarder on the
 * distroless default image renders as before. Fluent Bit only.
 */
final class HealthProbeReader {
    static final List<String> FIELDS = List.of("errors", "retryFailures", "period", "port");
    private static final Duration MIN_PERIOD = Duration.ofSeconds(5);
    private static final Duration MAX_PERIOD = Duration.ofMinutes(30);

    private HealthProbeReader() {}

    static Optional<HealthProbe> read(Context context, Fields spec, AgentSettings agent, String image) {
        Optional<Node> node = spec.get("healthCheck");
        if (node.isEmpty()) {
            return agent.fluentBit() && FluentBitImages.hasShell(image) ? Optional.of(HealthProbe.DEFAULTS) : Optional.empty();
        }
        if (node.get() instanceof ScalarNode scalar) {
            Optional<Boolean> on = Values.bool(context, scalar, "spec.healthCheck");
            if (on.isEmpty() || !on.get()) {
                return Optional.empty();
            }
        }
        if (!agent.fluentBit()) {
            context.report(spec.positionOf("healthCheck"), "spec.healthCheck", "healthCheck only applies to agent: fluentBit"
                    + " (it asks Fluent Bit's own health endpoint); set spec.agent: fluentBit or remove it");
            return Optional.empty();
        }
        if (!FluentBitImages.hasShell(image)) {
            context.report(spec.positionOf("healthCheck"), "spec.healthCheck", "image " + image + " has no shell to run a"
                    + " health command: use a -debug tag of fluent/fluent-bit (e.g. " + Defaults.FLUENT_BIT_IMAGE
                    + "-debug) or aws-for-fluent-bit, or set healthCheck: false");
            return Optional.empty();
        }
        if (node.get() instanceof ScalarNode) {
            return Optional.of(HealthProbe.DEFAULTS);
        }
        Optional<Fields> maybe = Fields.of(context, node.get(), "spec.healthCheck", FIELDS);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        HealthProbe d = HealthProbe.DEFAULTS;
        int errors = fields.integer("errors", 1, 100_000).orElse(d.errors());
        int retryFailures = fields.integer("retryFailures", 1, 100_000).orElse(d.retryFailures());
        int period = fields.get("period").flatMap(n -> Durations.read(context, n, "spec.healthCheck.period"))
                .filter(p -> fields.check("period", p.compareTo(MIN_PERIOD) >= 0 && p.compareTo(MAX_PERIOD) <= 0
                        ? Optional.empty() : Optional.of("expected between 5s and 30m")))
                .map(p -> (int) p.toSeconds()).orElse(d.periodSeconds());
        int port = fields.integer("port", 1024, 65535).orElse(d.port());
        return Optional.of(new HealthProbe(errors, retryFailures, period, port));
    }
}
