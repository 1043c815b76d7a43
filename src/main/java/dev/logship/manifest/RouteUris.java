package dev.logship.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * logspout route URIs: {@code [multiline+]ADAPTER[+TRANSPORT]://HOST:PORT[?filter.*=...]}.
 * Messages never repeat the URI: a Papertrail host and port are as good as a password.
 */
final class RouteUris {
    static final List<String> SCHEMES = List.of(
            "syslog", "syslog+tcp", "syslog+udp", "syslog+tls", "raw", "raw+tcp", "raw+udp", "tcp", "udp", "tls");
    static final List<String> OPTIONS = List.of(
            "filter.name", "filter.id", "filter.sources", "filter.labels", "structured_data", "append_tag");

    /** The schemes Fluent Bit's syslog output can serve, as logspout reads them (plain syslog is UDP). */
    static final List<String> FLUENT_BIT_SCHEMES = List.of("syslog", "syslog+udp", "syslog+tcp", "syslog+tls");

    private RouteUris() {}

    /** The checks for the agent that will read the route. */
    static Optional<String> check(String route, Agent agent) {
        return check(route).or(() -> agent == Agent.FLUENT_BIT ? checkFluentBit(route) : Optional.empty());
    }

    private static Optional<String> checkFluentBit(String route) {
        String scheme = route.substring(0, route.indexOf("://"));
        if (!FLUENT_BIT_SCHEMES.contains(scheme)) {
            return Optional.of("agent fluentBit supports the route schemes " + FLUENT_BIT_SCHEMES + ", not \"" + scheme
                    + "\"" + (scheme.startsWith("multiline+") ? " (use spec.multiline)" : ""));
        }
        if (route.indexOf('?') >= 0) {
            return Optional.of("agent fluentBit takes no route options after '?' (use spec.exclude to drop containers)");
        }
        return Optional.empty();
    }

    static Optional<String> check(String route) {
        int separator = route.indexOf("://");
        if (separator <= 0) {
            return Optional.of("expected a route URI like syslog+tls://HOST:PORT");
        }
        String scheme = route.substring(0, separator);
        String adapter = scheme.startsWith("multiline+") ? scheme.substring("multiline+".length()) : scheme;
        if (!SCHEMES.contains(adapter)) {
            String hint = Suggestions.closest(adapter, SCHEMES).map(s -> "; did you mean " + s + "?").orElse("");
            return Optional.of("unsupported route scheme \"" + scheme + "\": expected one of " + SCHEMES
                    + " (optionally prefixed with multiline+)" + hint);
        }
        URI uri;
        try {
            uri = new URI(route);
        } catch (URISyntaxException e) {
            return Optional.of("route is not a valid URI (" + e.getReason() + ")");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("route must not carry user:password; logspout ignores it");
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        boolean numericPort = authority.matches(".*:[0-9]+");
        // java.net.URI takes any port that fits an int, and one that does not leaves no host: check the range here.
        if (numericPort && (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) && !authority.startsWith(":")) {
            return Optional.of("route port must be 1-65535: " + scheme + "://HOST:PORT");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("route needs a host: " + scheme + "://HOST:PORT");
        }
        if (uri.getPort() < 1) {
            return Optional.of("route needs a port: " + scheme + "://HOST:PORT");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            return Optional.of("route must not have a path after HOST:PORT");
        }
        return uri.getRawQuery() == null ? Optional.empty() : checkQuery(uri.getRawQuery());
    }

    private static Optional<String> checkQuery(String query) {
        String[] pairs = query.split("&");
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!OPTIONS.contains(key)) {
                // The query is part of the secret route: quote a key only when it is a typo of a
                // known option; anything else is withheld (it could be a host pasted in the wrong place).
                Optional<String> closest = Suggestions.closest(key, OPTIONS);
                return Optional.of(closest.map(s -> "unknown route option \"" + key + "\"; did you mean " + s + "?")
                        .orElse("unknown route option (option " + (i + 1) + " after ?); expected one of " + OPTIONS));
            }
        }
        return Optional.empty();
    }
}
