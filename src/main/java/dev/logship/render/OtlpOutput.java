package dev.logship.render;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import dev.logship.model.SecretRef;
import dev.logship.render.FluentBitPipeline.Builder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * opentelemetry over OTLP/HTTP: the endpoint is the collector's base URL (as
 * OTEL_EXPORTER_OTLP_ENDPOINT), logs go to its {@code /v1/logs}. Each record's message is the
 * log body and its other fields attributes. Headers (authorization...) come from ECS secrets.
 */
record OtlpOutput(Destination.Otlp route, int index) implements RouteOutput {
    public String kind() { return route.kind(); }

    public String plugin() { return "opentelemetry"; }

    public RouteMatch match() { return route.match(); }

    public void properties(Builder out, long bufferShare) {
        URI uri = URI.create(route.endpoint());
        boolean https = "https".equals(uri.getScheme());
        String base = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        out.p("host", uri.getHost()).p("port", String.valueOf(uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80))
                .p("logs_uri", base + "/v1/logs")
                .p("logs_body_key", "$message")
                .p("logs_body_key_attributes", "true");
        if (https) {
            RouteOutput.tls(out);
        }
        headers().forEach((header, variable) -> out.p("header", header + " ${" + variable + "}"));
        out.p("retry_limit", "no_limits").p("storage.total_limit_size", String.valueOf(bufferShare));
    }

    /** header name -> the variable holding its value, in name order. */
    private Map<String, String> headers() {
        Map<String, String> variables = new LinkedHashMap<>();
        int i = 0;
        for (String header : new TreeMap<>(route.headers()).keySet()) {
            variables.put(header, RouteOutput.variable(index, "HEADER_" + i++));
        }
        return variables;
    }

    public Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        headers().forEach((header, variable) -> {
            SecretRef ref = route.headers().get(header);
            secrets.put(variable, ref.valueFrom());
        });
        return secrets;
    }

    public String target() {
        return route.endpoint() + (route.headers().isEmpty() ? "" : " (headers " + new TreeMap<>(route.headers()).keySet()
                + " from secrets)");
    }
}
