package dev.logship.manifest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code spec.telemetry}: absent (the tree's {@code kind: Telemetry} default applies, if any),
 * {@code false} or {@code {enabled: false}} (off, whatever the default), else a mapping with
 * {@code endpoint}, {@code tokenFrom} and optional {@code interval} (which wins over the default).
 * Fluent Bit only; the token is an ECS secret, so the forwarder needs {@code spec.executionRoleArn}.
 * The settings' fields are read here for {@code kind: Telemetry} too.
 */
final class TelemetryReader {
    static final List<String> FIELDS = List.of("enabled", "endpoint", "tokenFrom", "interval");
    static final List<String> SETTINGS = List.of("endpoint", "tokenFrom", "interval");
    private static final Duration MIN = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofMinutes(5);

    private TelemetryReader() {}

    /** The agent with its telemetry: its own, off ({@link AgentSettings#telemetryOff()}), or unset (a default may apply). */
    static AgentSettings read(Context context, Fields spec, AgentSettings agent) {
        Optional<Node> node = spec.get("telemetry");
        if (node.isEmpty()) {
            return agent;
        }
        if (node.get() instanceof ScalarNode scalar && scalar.getValue().equals("false") || disabled(node.get())) {
            return agent.withTelemetryOff();
        }
        if (!agent.fluentBit()) {
            context.report(spec.positionOf("telemetry"), "spec.telemetry", "telemetry only applies to agent: fluentBit"
                    + " (it sends Fluent Bit's own metrics); set spec.agent: fluentBit or remove it");
            return agent;
        }
        Optional<Fields> maybe = Fields.of(context, node.get(), "spec.telemetry", FIELDS);
        if (maybe.isEmpty()) {
            return agent;
        }
        Fields fields = maybe.get();
        fields.bool("enabled"); // true, or reported
        Optional<Telemetry> telemetry = settings(context, fields, "spec.telemetry");
        if (!spec.has("executionRoleArn")) {
            context.report(spec.positionOf("telemetry"), "spec.executionRoleArn", "telemetry needs spec.executionRoleArn:"
                    + " ECS reads tokenFrom with the task execution role");
        }
        return agent.withTelemetry(telemetry.orElse(null));
    }

    /** {@code {enabled: false, ...}}: off (the other fields are not read). */
    private static boolean disabled(Node node) {
        return node instanceof MappingNode map && map.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode k
                && k.getValue().equals("enabled") && t.getValueNode() instanceof ScalarNode v && v.getValue().equals("false"));
    }

    /** endpoint, tokenFrom and interval of {@code fields} ({@code field}: their prefix in problems); empty when one is wrong. */
    static Optional<Telemetry> settings(Context context, Fields fields, String field) {
        Optional<URI> endpoint = fields.requiredString("endpoint", "serve's address as the nodes reach it, e.g. "
                + "https://logship.internal:8443").flatMap(text -> endpoint(context, fields, text, field));
        Optional<String> tokenFrom = fields.requiredString("tokenFrom", "the ARN of the SSM parameter or secret holding "
                + "serve's ingest token").filter(arn -> fields.check("tokenFrom", arn.startsWith("arn:aws:ssm:")
                || arn.startsWith("arn:aws:secretsmanager:") ? Optional.empty()
                : Optional.of("expected the ARN of an SSM parameter or a Secrets Manager secret")));
        int interval = fields.get("interval").flatMap(n -> Durations.read(context, n, field + ".interval"))
                .filter(d -> fields.check("interval", d.compareTo(MIN) >= 0 && d.compareTo(MAX) <= 0 ? Optional.empty()
                        : Optional.of("expected between 2s and 5m")))
                .map(d -> (int) d.toSeconds()).orElse(Telemetry.DEFAULT_INTERVAL_SECONDS);
        if (endpoint.isEmpty() || tokenFrom.isEmpty()) {
            return Optional.empty();
        }
        URI uri = endpoint.get();
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return Optional.of(new Telemetry(uri.getScheme(), uri.getHost(), port, tokenFrom.get(), interval));
    }

    private static Optional<URI> endpoint(Context context, Fields fields, String text, String field) {
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
        context.report(fields.positionOf("endpoint"), field + ".endpoint",
                "expected http:// or https:// with a host and optional port, no path, e.g. https://logship.internal:8443");
        return Optional.empty();
    }
}
