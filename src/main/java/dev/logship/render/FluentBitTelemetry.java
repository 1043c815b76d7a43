package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import dev.logship.manifest.Telemetry;
import dev.logship.render.FluentBitPipeline.Builder;
import dev.logship.render.FluentBitPipeline.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code spec.telemetry}: Fluent Bit reports its own metrics (records in and out per route,
 * errors, retries, drops, buffer, uptime) to serve's ingest: the {@code fluentbit_metrics} input
 * into the {@code opentelemetry} output (OTLP/HTTP protobuf), labelled with the cluster and the
 * forwarder (Fluent Bit adds the node's host name itself). Both plugins carry aliases the ingest
 * knows, so they never count as a route or a record source. The token is an ECS secret in an
 * environment variable, never in the command. The cluster label makes the task definition differ
 * per cluster, so a forwarder with telemetry registers one revision per cluster.
 */
final class FluentBitTelemetry {
    static final String INPUT_ALIAS = "logship_metrics";
    static final String OUTPUT_ALIAS = "logship_telemetry";
    static final String TAG = "logship.telemetry";
    static final String URI = "/api/v1/ingest/v1/metrics";
    static final String HOST = "LOGSHIP_TELEMETRY_HOST";
    static final String PORT = "LOGSHIP_TELEMETRY_PORT";
    static final String TOKEN = "LOGSHIP_TELEMETRY_TOKEN";

    private FluentBitTelemetry() {}

    /** The container with the telemetry plugins appended to its command (unchanged when telemetry is off). */
    static AgentContainer added(AgentContainer container, String cluster, ForwarderManifest forwarder) {
        Telemetry telemetry = forwarder.agent().telemetry();
        if (telemetry == null) {
            return container;
        }
        List<String> command = new ArrayList<>(container.command());
        command.addAll(new FluentBitPipeline(List.of(), plugins(cluster, forwarder.name(), telemetry)).commandLine());
        Map<String, String> environment = new TreeMap<>(container.environment());
        environment.put(HOST, telemetry.host());
        environment.put(PORT, String.valueOf(telemetry.port()));
        Map<String, String> secrets = new TreeMap<>(container.secrets());
        secrets.put(TOKEN, telemetry.tokenFrom());
        return new AgentContainer(container.name(), container.networkMode(), command, environment, secrets,
                container.mountPoints(), container.volumes());
    }

    /** Whether and where it reports, in words: "Fluent Bit metrics every 30 s to https://... (spec.telemetry)", or why not. */
    static String words(ForwarderManifest forwarder) {
        Telemetry telemetry = forwarder.agent().telemetry();
        if (!forwarder.agent().fluentBit()) {
            return "";
        }
        return telemetry != null ? telemetry.describe() : forwarder.agent().telemetryOff() ? "off (spec.telemetry: false)"
                : "off (no spec.telemetry, and no kind Telemetry in the tree)";
    }

    static List<FluentBitPipeline.Plugin> plugins(String cluster, String forwarder, Telemetry telemetry) {
        Builder output = new Builder(Kind.OUTPUT, "opentelemetry").p("alias", OUTPUT_ALIAS).p("match", TAG)
                // warn: at info every push logs a line; retry once: the next report supersedes a lost one.
                .p("log_level", "warn").p("retry_limit", "1")
                .p("host", "${" + HOST + "}").p("port", "${" + PORT + "}")
                .p("metrics_uri", URI)
                .p("header", "Authorization Bearer ${" + TOKEN + "}")
                .p("log_response_payload", "false")
                .p("add_label", "cluster " + cluster)
                .p("add_label", "forwarder " + forwarder);
        if (telemetry.tls()) {
            output.p("tls", "on").p("tls.verify", "on").p("tls.verify_hostname", "on");
        }
        return List.of(new Builder(Kind.INPUT, "fluentbit_metrics").p("alias", INPUT_ALIAS).p("tag", TAG)
                        .p("scrape_interval", String.valueOf(telemetry.intervalSeconds()))
                        .p("scrape_on_start", "true").build(),
                output.build());
    }
}
