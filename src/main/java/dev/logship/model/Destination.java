package dev.logship.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A typed route of a Fluent Bit forwarder: where records go, as written in {@code spec.routes}.
 * String fields may hold templates ({@code {cluster}}, {@code {container}}, {@code {taskFamily}},
 * {@code {forwarder}}, {@code {instance}}) where the manifest allows them. Credentials are never
 * here: AWS kinds use the forwarder's task role, the others name a {@link SecretRef}.
 * {@code endpoint} (nullable) of the AWS kinds overrides the service's host (VPC endpoints, tests).
 */
public sealed interface Destination {
    RouteMatch match();

    /** The manifest's key for this kind: {@code cloudwatchLogs}, {@code s3}, ... */
    String kind();

    /** True for kinds that call AWS with the task role. */
    default boolean aws() {
        return false;
    }

    record CloudWatchLogs(String region, String logGroup, String logStream, Integer retentionDays, boolean createGroup,
                          String endpoint, RouteMatch match) implements Destination {
        public CloudWatchLogs {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(logGroup, "logGroup");
            match = match == null ? RouteMatch.ALL : match;
        }

        public String kind() { return "cloudwatchLogs"; }

        public boolean aws() { return true; }
    }

    record S3(String bucket, String prefix, String region, String compression, String endpoint, RouteMatch match)
            implements Destination {
        public S3 {
            Objects.requireNonNull(bucket, "bucket");
            prefix = prefix == null ? "" : prefix;
            Objects.requireNonNull(region, "region");
            match = match == null ? RouteMatch.ALL : match;
        }

        public String kind() { return "s3"; }

        public boolean aws() { return true; }
    }

    record Firehose(String deliveryStream, String region, String endpoint, RouteMatch match) implements Destination {
        public Firehose {
            Objects.requireNonNull(deliveryStream, "deliveryStream");
            Objects.requireNonNull(region, "region");
            match = match == null ? RouteMatch.ALL : match;
        }

        public String kind() { return "firehose"; }

        public boolean aws() { return true; }
    }

    /** {@code headers}: header name -> where its value is kept. */
    record Otlp(String endpoint, Map<String, SecretRef> headers, RouteMatch match) implements Destination {
        public Otlp {
            Objects.requireNonNull(endpoint, "endpoint");
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            match = match == null ? RouteMatch.ALL : match;
        }

        public String kind() { return "otlp"; }

        public List<SecretRef> secrets() {
            return headers.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
        }
    }

    record Splunk(String host, int port, boolean tls, SecretRef token, RouteMatch match) implements Destination {
        public Splunk {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(token, "token");
            match = match == null ? RouteMatch.ALL : match;
        }

        public String kind() { return "splunk"; }

        public List<SecretRef> secrets() { return List.of(token); }
    }

    /** {@code endpoint} (nullable) replaces the site's intake URL (a proxy, or a test). */
    record Datadog(String site, SecretRef apiKey, String service, String endpoint, RouteMatch match) implements Destination {
        public Datadog {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(apiKey, "apiKey");
            match = match == null ? RouteMatch.ALL : match;
        }

        public String kind() { return "datadog"; }

        public List<SecretRef> secrets() { return List.of(apiKey); }
    }

    record Loki(String host, Integer port, boolean tls, Map<String, String> labels, RouteMatch match) implements Destination {
        public Loki {
            Objects.requireNonNull(host, "host");
            labels = Immutable.sortedMap(labels);
            match = match == null ? RouteMatch.ALL : match;
        }

        public String kind() { return "loki"; }
    }

    /** {@code format}: Fluent Bit's http output format ({@code json}, {@code json_lines}, ...). */
    record Http(String uri, String format, RouteMatch match) implements Destination {
        public Http {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(format, "format");
            match = match == null ? RouteMatch.ALL : match;
        }

        public String kind() { return "http"; }
    }

    /** Every SecretRef this route names, in a stable order (the other kinds name none). */
    default List<SecretRef> secrets() {
        return List.of();
    }
}
