package dev.logship.render;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import dev.logship.render.FluentBitPipeline.Builder;
import java.util.Map;

/** splunk: the HTTP Event Collector; the HEC token comes from an ECS secret, each record is one event. */
record SplunkOutput(Destination.Splunk route, int index) implements RouteOutput {
    public String kind() { return route.kind(); }

    public String plugin() { return "splunk"; }

    public RouteMatch match() { return route.match(); }

    public void properties(Builder out, long bufferShare) {
        out.p("host", route.host()).p("port", String.valueOf(route.port()));
        if (route.tls()) {
            RouteOutput.tls(out);
        }
        out.p("splunk_token", "${" + RouteOutput.variable(index, "TOKEN") + "}")
                .p("event_host", "$host")
                .p("event_source", "$container")
                .p("retry_limit", "no_limits").p("storage.total_limit_size", String.valueOf(bufferShare));
    }

    public Map<String, String> secrets() {
        return Map.of(RouteOutput.variable(index, "TOKEN"), route.token().valueFrom());
    }

    public String target() {
        return (route.tls() ? "https://" : "http://") + route.host() + ":" + route.port();
    }
}
