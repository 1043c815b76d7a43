package dev.logship.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How to reach ECS: an endpoint override ({@code --ecs-endpoint}, else the environment
 * variable {@code AWS_ENDPOINT_URL_ECS}, else AWS's own endpoint), base credentials (null:
 * the SDK's default chain), client-side rate limits, the SDK's retry attempts and when a
 * Cluster's roleArn is assumed.
 */
public record AwsSettings(URI endpoint, AwsCredentialsProvider credentials, RateLimits rateLimits, int maxAttempts,
        AssumeRoles assumeRoles) {
    public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_ECS";

    /**
     * When a Cluster's roleArn is assumed. AUTO: except against a loopback endpoint (an
     * emulator may have no STS). ALWAYS: everywhere; against a loopback endpoint STS is asked
     * at that same endpoint (local-ecs serves STS on its ECS port).
     */
    public enum AssumeRoles { AUTO, ALWAYS }

    public AwsSettings(URI endpoint, AwsCredentialsProvider credentials, RateLimits rateLimits, int maxAttempts) {
        this(endpoint, credentials, rateLimits, maxAttempts, AssumeRoles.AUTO);
    }

    public AwsSettings {
        rateLimits = rateLimits == null ? RateLimits.ecsDefaults() : rateLimits;
        assumeRoles = assumeRoles == null ? AssumeRoles.AUTO : assumeRoles;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** Settings from the {@code --ecs-endpoint} option (may be null) and the environment. */
    public static AwsSettings of(String endpointOption, Map<String, String> environment) {
        return of(endpointOption, null, environment);
    }

    /** Settings from {@code --ecs-endpoint} and {@code --assume-roles} (either may be null) and the environment. */
    public static AwsSettings of(String endpointOption, AssumeRoles assumeRoles, Map<String, String> environment) {
        return ofEndpoint(endpointOption, environment).withAssumeRoles(assumeRoles);
    }

    private static AwsSettings ofEndpoint(String endpointOption, Map<String, String> environment) {
        String endpoint = endpointOption != null && !endpointOption.isBlank() ? endpointOption : environment.get(ENDPOINT_VARIABLE);
        return new AwsSettings(endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim()), null,
                RateLimits.ecsDefaults().withTimeScale(benchTimeScale()), 12);
    }

    /**
     * For benchmarks only (not an option): {@code -Dlogship.ecs.timeScale=N} paces N times faster
     * than ECS's rates, to match a local-ecs started with {@code --time-scale N}.
     */
    private static double benchTimeScale() {
        String value = System.getProperty("logship.ecs.timeScale");
        return value == null ? 1.0 : Double.parseDouble(value);
    }

    public AwsSettings withCredentials(AwsCredentialsProvider provider) {
        return new AwsSettings(endpoint, provider, rateLimits, maxAttempts, assumeRoles);
    }

    public AwsSettings withRateLimits(RateLimits limits) {
        return new AwsSettings(endpoint, credentials, limits, maxAttempts, assumeRoles);
    }

    public AwsSettings withAssumeRoles(AssumeRoles when) {
        return new AwsSettings(endpoint, credentials, rateLimits, maxAttempts, when);
    }

    /** Whether a Cluster's roleArn (non-blank) is assumed with these settings. */
    boolean assumes(String roleArn) {
        return roleArn != null && !roleArn.isBlank() && (assumeRoles == AssumeRoles.ALWAYS || !endpointIsLocal());
    }

    /** A local endpoint (local-ecs) accepts any signature, so dummy credentials may stand in. */
    boolean endpointIsLocal() {
        String host = endpoint == null ? null : endpoint.getHost();
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }
}
