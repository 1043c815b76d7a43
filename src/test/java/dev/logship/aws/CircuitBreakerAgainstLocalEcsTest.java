package dev.logship.aws;

import static dev.logship.aws.Desired.cluster;
import static dev.logship.aws.Desired.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.diff.Update;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.ServiceSpec;
import dev.logship.sync.Health;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;

/** logship turns ECS's circuit breaker on (without ECS's own rollback) and reads its FAILED verdict as Degraded. */
class CircuitBreakerAgainstLocalEcsTest {
    private LocalEcsHarness ecs;

    @BeforeEach
    void start() {
        ecs = new LocalEcsHarness(Map.of("prod-ecs", 3));
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    /** A forwarder as render makes it: circuit breaker on. */
    private static DesiredForwarder guarded(String image) {
        DesiredForwarder f = Desired.forwarder("prod", "papertrail", image, false);
        ServiceSpec s = f.service();
        return new DesiredForwarder(f.key(), f.taskDefinition(), new ServiceSpec(s.serviceName(), s.schedulingStrategy(),
                s.desiredCount(), s.placementConstraints(), s.deployment().withCircuitBreaker(), s.propagateTags(), s.tags()),
                f.perNodePort(), f.adopt(), f.contentHash());
    }

    private Service service() {
        try (var sdk = ecs.sdk("us-east-1")) {
            return sdk.describeServices(r -> r.cluster("prod-ecs").services("papertrail")).services().get(0);
        }
    }

    private Health health(DesiredCluster desired) {
        return ecs.synchronizer.health(desired).get("prod/papertrail");
    }

    @Test
    void createdServicesHaveTheCircuitBreakerOnWithoutEcsRollbackAndNoDiffAfterwards() {
        DesiredCluster prod = cluster(target("prod", false), guarded("gliderlabs/logspout:v3.2.14"));
        ecs.synchronizer.sync(prod);
        assertThat(service().deploymentConfiguration().deploymentCircuitBreaker()).satisfies(cb -> {
            assertThat(cb.enable()).isTrue();
            assertThat(cb.rollback()).as("rolling back is the planner's call, so ECS and Git never disagree").isFalse();
        });
        assertThat(ecs.synchronizer.plan(prod).changes(Update.class)).isEmpty();
    }

    @Test
    void aServiceWithoutTheBreakerGetsItByOneUpdate() {
        DesiredCluster old = cluster(target("prod", false), Desired.daemon("prod", "papertrail"));
        ecs.synchronizer.sync(old);
        DesiredCluster prod = cluster(target("prod", false), guarded("gliderlabs/logspout:v3.2.14"));
        assertThat(ecs.synchronizer.plan(prod).changes(Update.class)).singleElement().satisfies(u -> assertThat(u.diffs())
                .anySatisfy(d -> assertThat(d.path()).isEqualTo("service.deployment.circuitBreaker")));
        ecs.synchronizer.sync(prod);
        assertThat(service().deploymentConfiguration().deploymentCircuitBreaker().enable()).isTrue();
    }

    @Test
    void aCrashLoopingImageTripsTheBreakerAndIsReadAsDegraded() {
        DesiredCluster good = cluster(target("prod", false), guarded("gliderlabs/logspout:v3.2.14"));
        ecs.synchronizer.sync(good);
        Waits.until("Healthy on the good image", Duration.ofSeconds(20),
                () -> health(good).status() == Health.Status.Healthy);

        DesiredCluster bad = cluster(target("prod", false), guarded("gliderlabs/logspout:v3.2.14-crashloop"));
        ecs.synchronizer.sync(bad);
        Waits.until("Degraded on the crash-looping image", Duration.ofSeconds(20),
                () -> health(bad).status() == Health.Status.Degraded);
        assertThat(service().deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.FAILED);
        assertThat(health(bad).message()).contains("rollout failed");
    }
}
