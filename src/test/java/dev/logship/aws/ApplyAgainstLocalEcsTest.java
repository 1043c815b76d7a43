package dev.logship.aws;

import static dev.logship.aws.Desired.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Conflict;
import dev.logship.diff.PlanText;
import dev.logship.diff.Prune;
import dev.logship.diff.Update;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.Revision;
import dev.logship.sync.Health;
import dev.logship.sync.SyncResult;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ServiceField;

/** plan/apply through the real AWS SDK over HTTP against local-ecs. */
class ApplyAgainstLocalEcsTest {
    private LocalEcsHarness ecs;

    @BeforeEach
    void start() {
        ecs = new LocalEcsHarness(Map.of("prod-ecs", 3, "dr-ecs", 2));
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    private boolean allHealthy(DesiredCluster desired) {
        return ecs.synchronizer.health(desired).values().stream().allMatch(h -> h.status() == Health.Status.Healthy);
    }

    @Test
    void firstApplyCreatesEverythingAndBecomesHealthy() {
        DesiredCluster prod = cluster(target("prod", false), daemon("prod", "papertrail"), perNodePort("prod", "seed"));
        SyncResult result = ecs.synchronizer.sync(prod);
        assertThat(result.failures()).isEmpty();
        assertThat(result.steps()).extracting(SyncResult.Step::action).containsExactlyInAnyOrder("register", "register", "create", "create");
        Waits.until("every forwarder is Healthy", Duration.ofSeconds(20), () -> allHealthy(prod));
        assertThat(ecs.synchronizer.health(prod).get("prod/seed").message()).isEqualTo("3/3 tasks running");
    }

    @Test
    void secondApplyMakesNoMutatingCallAndRegistersNoRevision() {
        DesiredCluster prod = cluster(target("prod", false), daemon("prod", "papertrail"), perNodePort("prod", "seed"));
        ecs.synchronizer.sync(prod);
        ecs.server.resetCallCounts();
        SyncResult again = ecs.synchronizer.sync(prod);
        assertThat(again.steps()).isEmpty();
        assertThat(ecs.mutatingCalls()).isEmpty();
        // Four reads per perNodePort cluster (up to 100 nodes, 100 services, 10 services per describe): nodes listed and
        // described (agent connection, attributes), services listed and described; revisions come from the cache.
        assertThat(ecs.server.callCounts()).containsOnlyKeys("ListContainerInstances", "DescribeContainerInstances",
                        "ListServices", "DescribeServices")
                .allSatisfy((action, count) -> assertThat(count).isEqualTo(1L));
    }

    @Test
    void clustersWithEqualContentShareOneRevisionAndAnImageChangeRegistersOnce() {
        DesiredCluster prod = cluster(target("prod", false), daemon("prod", "papertrail"));
        DesiredCluster dr = cluster(target("dr", false), daemon("dr", "papertrail"));
        ecs.synchronizer.sync(prod);
        ecs.synchronizer.sync(dr);
        assertThat(ecs.server.callCounts().get("RegisterTaskDefinition")).isEqualTo(1);

        ecs.server.resetCallCounts();
        String image = "gliderlabs/logspout:v3.2.15";
        DesiredCluster prod2 = cluster(target("prod", false), forwarder("prod", "papertrail", image, false));
        DesiredCluster dr2 = cluster(target("dr", false), forwarder("dr", "papertrail", image, false));
        ClusterPlan plan = ecs.synchronizer.plan(prod2);
        assertThat(plan.changes(Update.class)).singleElement().satisfies(u -> assertThat(u.diffs())
                .anySatisfy(d -> assertThat(d.path()).isEqualTo("taskDefinition.containerDefinitions[logspout].image")));
        assertThat(ecs.synchronizer.apply(prod2, plan).failures()).isEmpty();
        assertThat(ecs.synchronizer.sync(dr2).failures()).isEmpty();
        assertThat(ecs.server.callCounts().get("RegisterTaskDefinition")).isEqualTo(1);
        assertThat(ecs.server.callCounts().get("UpdateService")).isEqualTo(2);
        assertThat(ecs.server.callCounts().getOrDefault("CreateService", 0L)).isZero();
    }

    @Test
    void removedForwarderIsPrunedButTheLastOneIsKeptUnlessAllowEmpty() {
        ecs.synchronizer.sync(cluster(target("prod", false), daemon("prod", "papertrail"), daemon("prod", "old")));
        SyncResult pruned = ecs.synchronizer.sync(cluster(target("prod", false), daemon("prod", "papertrail")));
        assertThat(pruned.steps()).anySatisfy(s -> assertThat(s.detail()).isEqualTo("deleted service old"));
        assertThat(ecs.synchronizer.plan(cluster(target("prod", false), daemon("prod", "papertrail"))).hasChanges()).isFalse();

        DesiredCluster empty = cluster(target("prod", false));
        ClusterPlan refused = ecs.synchronizer.plan(empty);
        assertThat(refused.changes()).isEmpty();
        assertThat(refused.warnings()).singleElement().asString().contains("allowEmpty");
        ecs.server.resetCallCounts();
        ecs.synchronizer.apply(empty, refused);
        assertThat(ecs.mutatingCalls()).isEmpty();

        DesiredCluster allowed = cluster(target("prod", true));
        assertThat(ecs.synchronizer.plan(allowed).changes(Prune.class)).hasSize(1);
        ecs.synchronizer.sync(allowed);
        assertThat(ecs.gateways.forCluster(target("prod", true)).observe().services()).isEmpty();
    }

    @Test
    void perNodePortDesiredCountFollowsActiveNodes() {
        DesiredCluster prod = cluster(target("prod", false), perNodePort("prod", "seed"));
        ecs.synchronizer.sync(prod);
        ecs.server.setNodeCount("prod-ecs", 5);
        ClusterPlan plan = ecs.synchronizer.plan(prod);
        assertThat(PlanText.render(new dev.logship.diff.Plan(new Revision("r", ""), List.of(plan))))
                .contains("service.desiredCount: 3 -> 5");
        ecs.synchronizer.apply(prod, plan);
        Waits.until("5 tasks run", Duration.ofSeconds(20), () -> allHealthy(prod));
        assertThat(ecs.synchronizer.health(prod).get("prod/seed").message()).isEqualTo("5/5 tasks running");
    }

    @Test
    void manualDriftShowsInThePlanAndApplyRevertsIt() {
        DesiredCluster prod = cluster(target("prod", false), daemon("prod", "papertrail"));
        ecs.synchronizer.sync(prod);
        try (EcsClient sdk = ecs.sdk("us-east-1")) {
            String other = sdk.registerTaskDefinition(r -> r.family("hand-made").containerDefinitions(c -> c
                    .name("logspout").image("gliderlabs/logspout:latest").memory(64))).taskDefinition().taskDefinitionArn();
            sdk.updateService(r -> r.cluster("prod-ecs").service("papertrail").taskDefinition(other));
            ClusterPlan drift = ecs.synchronizer.plan(prod);
            String text = PlanText.render(new dev.logship.diff.Plan(new Revision("r", ""), List.of(drift)));
            assertThat(text).contains("taskDefinition.containerDefinitions[logspout].image: gliderlabs/logspout:latest -> gliderlabs/logspout:v3.2.14");
            assertThat(ecs.synchronizer.apply(prod, drift).failures()).isEmpty();
            String now = sdk.describeServices(r -> r.cluster("prod-ecs").services("papertrail")).services().get(0).taskDefinition();
            assertThat(now).contains("task-definition/logship-papertrail:1");
            assertThat(ecs.synchronizer.plan(prod).hasChanges()).isFalse();
        }
    }

    @Test
    void unmanagedSameNamedServiceIsAConflictAndStaysUntouched() {
        try (EcsClient sdk = ecs.sdk("us-east-1")) {
            String arn = sdk.registerTaskDefinition(r -> r.family("manual").containerDefinitions(c -> c
                    .name("logspout").image("gliderlabs/logspout:v3.2.6").memory(64))).taskDefinition().taskDefinitionArn();
            sdk.createService(r -> r.cluster("prod-ecs").serviceName("papertrail").taskDefinition(arn).schedulingStrategy("DAEMON"));
            DesiredCluster prod = cluster(target("prod", false), daemon("prod", "papertrail"));
            ClusterPlan plan = ecs.synchronizer.plan(prod);
            assertThat(plan.changes()).singleElement().isInstanceOf(Conflict.class);
            ecs.server.resetCallCounts();
            SyncResult result = ecs.synchronizer.apply(prod, plan);
            assertThat(ecs.mutatingCalls()).isEmpty();
            assertThat(result.health().get("prod/papertrail").status()).isEqualTo(Health.Status.Degraded);
            var service = sdk.describeServices(r -> r.cluster("prod-ecs").services("papertrail").include(ServiceField.TAGS)).services().get(0);
            assertThat(service.taskDefinition()).isEqualTo(arn);
            assertThat(service.tags()).isEmpty();

            SyncResult adopted = ecs.synchronizer.sync(cluster(target("prod", false), adopting(daemon("prod", "papertrail"))));
            assertThat(adopted.failures()).isEmpty();
            assertThat(ecs.synchronizer.plan(prod).hasChanges()).isFalse();
        }
    }

    @Test
    void schedulingChangeRecreatesTheService() {
        ecs.synchronizer.sync(cluster(target("prod", false), daemon("prod", "papertrail")));
        DesiredCluster perNode = cluster(target("prod", false), perNodePort("prod", "papertrail"));
        SyncResult result = ecs.synchronizer.sync(perNode);
        assertThat(result.failures()).isEmpty();
        assertThat(result.steps()).extracting(SyncResult.Step::action).contains("delete", "create");
        assertThat(ecs.synchronizer.plan(perNode).hasChanges()).isFalse();
    }

    @Test
    void applyConvergesDespiteThrottlingAndServerErrors() {
        DesiredCluster prod = cluster(target("prod", false), daemon("prod", "papertrail"), perNodePort("prod", "seed"),
                daemon("prod", "extra"));
        DesiredCluster dr = cluster(target("dr", false), daemon("dr", "papertrail"), perNodePort("dr", "seed"));
        ecs.server.setFaults(new dev.logship.localecs.faults.Faults(0.3, 0.1, 0, 0));
        assertThat(ecs.synchronizer.sync(prod).failures()).isEmpty();
        assertThat(ecs.synchronizer.sync(dr).failures()).isEmpty();
        assertThat(ecs.server.errorCounts()).isNotEmpty();
        assertThat(ecs.gateways.calls().snapshot().keySet())
                .anySatisfy(k -> assertThat(k.outcome()).isEqualTo(EcsCallCounter.ATTEMPT));
        ecs.server.setFaults(dev.logship.localecs.faults.Faults.none());
        assertThat(ecs.synchronizer.plan(prod).hasChanges()).isFalse();
        assertThat(ecs.synchronizer.plan(dr).hasChanges()).isFalse();
        String prodRevision = ecs.gateways.forCluster(prod.target()).observe().service("papertrail").orElseThrow().taskDefinitionArn();
        String drRevision = ecs.gateways.forCluster(dr.target()).observe().service("papertrail").orElseThrow().taskDefinitionArn();
        assertThat(drRevision).isEqualTo(prodRevision);
    }

    @Test
    void unusedRevisionsAreDeregisteredKeepingTheNewestThree() {
        for (int patch = 1; patch <= 5; patch++) {
            DesiredCluster prod = cluster(target("prod", false), forwarder("prod", "papertrail", "gliderlabs/logspout:v3.2." + patch, false));
            ecs.synchronizer.manage(new dev.logship.model.DesiredState(new Revision("r" + patch, ""), List.of(prod)));
            assertThat(ecs.synchronizer.sync(prod).failures()).isEmpty();
            // a revision an older deployment still drains is in use (clean-up counts every deployment): each
            // commit waits until its rollout has finished, as consecutive commits usually are on ECS
            try (EcsClient sdk = ecs.sdk("us-east-1")) {
                Waits.until("the rollout of patch " + patch + " finished", Duration.ofSeconds(30), () -> sdk
                        .describeServices(r -> r.cluster("prod-ecs").services("papertrail")).services().get(0).deployments().size() == 1);
            }
        }
        try (EcsClient sdk = ecs.sdk("us-east-1")) {
            List<String> active = sdk.listTaskDefinitions(r -> r.familyPrefix("logship-papertrail").status("ACTIVE"))
                    .taskDefinitionArns();
            assertThat(active).extracting(arn -> arn.substring(arn.lastIndexOf(':') + 1)).containsExactlyInAnyOrder("3", "4", "5");
        }
    }

    @Test
    void aMissingEcsClusterIsReportedAndNothingIsCalledToChangeIt() {
        DesiredCluster ghost = cluster(target("ghost", false), daemon("ghost", "papertrail"));
        ClusterPlan plan = ecs.synchronizer.plan(ghost);
        assertThat(plan.clusterExists()).isFalse();
        assertThat(plan.warnings()).singleElement().asString().contains("ECS cluster ghost-ecs not found");
        SyncResult result = ecs.synchronizer.apply(ghost, plan);
        // Not a failed call (nothing was tried, and retrying cannot help): Missing health, said as plan says it.
        assertThat(result.failures()).isEmpty();
        assertThat(result.clusterHealth().status()).isEqualTo(dev.logship.sync.Health.Status.Missing);
        assertThat(result.clusterHealth().message()).isEqualTo(plan.warnings().get(0));
        assertThat(ecs.mutatingCalls()).isEmpty();
    }

    @Test
    void aRejectedCallStopsOnlyThatForwarderAndIsReportedWithoutSecrets() {
        DesiredForwarder good = daemon("prod", "papertrail");
        DesiredForwarder bad = daemon("prod", "broken");
        var c = bad.taskDefinition().containers().get(0);
        var noMemory = new dev.logship.model.ContainerSpec(c.name(), c.image(), c.cpu(), null, null, c.essential(), c.command(),
                c.environment(), c.secrets(), c.portMappings(), c.mountPoints(), c.healthCheck());
        var td = bad.taskDefinition();
        DesiredForwarder rejected = new DesiredForwarder(bad.key(), new dev.logship.model.TaskDefinitionSpec(td.family(),
                td.networkMode(), td.requiresCompatibilities(), List.of(noMemory), td.volumes(), td.placementConstraints(), td.tags()),
                bad.service(), false, false, bad.contentHash());
        SyncResult result = ecs.synchronizer.sync(cluster(target("prod", false), good, rejected));
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.forwarder()).isEqualTo("prod/broken");
            assertThat(f.operation()).isEqualTo("RegisterTaskDefinition");
            assertThat(f.message()).contains("memory").doesNotContain("papertrailapp");
        });
        assertThat(result.steps()).extracting(SyncResult.Step::detail).anySatisfy(d -> assertThat(d).startsWith("created service papertrail"));
        assertThat(ecs.gateways.forCluster(target("prod", false)).observe().service("broken")).isEmpty();
        assertThat(result.health().get("prod/broken").status()).isEqualTo(Health.Status.Missing);
    }

    @Test
    void aSuspendedClusterIsPlannedButNotChanged() {
        var suspended = new dev.logship.model.ClusterTarget("prod", "prod-ecs", "us-east-1", null, true, false, true);
        DesiredCluster prod = cluster(suspended, daemon("prod", "papertrail"));
        ClusterPlan plan = ecs.synchronizer.plan(prod);
        assertThat(plan.hasChanges()).isTrue();
        assertThat(plan.warnings()).singleElement().asString().contains("suspended");
        ecs.server.resetCallCounts();
        SyncResult result = ecs.synchronizer.apply(prod, plan);
        assertThat(result.steps()).isEmpty();
        assertThat(ecs.mutatingCalls()).isEmpty();
        assertThat(result.clusterHealth().status()).isEqualTo(Health.Status.Missing);
    }
}
