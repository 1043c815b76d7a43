package dev.logship.manifest;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A typed item of {@code spec.routes}: one kind key ({@code cloudwatchLogs: {...}}, {@code s3: {...}}, ...)
 * and an optional {@code match}. Only agent fluentBit has typed routes.
 */
final class DestinationReader {
    static final List<String> KINDS = List.of("cloudwatchLogs", "s3", "firehose", "otlp", "splunk", "datadog", "loki", "http");
    private static final List<String> ITEM_FIELDS;

    static {
        List<String> fields = new ArrayList<>(KINDS);
        fields.add("match");
        ITEM_FIELDS = List.copyOf(fields);
    }

    private DestinationReader() {}

    /** True when the mapping names a kind or a match: a typed route, possibly with mistakes in it. */
    static boolean looksTyped(MappingNode mapping) {
        return mapping.getValue().stream().anyMatch(tuple -> tuple.getKeyNode() instanceof ScalarNode key
                && ITEM_FIELDS.contains(key.getValue()));
    }

    static Optional<Destination> read(Context context, Node item, String field, Agent agent) {
        Optional<Fields> maybe = Fields.of(context, item, field, ITEM_FIELDS);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields route = maybe.get();
        List<String> kinds = KINDS.stream().filter(route::has).toList();
        if (kinds.size() != 1) {
            context.report(route.position(), field, kinds.isEmpty() ? "expected one destination: one of " + KINDS
                    : "expected one destination per route item, got " + kinds + ": write one item each");
            return Optional.empty();
        }
        if (agent != Agent.FLUENT_BIT) {
            context.report(route.position(), field, kinds.get(0) + " routes need spec.agent: fluentBit "
                    + "(logspout sends only to syslog and raw URIs)");
            return Optional.empty();
        }
        RouteMatch match = RouteMatchReader.read(context, route, field);
        String kind = kinds.get(0);
        String kindField = field + "." + kind;
        List<String> known = AwsRouteReader.FIELDS.containsKey(kind) ? AwsRouteReader.FIELDS.get(kind)
                : HttpRouteReader.FIELDS.get(kind);
        return Fields.of(context, route.get(kind).orElseThrow(), kindField, known).flatMap(f ->
                AwsRouteReader.FIELDS.containsKey(kind) ? AwsRouteReader.read(kind, f, match)
                        : HttpRouteReader.read(context, kind, f, kindField, match));
    }
}
