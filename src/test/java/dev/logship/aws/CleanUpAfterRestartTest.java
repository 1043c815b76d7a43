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
import dev.logship.state.CleanupFile;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.RetainedRevisions;
import dev.logship.sync.RevisionSweeper;
import dev.logship.sync.SyncOptions;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A revision clean-up still waiting for spare budget when serve stops (here: the process is
 * abandoned, as a SIGKILL leaves it) is kept in the data directory's cleanups.json, and the next
 * synchronizer on that directory runs it: once it has observed the asking cluster again, never
 * deregistering a retained revision (a rollback's target), and nothing at all while the retained
 * revisions are not known. Real SDK and pacing against local-ecs over HTTP, calls counted there.
 */
class CleanUpAfterRestartTest {
    private static final String OWNER = "github.com/acme/logging";
    private static final String FAMILY = "logship-papertrail";

    @TempDir
    Path dataDir;

    private LocalEcsServer ecs;
    private final List<AwsEcsGateways> gateways = new ArrayList<>();

    @AfterEach
    void stop() {
        gateways.forEach(AwsEcsGateways::close);
        if (ecs != null) {
            ecs.close();
        }
    }

    /** A synchronizer as serve makes one on {@code dataDir}; {@code timeScale}: how much faster than ECS its buckets refill. */
    private ClusterSynchronizer serve(double timeScale) {
        AwsEcsGateways g = new AwsEcsGateways(new AwsSettings(ecs.endpoint(), LocalEcsHarness.CREDENTIALS,
                RateLimits.ecsDefaults().withTimeScale(timeScale), 12));
        gateways.add(g);
        ClusterSynchronizer sync = new ClusterSynchronizer(g, new SyncOptions(3, Duration.ofMinutes(1)), OWNER);
        sync.manage(new DesiredState(new Revision("r", "test"), List.of(papertrail(1))));
        sync.cleanUps().keptIn(new CleanupFile(dataDir));
        return sync;
    }

    private static DesiredCluster papertrail(int patch) {
        return cluster(target("prod", false), forwarder("prod", "papertrail", "gliderlabs/logspout:v3.2." + patch, false));
    }

    /** Five pushes on a bucket that never has spare tokens, then the process is abandoned with its clean-up waiting. */
    private void fivePushesThenKilled() throws Exception {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod-ecs", 2).taskConvergence(Duration.ofMillis(20)).build());
        ClusterSynchronizer before = serve(0.001);
        for (int patch = 1; patch <= 5; patch++) {
            assertThat(before.apply(papertrail(patch), before.plan(papertrail(patch))).failures()).isEmpty();
            Waits.until("one deployment left", Duration.ofSeconds(20), this::oneDeployment);
        }
        assertThat(before.cleanUps().sweepFromSpareBudget()).isEmpty(); // no spare token: it waits
        assertThat(before.cleanUps().pending()).isTrue();
        Path file = dataDir.resolve(CleanupFile.NAME);
        Waits.until("the waiting clean-up is on disk", Duration.ofSeconds(10),
                () -> Files.exists(file) && Files.readString(file).contains(FAMILY));
        gateways.remove(0).close(); // no flush, no stop: what a SIGKILL leaves
        assertThat(calls("DeregisterTaskDefinition")).isZero();
    }

    private boolean oneDeployment() {
        try (var sdk = EcsClients.of(ecs.endpoint())) {
            return sdk.describeServices(r -> r.cluster("prod-ecs").services("papertrail")).services().get(0).deployments().size() == 1;
        }
    }

    private long calls(String action) {
        return ecs.callCounts().getOrDefault(action, 0L);
    }

    /** The revision numbers of the family still ACTIVE. */
    private List<String> active() {
        try (var sdk = EcsClients.of(ecs.endpoint())) {
            return sdk.listTaskDefinitions(r -> r.familyPrefix(FAMILY)).taskDefinitionArns().stream()
                    .map(arn -> arn.substring(arn.lastIndexOf(':') + 1)).sorted().toList();
        }
    }

    private static List<String> sweepUntilDone(ClusterSynchronizer sync) {
        List<String> gone = new ArrayList<>();
        Waits.until("the kept clean-up has run", Duration.ofSeconds(20), () -> {
            sync.cleanUps().sweepFromSpareBudget().forEach(s -> s.steps().forEach(step -> gone.add(step.detail())));
            return !sync.cleanUps().pending();
        });
        return gone;
    }

    @Test
    void aCleanUpWaitingAtTheKillRunsAfterTheRestartOnceItsClusterIsObservedAgain() throws Exception {
        fivePushesThenKilled();

        ClusterSynchronizer after = serve(1000); // refilled within a millisecond: spare budget
        assertThat(after.cleanUps().pending()).as("kept across the restart").isTrue();
        List<RevisionSweeper.Swept> early = after.cleanUps().sweepFromSpareBudget();
        assertThat(early).singleElement().satisfies(s -> assertThat(s.warnings()).singleElement().asString()
                .contains("not observed since the restart"));
        assertThat(calls("DeregisterTaskDefinition")).isZero();

        after.plan(papertrail(5)); // the first run after a start observes the cluster
        List<String> gone = sweepUntilDone(after);

        assertThat(gone).extracting(arn -> arn.substring(arn.lastIndexOf(':') + 1)).containsExactly("2", "1");
        assertThat(active()).containsExactly("3", "4", "5"); // the newest three are kept
        Waits.until("cleanups.json holds nothing", Duration.ofSeconds(10), () -> new CleanupFile(dataDir).load().isEmpty());
    }

    @Test
    void aKeptCleanUpOfAClusterNoLongerInGitIsDroppedKeepingItsRevisions() throws Exception {
        fivePushesThenKilled();

        ClusterSynchronizer after = serve(1000);
        after.manage(new DesiredState(new Revision("r2", "test"), List.of(cluster(target("other", false)))));
        assertThat(after.cleanUps().sweepFromSpareBudget()).isEmpty();

        assertThat(after.cleanUps().pending()).isFalse();
        assertThat(active()).containsExactly("1", "2", "3", "4", "5");
        assertThat(calls("DeregisterTaskDefinition")).isZero();
    }

    @Test
    void aRetainedRevisionIsNeverDeregisteredAndNothingIsWhileTheRetainedAreUnknown() throws Exception {
        fivePushesThenKilled();
        String first;
        try (var sdk = EcsClients.of(ecs.endpoint())) {
            first = sdk.listTaskDefinitions(r -> r.familyPrefix(FAMILY)).taskDefinitionArns().stream()
                    .filter(arn -> arn.endsWith(":1")).findFirst().orElseThrow();
        }
        AtomicReference<String> unknown = new AtomicReference<>("the rollback target of prod is known by its commit only");

        ClusterSynchronizer after = serve(1000);
        after.retaining(RetainedRevisions.of((target, family) -> Set.of(first), unknown::get));
        after.plan(papertrail(5));
        List<RevisionSweeper.Swept> held = after.cleanUps().sweepFromSpareBudget();
        assertThat(held).singleElement().satisfies(s -> assertThat(s.warnings()).singleElement().asString()
                .contains("known by its commit only"));
        assertThat(calls("DeregisterTaskDefinition")).isZero();
        assertThat(after.cleanUps().pending()).isTrue();

        unknown.set(null); // the rollback target's ARNs are known again
        assertThat(sweepUntilDone(after)).extracting(arn -> arn.substring(arn.lastIndexOf(':') + 1)).containsExactly("2");
        assertThat(active()).containsExactly("1", "3", "4", "5");
    }
}
