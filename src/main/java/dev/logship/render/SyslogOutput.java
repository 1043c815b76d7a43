package dev.logship.render;

import dev.logship.model.RouteMatch;
import dev.logship.render.FluentBitPipeline.Builder;
import java.util.Map;

/**
 * syslog: RFC 5424 to a route URI's host and port, both read from {@code ${...}} variables set
 * by {@link FluentBitRoutes} (environment for literal routes, ECS secrets for uriFrom).
 */
record SyslogOutput(FluentBitRoutes.Route route, Map<String, String> environment, Map<String, String> secrets)
        implements RouteOutput {
    public String kind() { return "syslog"; }

    public String plugin() { return "syslog"; }

    public RouteMatch match() { return RouteMatch.ALL; }

    public void properties(Builder output, long bufferShare) {
        // warn: at info the syslog output logs "setup done for HOST:PORT", and the route is a secret.
        output.p("log_level", "warn")
                .p("host", "${" + route.hostVariable() + "}")
                .p("port", "${" + route.portVariable() + "}")
                .p("mode", route.mode());
        if (route.mode().equals("tls")) {
            output.p("tls", "on").p("tls.verify", "on").p("tls.verify_hostname", "on")
                    // TLS 1.3 servers send session tickets after the handshake; the syslog output never reads,
                    // so they sit unread and closing the socket (kill, OOM, shutdown, connection recycling)
                    // sends a reset that discards lines still in the send buffer (docs/fluent-bit.md).
                    .p("tls.max_version", "TLSv1.2").p("tls.ciphers", FluentBitAgent.TLS12_CIPHERS);
        }
        if (!route.mode().equals("udp")) {
            // Fluent Bit otherwise cuts TCP/TLS messages at 2,048 bytes: a joined 16 KiB line or stack trace must fit.
            output.p("syslog_maxsize", String.valueOf(FluentBitAgent.MAX_MESSAGE));
        }
        output.p("syslog_format", "rfc5424")
                .p("syslog_message_key", "message")
                .p("syslog_hostname_key", "host")
                .p("syslog_appname_key", "app")
                .p("syslog_severity_key", "severity")
                .p("retry_limit", "no_limits")
                .p("storage.total_limit_size", String.valueOf(bufferShare));
    }

    /** Host and port are the secret of a syslog route: only the scheme shows. */
    public String target() {
        return route.scheme() + "://" + Secrets.MASK + ":" + Secrets.MASK;
    }
}
