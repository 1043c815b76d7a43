package dev.logship.manifest;

import dev.logship.model.Destination;
import dev.logship.model.RouteMatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The AWS kinds of typed routes: cloudwatchLogs, s3, firehose. They sign with the forwarder's task role. */
final class AwsRouteReader {
    static final Map<String, List<String>> FIELDS = Map.of(
            "cloudwatchLogs", List.of("region", "logGroup", "logStream", "retentionDays", "createGroup", "endpoint"),
            "s3", List.of("bucket", "prefix", "region", "compression", "endpoint"),
            "firehose", List.of("deliveryStream", "region", "endpoint"));
    private static final List<String> COMPRESSION = List.of("gzip", "none");

    private AwsRouteReader() {}

    static Optional<Destination> read(String kind, Fields f, RouteMatch match) {
        Optional<String> region = f.requiredString("region", "an AWS region, e.g. us-east-1")
                .filter(r -> f.check("region", EcsRules.region(r)));
        String endpoint = f.string("endpoint")
                .filter(e -> f.check("endpoint", Endpoints.url(e, kind.equals("s3"), false))).orElse(null);
        boolean endpointBad = f.has("endpoint") && endpoint == null;
        return switch (kind) {
            case "cloudwatchLogs" -> cloudWatch(f, match, region, endpoint, endpointBad);
            case "s3" -> s3(f, match, region, endpoint, endpointBad);
            default -> {
                Optional<String> stream = f.requiredString("deliveryStream", "a Firehose delivery stream name")
                        .filter(s -> f.check("deliveryStream", Templates.none(s).or(() -> AwsNames.deliveryStream(s))));
                yield region.isEmpty() || stream.isEmpty() || endpointBad ? Optional.empty()
                        : Optional.of(new Destination.Firehose(stream.get(), region.get(), endpoint, match));
            }
        };
    }

    private static Optional<Destination> cloudWatch(Fields f, RouteMatch match, Optional<String> region, String endpoint,
                                                    boolean endpointBad) {
        Optional<String> group = f.requiredString("logGroup", "a log group name, e.g. /ecs/{cluster}/{container}")
                .filter(g -> f.check("logGroup", Templates.check(g)
                        .or(() -> AwsNames.logGroup(g))));
        Optional<String> stream = f.string("logStream")
                .filter(s -> f.check("logStream", Templates.check(s)
                        .or(() -> AwsNames.logStream(s))));
        Optional<Integer> retention = f.integer("retentionDays", 1, 3653)
                .filter(days -> f.check("retentionDays", AwsNames.retention(days)));
        boolean createGroup = f.bool("createGroup").orElse(false);
        if (retention.isPresent() && !createGroup) {
            f.check("retentionDays", Optional.of("Fluent Bit sets the retention only on groups it creates: "
                    + "set createGroup: true, or set the retention where the group is made"));
            return Optional.empty();
        }
        if (region.isEmpty() || group.isEmpty() || (f.has("logStream") && stream.isEmpty())
                || (f.has("retentionDays") && retention.isEmpty()) || endpointBad) {
            return Optional.empty();
        }
        return Optional.of(new Destination.CloudWatchLogs(region.get(), group.get(), stream.orElse(null),
                retention.orElse(null), createGroup, endpoint, match));
    }

    private static Optional<Destination> s3(Fields f, RouteMatch match, Optional<String> region, String endpoint,
                                            boolean endpointBad) {
        Optional<String> bucket = f.requiredString("bucket", "an S3 bucket name")
                .filter(b -> f.check("bucket", Templates.none(b).or(() -> AwsNames.bucket(b))));
        Optional<String> prefix = f.string("prefix")
                .filter(p -> f.check("prefix", Templates.check(p).or(() -> AwsNames.s3Prefix(p))));
        Optional<String> compression = f.string("compression")
                .filter(c -> f.check("compression", COMPRESSION.contains(c) ? Optional.empty()
                        : Optional.of("expected one of " + COMPRESSION)));
        if (region.isEmpty() || bucket.isEmpty() || (f.has("prefix") && prefix.isEmpty())
                || (f.has("compression") && compression.isEmpty()) || endpointBad) {
            return Optional.empty();
        }
        return Optional.of(new Destination.S3(bucket.get(), prefix.orElse(""), region.get(),
                compression.orElse("gzip"), endpoint, match));
    }
}
