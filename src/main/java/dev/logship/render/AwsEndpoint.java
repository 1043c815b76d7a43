package dev.logship.render;

import dev.logship.render.FluentBitPipeline.Builder;
import java.net.URI;

/**
 * A route's {@code endpoint} override for AWS kinds. cloudwatch_logs and kinesis_firehose take a
 * host name only (they strip https:// and always speak TLS) with the port in the output's
 * {@code port}; s3 takes the whole URL (plain http works there). Measured with v5.1.1.
 */
final class AwsEndpoint {
    private AwsEndpoint() {}

    static void hostAndPort(Builder out, String endpoint) {
        if (endpoint == null) {
            return;
        }
        URI uri = URI.create(endpoint);
        out.p("endpoint", uri.getHost());
        if (uri.getPort() > 0) {
            out.p("port", String.valueOf(uri.getPort()));
        }
    }

    /** arn:aws:iam::123456789012:role/x -> 123456789012; "*" when it cannot be told. */
    static String account(String roleArn) {
        if (roleArn == null) {
            return "*";
        }
        String[] parts = roleArn.split(":");
        return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : "*";
    }

    /** arn:aws or arn:aws-cn / arn:aws-us-gov, from the region. */
    static String partition(String region) {
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
