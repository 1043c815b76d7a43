package dev.logship.aws;

/**
 * Where Prometheus scrapes one forwarder on one node: the host of the node's {@value
 * EcsScrapeTargets#ADDRESS} attribute and the port the forwarder's own task renders for Fluent Bit's
 * HTTP server ({@code spec.prometheusMetrics}: 2020 or the health check's port), so two forwarders
 * on a node are each scraped at their own port. The attribute's port (the old way to say the health
 * check's port) counts only for a forwarder that renders none; without either, Fluent Bit's 2020.
 */
final class ScrapeAddress {
    static final int DEFAULT_PORT = 2020;

    private ScrapeAddress() {}

    /** {@code host:port}; {@code attribute} is {@code host}, {@code host:port}, an IPv6 address or {@code [v6]:port}. */
    static String of(String attribute, int renderedPort) {
        String value = attribute.strip();
        int colon = value.lastIndexOf(':');
        boolean v6 = value.indexOf(':') != colon;
        boolean hasPort = colon > 0 && (!v6 || value.startsWith("[") && value.charAt(colon - 1) == ']');
        String host = hasPort ? value.substring(0, colon) : v6 && !value.startsWith("[") ? "[" + value + "]" : value;
        int attributePort = hasPort ? port(value.substring(colon + 1)) : 0;
        int port = renderedPort > 0 ? renderedPort : attributePort > 0 ? attributePort : DEFAULT_PORT;
        return host + ":" + port;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port > 0 && port <= 65535 ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
