package dev.logship.manifest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code spec.telemetry}: {@code false} (or absent) for off, else a mapping with
 * {@code endpoint}, {@code tokenFrom} and optional {@code interval}. Fluent Bit only; the token
 * is an ECS secret, so the forwarder needs {@code spec.executionRoleArn}.
 */
final class TelemetryReader {
    static final List<String> FIELDS = List.of("endpoint", "tokenFrom", "interval");
    private static final Duration MIN = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofMinutes(5);

    private TelemetryReader() {}

    static Optional<Telemetry> read(Context context, Fields spec, AgentSettings agent) {
        Optional<Node> node = spec.get("telemetry");
        if (node.isEmpty() || node.get() instanceof ScalarNode scalar && scalar.getValue().equals("false")) {
            return Optional.empty();
        }
        if (!agent.fluentBit()) {
            context.report(spec.positionOf("telemetry"), "spec.telemetry", "telemetry only applies to agent: fluentBit"
                    + " (it sends Fluent Bit's own metrics); set spec.agent: fluentBit or remove it");
            return Optional.empty();
        }
        Optional<Fields> maybe = Fields.of(context, node.get(), "spec.telemetry", FIELDS);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        Optional<URI> endpoint = fields.requiredString("endpoint", "serve's address as the nodes reach it, e.g. "
                + "https://logship.internal:8443").flatMap(text -> endpoint(context, fields, text));
        Optional<String> tokenFrom = fields.requiredString("tokenFrom", "the ARN of the SSM parameter or secret holding "
                + "serve's ingest token").filter(arn -> fields.check("tokenFrom", arn.startsWith("arn:aws:ssm:")
                || arn.startsWith("arn:aws:secretsmanager:") ? Optional.empty()
                : Optional.of("expected the ARN of an SSM parameter or a Secrets Manager secret")));
        int interval = fields.get("interval").flatMap(n -> Durations.read(context, n, "spec.telemetry.interval"))
                .filter(d -> fields.check("interval", d.compareTo(MIN) >= 0 && d.compareTo(MAX) <= 0 ? Optional.empty()
                        : Optional.of("expected between 2s and 5m")))
                .map(d -> (int) d.toSeconds()).orElse(Telemetry.DEFAULT_INTERVAL_SECONDS);
        if (!spec.has("executionRoleArn")) {
            context.report(spec.positionOf("telemetry"), "spec.executionRoleArn", "telemetry needs spec.executionRoleArn:"
                    + " ECS reads tokenFrom with the task execution role");
        }
        if (endpoint.isEmpty() || tokenFrom.isEmpty()) {
            return Optional.empty();
        }
        URI uri = endpoint.get();
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return Optional.of(new Telemetry(uri.getScheme(), uri.getHost(), port, tokenFrom.get(), interval));
    }

    private static Optional<URI> endpoint(Context context, Fields fields, String text) {
        try {
            URI uri = new URI(text);
            boolean ok = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                    && uri.getQuery() == null && uri.getUserInfo() == null;
            if (ok) {
                return Optional.of(uri);
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        context.report(fields.positionOf("endpoint"), "spec.telemetry.endpoint",
                "expected http:// or https:// with a host and optional port, no path, e.g. https://logship.internal:8443");
        return Optional.empty();
    }
}
