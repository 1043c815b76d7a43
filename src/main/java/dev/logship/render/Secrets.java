package dev.logship.render;

import java.util.Collection;
import java.util.Comparator;

/**
 * Masking for route URIs and other secrets before anything is printed or logged. A route's
 * host and port are the whole secret for Papertrail, so both go; the scheme stays so people
 * can still tell routes apart.
 */
public final class Secrets {
    public static final String MASK = "****";

    private Secrets() {}

    /** {@code syslog+tls://logs3.papertrailapp.com:12345?filter.name=x} -> {@code syslog+tls://****:****?filter.name=****}. */
    public static String maskRoute(String uri) {
        if (uri == null) {
            return null;
        }
        int separator = uri.indexOf("://");
        if (separator < 0) {
            return MASK;
        }
        String masked = uri.substring(0, separator) + "://" + MASK + ":" + MASK;
        int query = uri.indexOf('?', separator);
        if (query < 0) {
            return masked;
        }
        StringBuilder options = new StringBuilder();
        for (String pair : uri.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            options.append(options.length() == 0 ? "?" : "&")
                    .append(equals < 0 ? pair : pair.substring(0, equals) + "=" + MASK);
        }
        return masked + options;
    }

    /** Several comma-separated routes, as in logspout's command or ROUTE_URIS. */
    public static String maskRoutes(String routes) {
        return routes == null ? null : String.join(",", java.util.Arrays.stream(routes.split(",", -1))
                .map(Secrets::maskRoute).toList());
    }

    /** Replaces every occurrence of every (non-blank) secret in text, longest first. */
    public static String maskAll(String text, Collection<String> secrets) {
        if (text == null || secrets == null) {
            return text;
        }
        String result = text;
        for (String secret : secrets.stream().filter(s -> s != null && !s.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
