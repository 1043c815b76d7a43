package dev.logship.bench;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.aws.RateLimits;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** local-ecs servers and logship's AWS adapter pointed at them, as the bench sets them up. */
final class Ecs {
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));

    private Ecs() {}

    /** A local-ecs with these clusters; {@code timeScale} > 0 switches ECS's token buckets on at that speed. */
    static LocalEcsServer start(Map<String, Integer> nodes, double throttleTimeScale) {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(50)).clusters(nodes);
        if (throttleTimeScale > 0) {
            config.throttle(true).timeScale(throttleTimeScale);
        }
        return LocalEcsServer.start(config.build());
    }

    static AwsEcsGateways gateways(URI endpoint, RateLimits limits) {
        return new AwsEcsGateways(new AwsSettings(endpoint, CREDENTIALS, limits, 12));
    }

    /** As {@link #gateways}, with each Cluster's roleArn assumed through local-ecs's STS (its calls count against the role's account). */
    static AwsEcsGateways gatewaysAssumingRoles(URI endpoint, RateLimits limits) {
        return new AwsEcsGateways(new AwsSettings(endpoint, CREDENTIALS, limits, 12).withAssumeRoles(AwsSettings.AssumeRoles.ALWAYS));
    }

    /** Sum of calls local-ecs received for the given actions. */
    static long calls(Map<String, Long> counts, String... actions) {
        long n = 0;
        for (String a : actions) {
            n += counts.getOrDefault(a, 0L);
        }
        return n;
    }
}
