package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Plan;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.SyncResult;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Task definition families are per account and region, so two clusters of a region running
 * the same forwarder share its revisions. Regression tests for revision cleanup deregistering
 * a revision another cluster still ran (it used to look at one cluster's services only).
 */
class SharedRevisionCleanupTest {
    private static final String ROUTE = "syslog+tls://logs.example.com:6514";
    private static final String IMAGE = "gliderlabs/logspout:v3.2.";
    private EcsRig ecs;

    @BeforeEach
    void start() {
        ecs = EcsRig.start(List.of("a", "b"), 2, 50);
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    /** Both clusters run the forwarder; {@code b} may be suspended (frozen on what it runs). */
    private static DesiredState state(int patch, boolean bSuspended) {
        return Fleet.create().cluster(ReliabilityFleets.cluster("a")).cluster(ReliabilityFleets.cluster("b").suspend(bSuspended))
                .forwarder(ReliabilityFleets.forwarder("papertrail", IMAGE + patch, ROUTE, List.of("a", "b"))).render("r" + patch);
    }

    /** What the controller and {@code apply} do: observe every cluster first, apply each, then clean up (after the report). */
    private static List<SyncResult> applyAll(ClusterSynchronizer sync, DesiredState state) {
        Plan plan = sync.plan(state);
        List<SyncResult> results = new ArrayList<>();
        for (int i = 0; i < state.clusters().size(); i++) {
            results.add(sync.apply(state.clusters().get(i), plan.clusters().get(i)));
        }
        results.forEach(r -> assertThat(r.failures()).as(r.cluster()).isEmpty());
        sync.cleanUps().sweepAll().forEach(s -> assertThat(s.failures()).as(s.cluster()).isEmpty());
        return results;
    }

    @Test
    void aRevisionAnotherClusterOfTheRegionStillRunsStaysActiveWhileOthersAreCleanedUp() {
        ClusterSynchronizer sync = new ClusterSynchronizer(ecs.gateways);
        applyAll(sync, state(1, false));
        String shared = ecs.revisionsInUse("b-ecs").get("papertrail");
        assertThat(ecs.revisionsInUse("a-ecs")).containsEntry("papertrail", shared);

        for (int patch = 2; patch <= 6; patch++) {
            applyAll(sync, state(patch, true));
            // a revision an older deployment still drains is in use (clean-up counts every deployment), so each
            // step waits until a's rollout has finished, as consecutive commits usually are on ECS
            Waits.until("a's rollout to patch " + patch + " has finished", Duration.ofSeconds(30),
                    () -> ecs.services("a-ecs").stream().allMatch(svc -> svc.deployments().size() == 1));
        }

        assertThat(ecs.revisionsInUse("b-ecs")).containsEntry("papertrail", shared);
        assertThat(ecs.status(shared)).isEqualTo("ACTIVE");
        // a moved 1 -> 6: revisions 2 and 3 are unused everywhere and beyond the newest three.
        assertThat(ecs.activeRevisions("logship-papertrail")).extracting(arn -> arn.substring(arn.lastIndexOf(':') + 1))
                .containsExactlyInAnyOrder("1", "4", "5", "6");
    }

    @Test
    void applyingOneClusterWhileAnotherOfTheRegionIsUnobservedKeepsRevisionsAndSaysWhy() {
        applyAll(new ClusterSynchronizer(ecs.gateways), state(1, false));
        String shared = ecs.revisionsInUse("b-ecs").get("papertrail");

        List<String> warnings = new ArrayList<>();
        for (int patch = 2; patch <= 6; patch++) {
            // like `apply --cluster a`: a fresh process that knows b exists but only looks at a
            ClusterSynchronizer sync = new ClusterSynchronizer(ecs.gateways);
            DesiredState state = state(patch, false);
            sync.manage(state);
            DesiredCluster a = state.cluster("a").orElseThrow();
            ClusterPlan plan = sync.plan(a);
            SyncResult result = sync.apply(a, plan);
            assertThat(result.failures()).isEmpty();
            assertThat(result.steps()).noneMatch(s -> s.action().equals("deregister"));
            warnings.addAll(result.warnings());
        }

        assertThat(ecs.status(shared)).isEqualTo("ACTIVE");
        assertThat(ecs.activeRevisions("logship-papertrail")).hasSize(6);
        assertThat(warnings).hasSize(5).allSatisfy(w -> assertThat(w)
                .isEqualTo("unused task definition revisions kept: cluster(s) b-ecs in us-east-1 not observed yet"
                        + " and may share its revisions"));
    }

    @Test
    void aSynchronizerNotToldWhichClustersLogshipManagesNeverDeregisters() {
        ClusterSynchronizer sync = new ClusterSynchronizer(ecs.gateways);
        for (int patch = 1; patch <= 5; patch++) {
            SyncResult result = sync.sync(state(patch, false).cluster("a").orElseThrow());
            assertThat(result.failures()).isEmpty();
            if (patch > 1) {
                assertThat(result.warnings()).singleElement().asString().contains("are not known to this run");
            }
        }
        assertThat(ecs.activeRevisions("logship-papertrail")).hasSize(5);
    }
}
