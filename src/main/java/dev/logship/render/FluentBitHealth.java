package dev.logship.render;

import dev.logship.manifest.FluentBitImages;
import dev.logship.manifest.ForwarderManifest;
import dev.logship.manifest.HealthProbe;
import dev.logship.manifest.Telemetry;
import dev.logship.model.HealthCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.healthCheck}: Fluent Bit's own deep health check, asked by the container health
 * check so that ECS also sees a forwarder whose outputs fail. The service settings it needs
 * ({@code health_check}, {@code hc_*}, {@code http_listen}) have no command-line flag, so the
 * command becomes a shell that writes them to a [SERVICE]-only file and execs Fluent Bit with
 * {@code -c FILE} followed by the pipeline's arguments, passed as positional parameters and never
 * parsed by the shell. The HTTP server listens on 127.0.0.1 only (host networking: the node's
 * loopback), where the health command's curl finds it; with {@code spec.prometheusMetrics} on every
 * address of the node, so a Prometheus scrapes {@code /api/v2/metrics/prometheus} there (the health
 * check's port, else {@value #METRICS_PORT}), and without a health check {@code -H -P} turn it on.
 * <p>The images that can do this have no ENTRYPOINT ({@link FluentBitImages}), so even with the
 * check off their command starts with the program.
 */
final class FluentBitHealth {
    static final String SERVICE_FILE = "/tmp/logship-service.conf";
    static final String PATH = "/api/v1/health";
    /** ECS's health check figures: 30 s apart, 5 s to answer, 3 failures in a row; 10 s grace for the start. */
    static final int INTERVAL = 30;
    static final int TIMEOUT = 5;
    static final int RETRIES = 3;
    static final int START_PERIOD = 10;
    /** Where {@code spec.prometheusMetrics} serves Fluent Bit's metrics without a health check (Fluent Bit's default port). */
    static final int METRICS_PORT = 2020;

    private FluentBitHealth() {}

    /** The container with its command made runnable on the image, and wrapped when the check is on. */
    static AgentContainer added(AgentContainer container, ForwarderManifest forwarder) {
        if (!forwarder.agent().fluentBit()) {
            return container;
        }
        HealthProbe probe = forwarder.agent().health();
        boolean scraped = forwarder.agent().prometheusMetrics();
        List<String> command = new ArrayList<>();
        if (probe != null) {
            command.addAll(List.of("/bin/sh", "-c", script(service(probe, forwarder.agent().telemetry(), scraped)), "fluent-bit"));
        } else if (FluentBitImages.hasShell(forwarder.image())) {
            command.add(FluentBitImages.BINARY);
        }
        if (scraped && probe == null) {
            // Without the health check's [SERVICE] file the flags turn the server on, on every address of the node.
            command.addAll(List.of("-H", "-P", String.valueOf(METRICS_PORT)));
        }
        command.addAll(container.command());
        return new AgentContainer(container.name(), container.networkMode(), command, container.environment(),
                container.secrets(), container.mountPoints(), container.volumes());
    }

    /**
     * The port {@code spec.prometheusMetrics} serves Fluent Bit's metrics on, on every address of the
     * node (the health check's, else {@value #METRICS_PORT}, as {@link #added} renders it); 0 without it.
     */
    static int metricsPort(ForwarderManifest forwarder) {
        if (!forwarder.agent().fluentBit() || !forwarder.agent().prometheusMetrics()) {
            return 0;
        }
        HealthProbe probe = forwarder.agent().health();
        return probe != null ? probe.port() : METRICS_PORT;
    }

    /** The container health check, or null when {@code spec.healthCheck} is off. */
    static HealthCheck healthCheck(ForwarderManifest forwarder) {
        HealthProbe probe = forwarder.agent().health();
        if (probe == null || !forwarder.agent().fluentBit()) {
            return null;
        }
        return new HealthCheck(List.of("CMD-SHELL", "curl -fsS -o /dev/null --max-time " + (TIMEOUT - 1)
                + " http://127.0.0.1:" + probe.port() + PATH + " || exit 1"), INTERVAL, TIMEOUT, RETRIES, START_PERIOD);
    }

    /**
     * The [SERVICE] settings. Telemetry's output retries once and may fail once per report while serve
     * is away; that alone must never make the forwarder unhealthy (ECS would restart every forwarder
     * when logship is down), so its reports per period are added to the retry failures allowed.
     */
    static Map<String, String> service(HealthProbe probe, Telemetry telemetry) {
        return service(probe, telemetry, false);
    }

    /** With {@code scraped} ({@code spec.prometheusMetrics}) the same server listens on every address of the node. */
    static Map<String, String> service(HealthProbe probe, Telemetry telemetry, boolean scraped) {
        int telemetryFailures = telemetry == null ? 0
                : (probe.periodSeconds() + telemetry.intervalSeconds() - 1) / telemetry.intervalSeconds();
        Map<String, String> service = new LinkedHashMap<>();
        service.put("health_check", "on");
        service.put("hc_errors_count", String.valueOf(probe.errors()));
        service.put("hc_retry_failure_count", String.valueOf(probe.retryFailures() + telemetryFailures));
        service.put("hc_period", String.valueOf(probe.periodSeconds()));
        service.put("http_server", "on");
        service.put("http_listen", scraped ? "0.0.0.0" : "127.0.0.1");
        service.put("http_port", String.valueOf(probe.port()));
        return service;
    }

    /** Writes the settings (fixed text: no variable reaches the shell) and hands over to Fluent Bit. */
    static String script(Map<String, String> service) {
        StringBuilder conf = new StringBuilder("[SERVICE]\\n");
        service.forEach((key, value) -> conf.append("    ").append(key).append(' ').append(value).append("\\n"));
        return "printf '" + conf + "' > " + SERVICE_FILE + " && exec " + FluentBitImages.BINARY + " -c " + SERVICE_FILE
                + " \"$@\"";
    }
}
