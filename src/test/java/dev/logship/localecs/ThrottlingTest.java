package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Waits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;

/** ECS's documented token buckets: burst then sustained rate, faster under a time scale. */
class ThrottlingTest {

    private static boolean registers(EcsClient ecs) {
        try {
            ecs.registerTaskDefinition(LocalEcsFixture.logspout("burst", 1234));
            return true;
        } catch (EcsException e) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            return false;
        }
    }

    private static int registrationsUntilThrottled(EcsClient ecs) {
        int accepted = 0;
        while (registers(ecs)) {
            accepted++;
            assertThat(accepted).as("registrations before the first throttle").isLessThan(200);
        }
        return accepted;
    }

    @Test
    void taskDefinitionRegistrationAllowsABurstOf20ThenThrottles() {
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().throttle(true).build());
                EcsClient ecs = EcsClients.withoutRetries(server.endpoint())) {
            ecs.listClusters(); // warm the client up so the burst below is quick
            long started = System.nanoTime();
            int accepted = registrationsUntilThrottled(ecs);
            // 20 burst plus the tokens refilled (1/s) while the burst ran: on a loaded machine
            // the burst itself can take seconds, so the bound follows the time it took.
            long refilled = (System.nanoTime() - started) / 1_000_000_000L + 1;
            assertThat(accepted).isBetween(20, 20 + (int) refilled);
            assertThatThrownBy(() -> ecs.registerTaskDefinition(LocalEcsFixture.logspout("burst", 1234)))
                    .isInstanceOf(EcsException.class).hasMessageContaining("Rate exceeded");
            // Other buckets are independent: reads still pass.
            ecs.listTaskDefinitions();
            assertThat(server.callCounts()).containsEntry("RegisterTaskDefinition", accepted + 2L);
            assertThat(server.errorCounts()).containsEntry("RegisterTaskDefinition:ThrottlingException", 2L);

            server.setThrottling(false);
            ecs.registerTaskDefinition(LocalEcsFixture.logspout("burst", 1234));
        }
    }

    @Test
    void aTimeScaleRefillsTheSameBucketsFaster() {
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().throttle(true).timeScale(20).build());
                EcsClient ecs = EcsClients.withoutRetries(server.endpoint())) {
            ecs.listClusters();
            assertThat(registrationsUntilThrottled(ecs)).isGreaterThanOrEqualTo(20);
            // 1 per second at scale 20 is one token per 50 ms; real time would need a full second.
            long started = System.nanoTime();
            Waits.until("a token is refilled", Duration.ofSeconds(2), () -> registers(ecs));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(800));
        }
    }

    @Test
    void bucketsWithTheSameLimitsAreSeparateBudgets() {
        // Task definition read and cluster read are both 50/20 in ECS's table, yet exhausting
        // one must leave the other untouched. A time scale of 0.01 all but stops the refill, so
        // the burst runs out however slow the machine is.
        try (LocalEcsServer server = LocalEcsServer.start(LocalEcsConfig.builder().throttle(true).timeScale(0.01).build());
                EcsClient ecs = EcsClients.withoutRetries(server.endpoint())) {
            int described = 0;
            while (true) {
                try {
                    ecs.listTaskDefinitions();
                    described++;
                    assertThat(described).as("reads before the first throttle").isLessThan(200);
                } catch (EcsException e) {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    break;
                }
            }
            assertThat(described).isGreaterThanOrEqualTo(50);
            ecs.describeClusters();
            assertThat(server.errorCounts()).doesNotContainKey("DescribeClusters:ThrottlingException");
        }
    }
}
