package dev.logship.aws;

/**
 * Where Prometheus scrapes one forwarder on one node: the host of the node's {@value
 * EcsScrapeTargets#ADDRESS} attribute and the port the forwarder's own task renders for Fluent Bit's
 * HTTP server ({@code spec.prometheusMetrics}: 2020 or the health check's port), so two forwarders
 * on a node are each scraped at their own port. A {@code host:port} attribute's port is ignored:
 * only a rendered port is known to serve metrics, and a forwarder without one is not listed at all
 * (a port the operator's own Fluent Bit serves is not logship's to guess at).
 */
final class ScrapeAddress {
    private ScrapeAddress() {}

    /** {@code host:port}; {@code attribute} is {@code host}, {@code host:port}, an IPv6 address or {@code [v6]:port}. */
    static String of(String attribute, int renderedPort) {
        if (renderedPort < 1 || renderedPort > 65535) {
            throw new IllegalArgumentException("a forwarder without a rendered metrics port is not scraped");
        }
        String value = attribute.strip();
        int colon = value.lastIndexOf(':');
        boolean v6 = value.indexOf(':') != colon;
        boolean hasPort = colon > 0 && (!v6 || value.startsWith("[") && value.charAt(colon - 1) == ']');
        String host = hasPort ? value.substring(0, colon) : v6 && !value.startsWith("[") ? "[" + value + "]" : value;
        return host + ":" + renderedPort;
    }
}
