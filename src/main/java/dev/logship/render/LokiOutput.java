package dev.logship.render;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import dev.logship.render.FluentBitPipeline.Builder;
import java.util.StringJoiner;

/** loki: the push API; labels are fixed text or one record field each ({@code container=$container}). */
record LokiOutput(Destination.Loki route, String forwarder) implements RouteOutput {
    static final int DEFAULT_PORT = 3100;

    public String kind() { return route.kind(); }

    public String plugin() { return "loki"; }

    public RouteMatch match() { return route.match(); }

    public void properties(Builder out, long bufferShare) {
        out.p("host", route.host()).p("port", String.valueOf(port()));
        if (route.tls()) {
            RouteOutput.tls(out);
        }
        StringJoiner labels = new StringJoiner(", ");
        route.labels().forEach((name, value) -> labels.add(name + "=" + RecordFields.accessors(value, forwarder)));
        if (labels.length() > 0) {
            out.p("labels", labels.toString());
        }
        out.p("line_format", "json").p("retry_limit", "no_limits").p("storage.total_limit_size", String.valueOf(bufferShare));
    }

    private int port() {
        return route.port() == null ? DEFAULT_PORT : route.port();
    }

    public String target() {
        return (route.tls() ? "https://" : "http://") + route.host() + ":" + port();
    }
}
