package dev.logship.render;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import dev.logship.render.FluentBitPipeline.Builder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * http: records POSTed in the chosen format. An intake URL often is the credential (a token in
 * its path or query), so, like a syslog route, host, port and path reach Fluent Bit as
 * environment variables and the command names only {@code ${LOGSHIP_ROUTE_n_...}}.
 */
record HttpOutput(Destination.Http route, int index) implements RouteOutput {
    public String kind() { return route.kind(); }

    public String plugin() { return "http"; }

    public RouteMatch match() { return route.match(); }

    public void properties(Builder out, long bufferShare) {
        out.p("host", "${" + RouteOutput.variable(index, "HOST") + "}")
                .p("port", "${" + RouteOutput.variable(index, "PORT") + "}")
                .p("uri", "${" + RouteOutput.variable(index, "URI") + "}")
                .p("format", route.format());
        if (https()) {
            RouteOutput.tls(out);
        }
        out.p("retry_limit", "no_limits").p("storage.total_limit_size", String.valueOf(bufferShare));
    }

    public Map<String, String> environment() {
        URI uri = URI.create(route.uri());
        Map<String, String> env = new LinkedHashMap<>();
        env.put(RouteOutput.variable(index, "HOST"), uri.getHost());
        env.put(RouteOutput.variable(index, "PORT"), String.valueOf(uri.getPort() > 0 ? uri.getPort() : https() ? 443 : 80));
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        env.put(RouteOutput.variable(index, "URI"), uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
        return env;
    }

    private boolean https() {
        return route.uri().startsWith("https:");
    }

    /** Scheme and host only: the path and query may hold a token. */
    public String target() {
        URI uri = URI.create(route.uri());
        return uri.getScheme() + "://" + uri.getHost() + "/" + Secrets.MASK + " (" + route.format() + ")";
    }
}
