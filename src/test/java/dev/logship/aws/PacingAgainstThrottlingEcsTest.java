package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.sync.ClusterSynchronizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rollout bigger than ECS's burst (40 registrations against a bucket of 20) against a
 * local-ecs that enforces ECS's buckets, with and without logship's client-side pacing.
 */
class PacingAgainstThrottlingEcsTest {
    private static Map<String, Long> throttledRollout(RateLimits limits, double timeScale) {
        LocalEcsConfig config = LocalEcsConfig.builder().cluster("prod-ecs", 2).throttle(true).timeScale(timeScale)
                .taskConvergence(Duration.ofMillis(20)).build();
        try (LocalEcsServer server = LocalEcsServer.start(config);
                AwsEcsGateways gateways = new AwsEcsGateways(new AwsSettings(server.endpoint(), LocalEcsHarness.CREDENTIALS, limits, 12))) {
            List<DesiredForwarder> forwarders = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                forwarders.add(Desired.daemon("prod", "fwd" + i));
            }
            DesiredCluster prod = new DesiredCluster(Desired.target("prod", false), forwarders);
            assertThat(new ClusterSynchronizer(gateways).sync(prod).failures()).isEmpty();
            return server.errorCounts();
        }
    }

    @Test
    void clientSidePacingKeepsALargeRolloutUnderEcsLimits() {
        // Both sides refill 10x faster than real ECS so the 20 extra registrations wait 2 s, not 20 s.
        assertThat(throttledRollout(RateLimits.ecsDefaults().withTimeScale(10), 10)).isEmpty();
    }

    @Test
    void withoutPacingTheSameRolloutIsThrottledAndStillConvergesThroughRetries() {
        // Real-time buckets: 40 registrations cannot fit in 20 burst + 1/s during the rollout.
        assertThat(throttledRollout(RateLimits.off(), 1)).containsKey("RegisterTaskDefinition:ThrottlingException");
    }
}
