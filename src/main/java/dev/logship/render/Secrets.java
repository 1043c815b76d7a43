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

    /**
     * An environment value as printed without --show-secrets: masked when it holds a URI (a
     * route or endpoint: its host and port are the secret) or when its name says it is a secret
     * (the names Spring Boot's sanitizer also hides). Manifests should use uriFrom for secrets;
     * this keeps a mistaken literal one out of terminals and CI logs.
     */
    public static String maskEnvironmentValue(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.contains("://")) {
            return maskRoutes(value);
        }
        return SECRET_NAME.matcher(name).find() ? MASK : value;
    }

    private static final java.util.regex.Pattern SECRET_NAME = java.util.regex.Pattern.compile(
            "(?i)(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|ROUTE|URI|URL|ADDRESS)");

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
