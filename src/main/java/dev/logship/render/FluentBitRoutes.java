package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.manifest.RouteSecret;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes for Fluent Bit's syslog output. Host and port never enter the command (visible in
 * {@code ps}): the command says {@code ${LOGSHIP_ROUTE_0_HOST}} and the value is an environment
 * variable (literal route) or an ECS secret (uriFrom). Every variable the command names is set
 * here, because Fluent Bit replaces an unset one with nothing and then sends to 127.0.0.1:514.
 */
final class FluentBitRoutes {
    static final String PREFIX = "LOGSHIP_ROUTE_";

    /** One syslog output: the scheme (decides transport and TLS) and the variables holding host and port. */
    record Route(String scheme, String hostVariable, String portVariable) {
        String mode() {
            return switch (scheme) {
                case "syslog+tcp" -> "tcp";
                case "syslog+tls" -> "tls";
                default -> "udp"; // syslog:// is UDP, as logspout reads it
            };
        }
    }

    record Resolved(List<Route> routes, Map<String, String> environment, Map<String, String> secrets) {}

    private FluentBitRoutes() {}

    static Resolved of(ForwarderManifest forwarder) {
        List<Route> routes = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String literal : forwarder.routes()) {
            URI uri = URI.create(literal);
            Route route = route(routes.size(), literal.substring(0, literal.indexOf("://")));
            environment.put(route.hostVariable(), uri.getHost());
            environment.put(route.portVariable(), String.valueOf(uri.getPort()));
            routes.add(route);
        }
        RouteSecret secret = forwarder.routeSecret();
        if (secret != null && secret.split()) {
            Route route = route(routes.size(), secret.scheme());
            secrets.put(route.hostVariable(), secret.hostFrom());
            secrets.put(route.portVariable(), secret.portFrom());
            routes.add(route);
        }
        return new Resolved(routes, environment, secrets);
    }

    private static Route route(int index, String scheme) {
        return new Route(scheme, PREFIX + index + "_HOST", PREFIX + index + "_PORT");
    }
}
