package dev.logship.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code spec.agent} and the fields only one agent understands, and reports a field
 * written for the other agent instead of silently ignoring it.
 */
final class AgentReader {
    static final List<String> FIELDS = List.of("agent", "multiline", "exclude", "bufferLimit");
    private static final Pattern CONTAINER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,13})([KMG]?)");
    /**
     * Fluent Bit buffers in chunks of about 2 MiB and evicts whole chunks; with a limit near one
     * chunk per route, an outage can keep nothing, not even the newest line (measured with the real
     * binary at 1M, docs/fluent-bit.md). 8M keeps several chunks per route.
     */
    static final long MIN_BUFFER_PER_ROUTE = 8L << 20;
    private static final long MIN_BUFFER = MIN_BUFFER_PER_ROUTE;
    private static final long MAX_BUFFER = 1L << 40;

    private AgentReader() {}

    static AgentSettings read(Context context, Fields fields) {
        Agent agent = fields.string("agent").map(value -> {
            Agent known = Agent.fromYaml(value);
            if (known == null) {
                String hint = Suggestions.closest(value, Agent.yamlNames()).map(s -> "; did you mean " + s + "?").orElse("");
                context.report(fields.positionOf("agent"), "spec.agent",
                        "unknown agent \"" + value + "\": expected one of " + Agent.yamlNames() + hint);
            }
            return known;
        }).orElse(fields.has("agent") ? null : Agent.LOGSPOUT);
        Multiline multiline = fields.string("multiline").map(value -> {
            Multiline known = Multiline.fromYaml(value);
            if (known == null) {
                context.report(fields.positionOf("multiline"), "spec.multiline",
                        "unknown multiline \"" + value + "\": expected one of " + Multiline.yamlNames());
            }
            return known;
        }).orElse(Multiline.NONE);
        List<String> exclude = exclude(context, fields);
        long bufferLimit = bufferLimit(context, fields);
        if (agent == Agent.LOGSPOUT) {
            onlyFluentBit(context, fields, "multiline", "logspout joins lines only through a multiline+ route scheme");
            onlyFluentBit(context, fields, "exclude", "logspout excludes by Docker label: use spec.excludeLabels");
            onlyFluentBit(context, fields, "bufferLimit", "logspout keeps nothing on disk while the endpoint is down");
            onlyFluentBit(context, fields, "prometheusMetrics", "logspout has no metrics endpoint");
        } else if (agent == Agent.FLUENT_BIT) {
            onlyLogspout(context, fields, "excludeLabels", "Fluent Bit reads log files, which carry no Docker labels: "
                    + "use spec.exclude with ECS container names");
            onlyLogspout(context, fields, "dockerSocket", "Fluent Bit reads /var/lib/docker/containers, not the Docker socket");
        }
        return new AgentSettings(agent == null ? Agent.LOGSPOUT : agent, multiline == null ? Multiline.NONE : multiline,
                exclude, bufferLimit, fields.positionOf("agent"))
                .withPrometheusMetrics(agent == Agent.FLUENT_BIT && fields.bool("prometheusMetrics").orElse(false));
    }

    private static void onlyFluentBit(Context context, Fields fields, String field, String why) {
        if (fields.has(field)) {
            context.report(fields.positionOf(field), "spec." + field, field + " only applies to agent: fluentBit ("
                    + why + "); set spec.agent: fluentBit or remove it");
        }
    }

    private static void onlyLogspout(Context context, Fields fields, String field, String why) {
        if (fields.has(field)) {
            context.report(fields.positionOf(field), "spec." + field, field + " only applies to agent: logspout ("
                    + why + ")");
        }
    }

    /** Names go into the pipeline's filter as they are, so only ECS container-name characters. */
    private static List<String> exclude(Context context, Fields fields) {
        List<String> names = new ArrayList<>();
        fields.get("exclude").flatMap(node -> Values.stringList(context, node, "spec.exclude")).ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                if (!CONTAINER_NAME.matcher(list.get(i)).matches()) {
                    context.report(fields.positionOf("exclude"), "spec.exclude[" + i + "]",
                            "expected an ECS container name (letters, digits, '-' and '_', up to 255)");
                } else if (!names.contains(list.get(i))) {
                    names.add(list.get(i));
                }
            }
        });
        return names;
    }

    /** Bytes, or a number with K, M or G (powers of 1024): {@code 536870912} or {@code 512M}. */
    private static long bufferLimit(Context context, Fields fields) {
        Optional<Node> node = fields.get("bufferLimit");
        if (node.isEmpty()) {
            return Defaults.BUFFER_LIMIT;
        }
        String expected = "expected a size from 8M to 1024G: bytes, or a number with K, M or G (powers of 1024), e.g. 512M";
        if (!(node.get() instanceof ScalarNode scalar)
                || !(Tag.INT.equals(scalar.getTag()) || Tag.STR.equals(scalar.getTag()))) {
            context.report(node.get(), "spec.bufferLimit", expected);
            return Defaults.BUFFER_LIMIT;
        }
        Matcher m = SIZE.matcher(scalar.getValue().trim().toUpperCase(Locale.ROOT));
        long bytes = -1;
        if (m.matches()) {
            int shift = switch (m.group(2)) { case "K" -> 10; case "M" -> 20; case "G" -> 30; default -> 0; };
            long n = Long.parseLong(m.group(1));
            bytes = n > (MAX_BUFFER >> shift) ? Long.MAX_VALUE : n << shift;
        }
        if (bytes < MIN_BUFFER || bytes > MAX_BUFFER) {
            context.report(node.get(), "spec.bufferLimit", expected + ", got " + scalar.getValue());
            return Defaults.BUFFER_LIMIT;
        }
        return bytes;
    }

    /** The limit is split evenly over the routes (one disk buffer each): each share must hold several chunks. */
    static void checkShare(Context context, Fields fields, AgentSettings agent, int routes) {
        if (!agent.fluentBit() || routes < 2 || !fields.has("bufferLimit")
                || agent.bufferLimit() / routes >= MIN_BUFFER_PER_ROUTE) {
            return;
        }
        context.report(fields.positionOf("bufferLimit"), "spec.bufferLimit", "the limit is split over the " + routes
                + " routes, " + (agent.bufferLimit() / routes >> 20) + "M each: expected at least 8M per route, so at least "
                + (routes * (MIN_BUFFER_PER_ROUTE >> 20)) + "M");
    }
}
