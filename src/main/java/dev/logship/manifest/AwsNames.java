package dev.logship.manifest;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** AWS's naming rules for what typed routes name, checked before Fluent Bit would get a 400. */
final class AwsNames {
    private static final Pattern LOG_GROUP = Pattern.compile("[A-Za-z0-9._/#-]{1,512}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final Pattern DELIVERY_STREAM = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** CloudWatch Logs' PutRetentionPolicy accepts exactly these. */
    static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
            1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private AwsNames() {}

    /** Templates count as one character of their own for the rules (their values are checked by nobody but AWS). */
    static Optional<String> logGroup(String name) {
        String literal = Templates.fill(name, "x");
        if (!LOG_GROUP.matcher(literal).matches()) {
            return Optional.of("a CloudWatch Logs group name is 1-512 of letters, digits and . _ / # -");
        }
        return literal.startsWith("aws/") ? Optional.of("log group names starting with aws/ are reserved by AWS")
                : Optional.empty();
    }

    static Optional<String> logStream(String name) {
        String literal = Templates.fill(name, "x");
        return literal.isEmpty() || literal.length() > 512 || literal.contains(":") || literal.contains("*")
                ? Optional.of("a CloudWatch Logs stream name is 1-512 characters without ':' or '*'") : Optional.empty();
    }

    static Optional<String> bucket(String name) {
        if (!BUCKET.matcher(name).matches() || name.contains("..") || IP.matcher(name).matches()
                || name.startsWith("xn--") || name.endsWith("-s3alias") || name.endsWith("--ol-s3")) {
            return Optional.of("an S3 bucket name is 3-63 lowercase letters, digits, '.' and '-', starts and ends "
                    + "with a letter or digit, has no '..' and is not an IP address");
        }
        return Optional.empty();
    }

    static Optional<String> s3Prefix(String prefix) {
        String literal = Templates.fill(prefix, "x");
        if (literal.length() > 512 || literal.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\' || c == '$' || c == '%')) {
            return Optional.of("an S3 key prefix is at most 512 characters without control characters, '\\', '$' or '%' "
                    + "(Fluent Bit reads $ and % in its key format)");
        }
        return Optional.empty();
    }

    static Optional<String> deliveryStream(String name) {
        return DELIVERY_STREAM.matcher(name).matches() ? Optional.empty()
                : Optional.of("a Firehose delivery stream name is 1-64 letters, digits, '_', '.' and '-'");
    }

    static Optional<String> retention(int days) {
        return RETENTION_DAYS.contains(days) ? Optional.empty()
                : Optional.of("CloudWatch Logs keeps events for one of " + RETENTION_DAYS + " days, got " + days);
    }
}
