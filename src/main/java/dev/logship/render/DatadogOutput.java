package dev.logship.render;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import dev.logship.render.FluentBitPipeline.Builder;
import java.net.URI;
import java.util.Map;

/** datadog: the site's log intake over HTTPS; the API key comes from an ECS secret. */
record DatadogOutput(Destination.Datadog route, String forwarder, int index) implements RouteOutput {
    public String kind() { return route.kind(); }

    public String plugin() { return "datadog"; }

    public RouteMatch match() { return route.match(); }

    public void properties(Builder out, long bufferShare) {
        if (route.endpoint() == null) {
            RouteOutput.tls(out.p("host", "http-intake.logs." + route.site()).p("port", "443"));
        } else {
            URI uri = URI.create(route.endpoint());
            boolean https = "https".equals(uri.getScheme());
            out.p("host", uri.getHost()).p("port", String.valueOf(uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80));
            if (https) {
                RouteOutput.tls(out);
            }
        }
        out.p("apikey", "${" + RouteOutput.variable(index, "APIKEY") + "}")
                .p("dd_source", "ecs")
                .p("dd_message_key", "message")
                .p("dd_tags", "forwarder:" + forwarder);
        if (route.service() != null) {
            out.p("dd_service", RecordFields.fill(route.service(), forwarder, ""));
        }
        out.p("compress", "gzip").p("retry_limit", "no_limits").p("storage.total_limit_size", String.valueOf(bufferShare));
    }

    public Map<String, String> secrets() {
        return Map.of(RouteOutput.variable(index, "APIKEY"), route.apiKey().valueFrom());
    }

    public String target() {
        return route.site() + (route.endpoint() == null ? "" : " via " + route.endpoint());
    }
}
