package dev.logship.manifest;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import dev.logship.model.SecretRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The HTTP kinds of typed routes: otlp, splunk, datadog, loki, http. Their credentials come from ECS secrets. */
final class HttpRouteReader {
    static final Map<String, List<String>> FIELDS = Map.of(
            "otlp", List.of("endpoint", "headersFrom"),
            "splunk", List.of("host", "port", "tls", "tokenFrom"),
            "datadog", List.of("site", "apiKeyFrom", "service", "endpoint"),
            "loki", List.of("host", "port", "tls", "labels"),
            "http", List.of("uri", "format"));
    /** Fluent Bit's http output formats (help.json: format). */
    static final List<String> HTTP_FORMATS = List.of("json", "json_lines", "json_stream", "msgpack", "gelf");
    static final List<String> DATADOG_SITES = List.of("datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com",
            "datadoghq.eu", "ddog-gov.com", "ap1.datadoghq.com", "ap2.datadoghq.com");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");

    private HttpRouteReader() {}

    static Optional<Destination> read(Context context, String kind, Fields f, String field, RouteMatch match) {
        return switch (kind) {
            case "otlp" -> {
                Optional<String> endpoint = f.requiredString("endpoint", "an http(s):// URL of the collector")
                        .filter(e -> f.check("endpoint", Endpoints.url(e, true, true)));
                Map<String, SecretRef> headers = f.has("headersFrom") ? HeadersReader.read(context, f, field + ".headersFrom")
                        : Map.of();
                yield endpoint.map(e -> new Destination.Otlp(e, headers, match));
            }
            case "splunk" -> {
                Optional<String> host = host(f);
                int port = f.integer("port", 1, 65535).orElse(8088);
                boolean tls = f.bool("tls").orElse(true);
                Optional<SecretRef> token = SecretRefReader.read(context, f, "tokenFrom", field + ".tokenFrom");
                yield host.isEmpty() || token.isEmpty() ? Optional.empty()
                        : Optional.of(new Destination.Splunk(host.get(), port, tls, token.get(), match));
            }
            case "datadog" -> {
                Optional<String> site = f.requiredString("site", "one of " + DATADOG_SITES)
                        .filter(s -> f.check("site", DATADOG_SITES.contains(s) ? Optional.empty()
                                : Optional.of("expected one of " + DATADOG_SITES)));
                Optional<SecretRef> key = SecretRefReader.read(context, f, "apiKeyFrom", field + ".apiKeyFrom");
                Optional<String> service = f.string("service").filter(s -> f.check("service", Templates.check(s)
                        .or(() -> Templates.perRecord(s) ? Optional.of("Fluent Bit's datadog output sets one service per "
                                + "route (dd_service), not per record: use text and {forwarder} only; each record carries its "
                                + "container as an attribute") : Optional.empty())));
                String endpoint = f.string("endpoint").filter(e -> f.check("endpoint", Endpoints.url(e, true, false)))
                        .orElse(null);
                yield site.isEmpty() || key.isEmpty() || (f.has("service") && service.isEmpty())
                        || (f.has("endpoint") && endpoint == null) ? Optional.empty()
                        : Optional.of(new Destination.Datadog(site.get(), key.get(), service.orElse(null), endpoint, match));
            }
            case "loki" -> {
                Optional<String> host = host(f);
                Integer port = f.integer("port", 1, 65535).orElse(null);
                boolean tls = f.bool("tls").orElse(false);
                Map<String, String> labels = labels(context, f, field + ".labels");
                yield host.map(h -> new Destination.Loki(h, port, tls, labels, match));
            }
            default -> {
                Optional<String> uri = f.requiredString("uri", "an http(s):// URL")
                        .filter(u -> f.check("uri", Endpoints.url(u, true, true)));
                Optional<String> format = f.requiredString("format", "one of " + HTTP_FORMATS)
                        .filter(x -> f.check("format", HTTP_FORMATS.contains(x) ? Optional.empty()
                                : Optional.of("expected one of " + HTTP_FORMATS + " (Fluent Bit's http output formats)")));
                yield uri.isEmpty() || format.isEmpty() ? Optional.empty()
                        : Optional.of(new Destination.Http(uri.get(), format.get(), match));
            }
        };
    }

    private static Optional<String> host(Fields f) {
        return f.requiredString("host", "a host name").filter(h -> f.check("host", Endpoints.host(h)));
    }

    /** Loki label values are literal text or exactly one template: Fluent Bit's labels take a key=value or key=$accessor. */
    private static Map<String, String> labels(Context context, Fields f, String field) {
        Map<String, String> labels = new LinkedHashMap<>();
        f.get("labels").flatMap(node -> Values.stringMap(context, node, field)).ifPresent(entries ->
                entries.forEach((key, value) -> {
                    Optional<String> complaint = LABEL.matcher(key.getValue()).matches()
                            ? Templates.check(value).or(() -> oneTemplateOrText(value))
                            : Optional.of("a Loki label name is letters, digits and _, not starting with a digit");
                    complaint.ifPresentOrElse(message -> context.report(key, field + "." + key.getValue(), message),
                            () -> labels.put(key.getValue(), value));
                }));
        return labels;
    }

    private static Optional<String> oneTemplateOrText(String value) {
        return !Templates.perRecord(value) || value.matches("\\{[A-Za-z]+}") ? Optional.empty()
                : Optional.of("a Loki label value is text or exactly one template like {container} (Fluent Bit "
                + "takes a fixed value or one record field)");
    }

    static boolean header(String name) {
        return HEADER.matcher(name).matches();
    }
}
