package dev.logship.manifest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What ECS and AWS accept, checked before anything is sent: each returns the complaint, if any. */
final class EcsRules {
    static final int MAX_NAME = 255;
    static final String FAMILY_PREFIX = "logship-";
    static final int MAX_TAGS = 50;
    /** Tags logship adds to a service (managed-by, owner, forwarder, content-hash); task definitions get three. */
    static final int LOGSHIP_TAGS = 4;
    static final int CPU_MAX = 10240;
    static final int MEMORY_MIN = 6;
    static final int MAX_PLACEMENT_CONSTRAINTS = 10;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern CLUSTER_ARN =
            Pattern.compile("arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}:cluster/[A-Za-z0-9_-]{1,255}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SSM_NAME = Pattern.compile("(arn:aws[a-z-]*:ssm:[a-z0-9-]+:\\d{12}:parameter)?/?[A-Za-z0-9_.\\-/]{1,2011}");
    /** AWS tag characters: letters, numbers, spaces and + - = . _ : / @. */
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    static final int MAX_TAG_VALUE = 256;
    private static final Pattern SECRET_ARN = Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@:-]+");

    private EcsRules() {}

    static Optional<String> name(String name, int maxLength) {
        if (name.isEmpty() || name.length() > maxLength || !NAME.matcher(name).matches()) {
            return Optional.of("\"" + name + "\" is not a valid name: expected 1 to " + maxLength
                    + " letters, numbers, hyphens or underscores");
        }
        return Optional.empty();
    }

    /** Forwarder names become the service name and, prefixed, the task definition family. */
    static Optional<String> forwarderName(String name) {
        return name(name, MAX_NAME - FAMILY_PREFIX.length());
    }

    static Optional<String> clusterName(String clusterName) {
        if (clusterName.startsWith("arn:")) {
            return CLUSTER_ARN.matcher(clusterName).matches() ? Optional.empty()
                    : Optional.of("expected an ECS cluster name or ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME)");
        }
        return name(clusterName, MAX_NAME);
    }

    static Optional<String> region(String region) {
        return REGION.matcher(region).matches() ? Optional.empty()
                : Optional.of("\"" + region + "\" is not an AWS region: expected e.g. us-east-1");
    }

    static Optional<String> roleArn(String arn) {
        return ROLE_ARN.matcher(arn).matches() ? Optional.empty()
                : Optional.of("expected an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
    }

    static Optional<String> envName(String name) {
        return ENV_NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("\"" + name + "\" is not a valid environment variable name: expected letters, digits and _ , not starting with a digit");
    }

    static Optional<String> ssmParameter(String name) {
        return SSM_NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("expected an SSM parameter name (/logship/papertrail-route) or ARN");
    }

    static Optional<String> secretArn(String arn) {
        return SECRET_ARN.matcher(arn).matches() ? Optional.empty()
                : Optional.of("expected a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)");
    }

    static Optional<String> tagKey(String key) {
        if (key.isEmpty() || key.length() > 128) {
            return Optional.of("tag keys must be 1 to 128 characters, got " + key.length());
        }
        if (!TAG_TEXT.matcher(key).matches()) {
            return Optional.of("tag keys may contain only letters, numbers, spaces and + - = . _ : / @");
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            return Optional.of("the aws: prefix is reserved for AWS");
        }
        if (key.startsWith("logship.dev/")) {
            return Optional.of("the logship.dev/ prefix is reserved for logship's ownership tags");
        }
        return Optional.empty();
    }

    static Optional<String> tagValue(String value) {
        if (value.length() > MAX_TAG_VALUE) {
            return Optional.of("tag values must be at most " + MAX_TAG_VALUE + " characters, got " + value.length());
        }
        return TAG_TEXT.matcher(value).matches() ? Optional.empty()
                : Optional.of("tag values may contain only letters, numbers, spaces and + - = . _ : / @");
    }

    /** An image must name a version: an untagged or :latest image changes under a running cluster. */
    static Optional<String> image(String image) {
        if (image.isBlank() || image.length() > 255 || image.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("expected an image reference like " + Defaults.IMAGE);
        }
        if (image.contains("@sha256:")) {
            return Optional.empty();
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.indexOf(':');
        if (colon < 0) {
            return Optional.of("image has no tag, which means :latest; pin a version, e.g. " + Defaults.IMAGE);
        }
        if (lastSegment.substring(colon + 1).equals("latest")) {
            return Optional.of(":latest is not allowed; pin a version, e.g. " + Defaults.IMAGE);
        }
        return Optional.empty();
    }
}
