package dev.logship.aws;

import static dev.logship.aws.Desired.cluster;
import static dev.logship.aws.Desired.forwarder;
import static dev.logship.aws.Desired.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.RevisionSweeper;
import dev.logship.sync.SyncOptions;
import dev.logship.sync.SyncResult;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An apply only asks for revision clean-up; the clean-up runs afterwards, and in serve only from
 * spare budget of the task-definition bucket (a full one: its refill would be wasted). Real SDK,
 * logship's own pacing and local-ecs over HTTP; the calls are counted by local-ecs.
 */
class CleanUpAfterApplyTest {
    private static final String OWNER = "github.com/acme/logging";
    private LocalEcsServer ecs;
    private AwsEcsGateways gateways;

    /** {@code timeScale}: how much faster than ECS logship's client-side buckets refill. */
    private ClusterSynchronizer start(double timeScale) {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod-ecs", 2).taskConvergence(Duration.ofMillis(20)).build());
        gateways = new AwsEcsGateways(new AwsSettings(ecs.endpoint(), LocalEcsHarness.CREDENTIALS,
                RateLimits.ecsDefaults().withTimeScale(timeScale), 12));
        ClusterSynchronizer sync = new ClusterSynchronizer(gateways, new SyncOptions(3, Duration.ofMinutes(1)), OWNER);
        sync.manage(new DesiredState(new Revision("r", "test"), List.of(papertrail(1))));
        return sync;
    }

    @AfterEach
    void stop() {
        if (gateways != null) {
            gateways.close();
            ecs.close();
        }
    }

    private static DesiredCluster papertrail(int patch) {
        return cluster(target("prod", false), forwarder("prod", "papertrail", "gliderlabs/logspout:v3.2." + patch, false));
    }

    private long calls(String action) {
        return ecs.callCounts().getOrDefault(action, 0L);
    }

    private void applyPatches(ClusterSynchronizer sync, int from, int to) {
        for (int patch = from; patch <= to; patch++) {
            SyncResult result = sync.apply(papertrail(patch), sync.plan(papertrail(patch)));
            assertThat(result.failures()).isEmpty();
            assertThat(result.steps()).noneMatch(s -> s.action().equals("deregister"));
            Waits.until("one deployment left", Duration.ofSeconds(20), this::oneDeployment);
        }
    }

    private boolean oneDeployment() {
        try (var sdk = EcsClients.of(ecs.endpoint())) {
            return sdk.describeServices(r -> r.cluster("prod-ecs").services("papertrail")).services().get(0).deployments().size() == 1;
        }
    }

    @Test
    void appliesMakeNoCleanUpCallAndCleanUpWaitsForABucketWithSpareTokens() {
        // refilled 1,000 times slower than ECS: after the first registration the bucket stays short of full
        ClusterSynchronizer sync = start(0.001);
        applyPatches(sync, 1, 5);
        assertThat(calls("RegisterTaskDefinition")).isEqualTo(5);
        assertThat(calls("DeregisterTaskDefinition")).isZero();
        assertThat(sync.cleanUps().pending()).isTrue();

        assertThat(sync.cleanUps().sweepFromSpareBudget()).isEmpty(); // 13 of 18 tokens left: none is spare
        assertThat(calls("DeregisterTaskDefinition")).isZero();
        assertThat(sync.cleanUps().pending()).isTrue();

        // The one-shot CLI runs it after its report, whatever the budget: five pushes, one pending clean-up.
        List<RevisionSweeper.Swept> swept = sync.cleanUps().sweepAll();
        assertThat(swept).singleElement().satisfies(s -> {
            assertThat(s.cluster()).isEqualTo("prod");
            assertThat(s.failures()).isEmpty();
            assertThat(s.steps()).extracting(SyncResult.Step::forwarder).containsOnly("prod/papertrail");
            assertThat(s.steps()).extracting(step -> step.detail().substring(step.detail().lastIndexOf(':') + 1))
                    .containsExactly("2", "1");
        });
        assertThat(calls("DeregisterTaskDefinition")).isEqualTo(2);
        assertThat(sync.cleanUps().pending()).isFalse();
    }

    @Test
    void cleanUpRunsFromSpareBudgetOnceTheBucketIsFullAgain() {
        ClusterSynchronizer sync = start(1000); // refilled within a millisecond
        applyPatches(sync, 1, 6);
        assertThat(calls("DeregisterTaskDefinition")).isZero(); // the applies never deregister
        List<String> gone = new ArrayList<>();
        Waits.until("the pending clean-up has run", Duration.ofSeconds(20), () -> {
            sync.cleanUps().sweepFromSpareBudget().forEach(s -> s.steps().forEach(step -> gone.add(step.detail())));
            return !sync.cleanUps().pending();
        });
        assertThat(gone).hasSize(3).allSatisfy(arn -> assertThat(arn).contains("task-definition/logship-papertrail:"));
        assertThat(calls("DeregisterTaskDefinition")).isEqualTo(3);
    }
}
