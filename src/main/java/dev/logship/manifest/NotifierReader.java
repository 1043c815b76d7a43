package dev.logship.manifest;

import dev.logship.model.NotifierSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the spec of a {@code kind: Notifier}: format, where its URL comes from (never Git), which events. */
final class NotifierReader {
    /** {@code url} is known only to say why it is refused. */
    static final List<String> FIELDS = List.of("format", "urlFrom", "events", "url");
    private static final List<String> URL_FROM = List.of("env", "file");

    private NotifierReader() {}

    static Optional<NotifierManifest> read(Context context, String name, Position position, Node spec) {
        Optional<Fields> maybe = Fields.of(context, spec, "spec", FIELDS);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = maybe.get();
        if (fields.has("url")) {
            context.report(fields.positionOf("url"), "spec.url", "a notifier URL is a secret and is never read from Git:"
                    + " use urlFrom: {env: NAME} or urlFrom: {file: /path}");
        }
        NotifierSpec.Format format = fields.string("format").flatMap(value -> {
            if (!value.equals("json") && !value.equals("slack")) {
                context.report(fields.positionOf("format"), "spec.format", "expected json or slack, got \"" + value + "\"");
                return Optional.empty();
            }
            return Optional.of(NotifierSpec.Format.valueOf(value.toUpperCase(Locale.ROOT)));
        }).orElse(NotifierSpec.Format.JSON);
        Optional<NotifierSpec.UrlFrom> urlFrom = fields.required("urlFrom", "{env: NAME} or {file: /path}")
                .flatMap(node -> urlFrom(context, node));
        Set<String> events = fields.get("events").map(node -> events(context, node)).orElse(NotifierSpec.EVENTS);
        if (name == null || urlFrom.isEmpty() || fields.has("url")) {
            return Optional.empty();
        }
        return Optional.of(new NotifierManifest(new NotifierSpec(name, format, urlFrom.get(), events), position));
    }

    private static Optional<NotifierSpec.UrlFrom> urlFrom(Context context, Node node) {
        return Fields.of(context, node, "spec.urlFrom", URL_FROM).flatMap(f -> {
            Optional<String> env = f.string("env").filter(v -> f.check("env", EcsRules.envName(v)));
            Optional<String> file = f.string("file").filter(v -> f.check("file", v.startsWith("/") ? Optional.empty()
                    : Optional.of("expected an absolute path, got \"" + v + "\"")));
            if (f.has("env") == f.has("file")) {
                context.report(f.position(), "spec.urlFrom", "expected exactly one of env and file");
                return Optional.empty();
            }
            return env.isPresent() || file.isPresent()
                    ? Optional.of(new NotifierSpec.UrlFrom(env.orElse(null), file.orElse(null))) : Optional.empty();
        });
    }

    private static Set<String> events(Context context, Node node) {
        Set<String> events = new LinkedHashSet<>();
        Values.list(context, node, "spec.events", "event names").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                String field = "spec.events[" + i + "]";
                Node item = items.get(i);
                Values.string(context, item, field).ifPresent(value -> {
                    if (!NotifierSpec.EVENTS.contains(value)) {
                        String hint = Suggestions.closest(value, NotifierSpec.EVENTS).map(s -> "; did you mean " + s + "?").orElse("");
                        context.report(item, field, "unknown event \"" + value + "\": expected one of "
                                + new TreeSet<>(NotifierSpec.EVENTS) + hint);
                    } else {
                        events.add(value);
                    }
                });
            }
        });
        return events;
    }
}
