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
import dev.logship.sync.SyncOptions;
import dev.logship.sync.SyncResult;
import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * Revision clean-up decides "newest" from the revision numbers in the ARNs and "in use" from
 * every deployment of every service of the cluster, whatever the server: real SDK, local-ecs,
 * and a proxy that ignores ListTaskDefinitions' sort.
 */
class RevisionCleanupUnderAnyServerTest {
    private static final String OWNER = "github.com/acme/logging";
    private LocalEcsServer ecs;
    private SortIgnoringEcs proxy;
    private AwsEcsGateways gateways;

    private void start(Duration convergence) throws Exception {
        ecs = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod-ecs", 2).taskConvergence(convergence).build());
        proxy = new SortIgnoringEcs(ecs.endpoint());
        gateways = new AwsEcsGateways(new AwsSettings(proxy.endpoint(), LocalEcsHarness.CREDENTIALS, RateLimits.ecsDefaults(), 12));
    }

    @AfterEach
    void stop() {
        if (gateways != null) {
            gateways.close();
            proxy.close();
            ecs.close();
        }
    }

    /** A synchronizer (a process) of this installation that manages cluster prod only, keeping {@code keep} unused revisions. */
    private ClusterSynchronizer synchronizer(int keep) {
        ClusterSynchronizer sync = new ClusterSynchronizer(gateways, new SyncOptions(keep, Duration.ofMinutes(1)), OWNER);
        sync.manage(new DesiredState(new Revision("r", "test"), List.of(papertrail(11))));
        return sync;
    }

    private static DesiredCluster papertrail(int patch) {
        return cluster(target("prod", false), forwarder("prod", "papertrail", "gliderlabs/logspout:v3.2." + patch, false));
    }

    private EcsClient sdk() {
        return EcsClients.of(ecs.endpoint());
    }

    /** Revision numbers of logship-papertrail still ACTIVE, asked of local-ecs directly. */
    private Set<Integer> activeRevisions() {
        try (EcsClient sdk = sdk()) {
            return sdk.listTaskDefinitions(r -> r.familyPrefix("logship-papertrail").status(TaskDefinitionStatus.ACTIVE))
                    .taskDefinitionArns().stream().map(a -> Integer.parseInt(a.substring(a.lastIndexOf(':') + 1)))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private void settle() {
        Waits.until("one deployment left", Duration.ofSeconds(20), () -> {
            try (EcsClient sdk = sdk()) {
                return sdk.describeServices(r -> r.cluster("prod-ecs").services("papertrail")).services().get(0)
                        .deployments().size() == 1;
            }
        });
    }

    private static void applied(SyncResult result) {
        assertThat(result.failures()).as(result.toString()).isEmpty();
    }

    @Test
    void theNewestRevisionIsNeverDeregisteredWhenTheServerIgnoresSort() throws Exception {
        start(Duration.ofMillis(20));
        ClusterSynchronizer keepAll = synchronizer(10);
        for (int patch = 11; patch <= 15; patch++) {
            applied(keepAll.sync(papertrail(patch)));
            settle();
        }
        applied(keepAll.sync(papertrail(13))); // roll back to revision 3: revision 5, the newest, is now unused
        settle();
        assertThat(activeRevisions()).containsExactly(1, 2, 3, 4, 5);
        // A fresh process (empty caches, so the server's listing is read: oldest first) moves to patch 14 =
        // revision 4 and keeps one unused revision: the newest by ARN number, 5, never the listing's first.
        ClusterSynchronizer fresh = synchronizer(1);
        SyncResult forward = fresh.sync(papertrail(14));
        applied(forward);
        assertThat(forward.steps()).noneMatch(s -> s.action().equals("register"));
        // 3: its deployment is still draining; 4: in use; 5: the newest
        assertThat(activeRevisions()).containsExactly(3, 4, 5);
    }

    @Test
    void aRevisionAnUnmanagedServiceRunsIsKept() throws Exception {
        start(Duration.ofMillis(20));
        ClusterSynchronizer sync = synchronizer(1);
        applied(sync.sync(papertrail(11)));
        settle();
        String revision1;
        try (EcsClient sdk = sdk()) {
            revision1 = sdk.describeServices(r -> r.cluster("prod-ecs").services("papertrail")).services().get(0).taskDefinition();
            sdk.createService(r -> r.cluster("prod-ecs").serviceName("copycat").taskDefinition(revision1)
                    .schedulingStrategy("DAEMON"));
        }
        for (int patch = 12; patch <= 14; patch++) {
            applied(sync.sync(papertrail(patch)));
            settle();
        }
        assertThat(revision1).endsWith(":1");
        assertThat(activeRevisions()).contains(1).doesNotContain(2);
    }

    @Test
    void aRevisionOfAnOlderDeploymentStillRunningIsKept() throws Exception {
        start(Duration.ofSeconds(3));
        ClusterSynchronizer sync = synchronizer(1);
        applied(sync.sync(papertrail(11)));
        settle();
        applied(sync.sync(papertrail(12)));
        // revision 1's deployment is still draining while revision 2 rolls out; revision 3 arrives meanwhile
        applied(sync.sync(papertrail(13)));
        assertThat(activeRevisions()).contains(1);
        settle();
        applied(sync.sync(papertrail(14)));
        assertThat(activeRevisions()).doesNotContain(1);
    }
}
