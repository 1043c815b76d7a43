package dev.logship.fluentbit.receivers;

import java.util.List;

/**
 * The destinations a node can reach, each on a loopback address of its own inside the node's
 * network namespace (port 80 plain HTTP, 443 TLS), so one can be taken down while the others stay
 * up (plus the protocol's usual port). The chroot's /etc/hosts maps the real service names (AWS's regional endpoints, Datadog's
 * intake) and the test's own names to these addresses, so a rendered command that names the real
 * endpoint reaches the receiver unchanged.
 */
public enum Destination {
    CLOUDWATCH_LOGS("cloudwatchLogs", "127.0.0.2", List.of("logs.us-east-1.amazonaws.com", "logs.eu-west-1.amazonaws.com",
            "logs.test")),
    FIREHOSE("firehose", "127.0.0.3", List.of("firehose.us-east-1.amazonaws.com", "firehose.eu-west-1.amazonaws.com",
            "firehose.test")),
    S3("s3", "127.0.0.4", List.of("s3.us-east-1.amazonaws.com", "s3.eu-west-1.amazonaws.com", "s3.test")),
    OTLP("otlp", "127.0.0.5", List.of("otel.test"), List.of(4318), List.of()),
    SPLUNK("splunk", "127.0.0.6", List.of("splunk.test"), List.of(), List.of(8088)),
    DATADOG("datadog", "127.0.0.7", List.of("http-intake.logs.datadoghq.com", "http-intake.logs.datadoghq.eu",
            "datadog.test")),
    LOKI("loki", "127.0.0.8", List.of("loki.test"), List.of(3100), List.of()),
    HTTP("http", "127.0.0.9", List.of("intake.test"));

    public static final int PLAIN_PORT = 80;
    public static final int TLS_PORT = 443;
    /** The address ECS serves task-role credentials on ({@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}). */
    public static final String ECS_CREDENTIALS_ADDRESS = "169.254.170.2";

    /** The route kind's name as the manifest spells it; also the file name of its arrivals. */
    public final String kind;
    public final String address;
    public final List<String> hostNames;
    /** The protocol's usual port where it is not 80/443 (OTLP/HTTP 4318, Loki 3100 plain; Splunk HEC 8088 TLS). */
    public final List<Integer> plainPorts;
    public final List<Integer> tlsPorts;

    Destination(String kind, String address, List<String> hostNames) {
        this(kind, address, hostNames, List.of(), List.of());
    }

    Destination(String kind, String address, List<String> hostNames, List<Integer> morePlain, List<Integer> moreTls) {
        this.kind = kind;
        this.address = address;
        this.hostNames = hostNames;
        this.plainPorts = java.util.stream.Stream.concat(java.util.stream.Stream.of(PLAIN_PORT), morePlain.stream()).toList();
        this.tlsPorts = java.util.stream.Stream.concat(java.util.stream.Stream.of(TLS_PORT), moreTls.stream()).toList();
    }

    /** The node's /etc/hosts lines for every destination. */
    public static String hostsLines() {
        StringBuilder out = new StringBuilder();
        for (Destination d : values()) {
            out.append(d.address).append(' ').append(String.join(" ", d.hostNames)).append('\n');
        }
        return out.toString();
    }

    /** Every host name, for the receivers' certificate. */
    public static List<String> allHostNames() {
        return java.util.Arrays.stream(values()).flatMap(d -> d.hostNames.stream()).toList();
    }
}
