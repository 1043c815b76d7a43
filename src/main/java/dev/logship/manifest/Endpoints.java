package dev.logship.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Host names and URLs of typed routes: what Fluent Bit's host, port and uri properties can take. */
final class Endpoints {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+]");

    private Endpoints() {}

    static Optional<String> host(String host) {
        return HOST.matcher(host).matches() ? Optional.empty()
                : Optional.of("expected a host name or IP address (no scheme, port or path)");
    }

    /**
     * An http(s) URL with a host and nothing Fluent Bit cannot take: no user info (it would be
     * in the command), no fragment. {@code pathAllowed} false for AWS endpoints (host and port only).
     */
    static Optional<String> url(String value, boolean httpAllowed, boolean pathAllowed) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("expected an " + (httpAllowed ? "http or https" : "https") + " URL with a host"
                    + (pathAllowed ? ", port and path" : " and port"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("https") && !(httpAllowed && scheme.equals("http"))) {
            return Optional.of("expected " + (httpAllowed ? "an http or https" : "an https") + " URL");
        }
        if (uri.getHost() == null || host(uri.getHost()).isPresent()) {
            return Optional.of("expected a URL with a host name");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("a URL may not carry user info: it would be in the task definition; use the route's *From field");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("a URL may not have a #fragment");
        }
        if (!pathAllowed && ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null)) {
            return Optional.of("expected only scheme, host and port: Fluent Bit takes the endpoint's host and port, no path");
        }
        return Optional.empty();
    }
}
