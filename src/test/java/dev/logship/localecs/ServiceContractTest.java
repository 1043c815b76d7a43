package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.testkit.LocalEcs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;

class ServiceContractTest {

    @RegisterExtension
    static final LocalEcs LOCAL = LocalEcs.with(LocalEcsConfig.builder().cluster("prod", 3).build());

    @BeforeEach
    void registerTheTaskDefinition() {
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
    }

    private Service describe(String name) {
        return LOCAL.ecs().describeServices(r -> r.cluster("prod").services(name).include(ServiceField.TAGS)).services().get(0);
    }

    @Test
    void daemonServiceReportsEcsDefaultsAndRunsOnePerNode() {
        Service created = LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON).propagateTags(PropagateTags.SERVICE)
                .tags(Tag.builder().key("owner").value("logship").build())).service();

        assertThat(created.serviceArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/prod/logspout");
        assertThat(created.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/prod");
        assertThat(created.deploymentConfiguration().maximumPercent()).isEqualTo(100);
        assertThat(created.deploymentConfiguration().minimumHealthyPercent()).isZero();
        Service s = describe("logspout");
        assertThat(s.desiredCount()).isEqualTo(3);
        assertThat(s.runningCount()).isEqualTo(3);
        assertThat(s.schedulingStrategy()).isEqualTo(SchedulingStrategy.DAEMON);
        assertThat(s.propagateTags()).isEqualTo(PropagateTags.SERVICE);
        assertThat(s.createdAt()).isNotNull();
        assertThat(s.tags()).containsExactly(Tag.builder().key("owner").value("logship").build());
        assertThat(s.deployments()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("PRIMARY");
            assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
        });
        assertThat(s.events().get(0).message()).isEqualTo("(service logspout) has reached a steady state.");
    }

    @Test
    void tasksCarryManagedAndPropagatedTags() {
        LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON).propagateTags(PropagateTags.SERVICE).enableECSManagedTags(true)
                .tags(Tag.builder().key("owner").value("logship").build()));

        List<String> arns = LOCAL.ecs().listTasks(r -> r.cluster("prod")).taskArns();
        var tasks = LOCAL.ecs().describeTasks(r -> r.cluster("prod").tasks(arns).include(software.amazon.awssdk.services.ecs.model.TaskField.TAGS)).tasks();

        assertThat(tasks).hasSize(3).allSatisfy(t -> assertThat(t.tags()).containsExactly(
                Tag.builder().key("aws:ecs:clusterName").value("prod").build(),
                Tag.builder().key("aws:ecs:serviceName").value("logspout").build(),
                Tag.builder().key("owner").value("logship").build()));
        assertThat(tasks.get(0).group()).isEqualTo("service:logspout");
    }

    @Test
    void replicaDefaultsAre200And100() {
        Service s = LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("web").taskDefinition("logspout").desiredCount(1)).service();

        assertThat(s.deploymentConfiguration().maximumPercent()).isEqualTo(200);
        assertThat(s.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(100);
        assertThat(s.schedulingStrategy()).isEqualTo(SchedulingStrategy.REPLICA);
        assertThat(s.placementConstraints()).isEmpty();
        assertThat(s.propagateTags()).isEqualTo(PropagateTags.NONE);
    }

    @Test
    void daemonRejectsDesiredCountPlacementStrategiesAndMaximumAbove100() {
        assertThatThrownBy(() -> LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("d").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON).desiredCount(2)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("d").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON)
                .placementStrategy(PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("host").build())))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("d").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON).deploymentConfiguration(c -> c.maximumPercent(200))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void creatingTheSameNameTwiceIsNotIdempotent() {
        LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("web").taskDefinition("logspout").desiredCount(1));

        assertThatThrownBy(() -> LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("web").taskDefinition("logspout").desiredCount(1)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Creation of service was not idempotent.");
    }

    @Test
    void updatingTheTaskDefinitionStartsANewPrimaryDeploymentThatCompletes() {
        LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON));
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));

        Service updated = LOCAL.ecs().updateService(r -> r.cluster("prod").service("logspout").taskDefinition("logspout:2")).service();
        Service settled = describe("logspout");

        assertThat(updated.taskDefinition()).endsWith("logspout:2");
        Deployment primary = settled.deployments().get(0);
        assertThat(primary.status()).isEqualTo("PRIMARY");
        assertThat(primary.taskDefinition()).endsWith("logspout:2");
        assertThat(primary.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
        assertThat(settled.deployments()).hasSize(1);
        assertThat(settled.runningCount()).isEqualTo(3);
        assertThat(LOCAL.ecs().listTasks(r -> r.cluster("prod").serviceName("logspout")).taskArns()).hasSize(3);
        assertThat(LOCAL.ecs().describeTasks(r -> r.cluster("prod").tasks(LOCAL.ecs().listTasks(l -> l.cluster("prod")).taskArns())).tasks())
                .allMatch(t -> t.taskDefinitionArn().endsWith("logspout:2"));
    }

    @Test
    void describeReportsMissingServicesWithTheirLongArnAndAtMostTen() {
        var out = LOCAL.ecs().describeServices(r -> r.cluster("prod").services("nope"));

        assertThat(out.services()).isEmpty();
        assertThat(out.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/prod/nope");
            assertThat(f.reason()).isEqualTo("MISSING");
        });
        assertThatThrownBy(() -> LOCAL.ecs().describeServices(r -> r.cluster("prod")
                .services("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> LOCAL.ecs().describeServices(r -> r.cluster("nope").services("x")))
                .isInstanceOf(ClusterNotFoundException.class);
    }

    @Test
    void listPaginatesTenAtATimeByDefaultAndHidesDeletedServices() {
        for (int i = 0; i < 12; i++) {
            String name = "svc-" + i;
            LOCAL.ecs().createService(r -> r.cluster("prod").serviceName(name).taskDefinition("logspout").desiredCount(0));
        }
        LOCAL.ecs().deleteService(r -> r.cluster("prod").service("svc-0"));

        var first = LOCAL.ecs().listServices(r -> r.cluster("prod"));
        assertThat(first.serviceArns()).hasSize(10);
        assertThat(first.nextToken()).isNotNull();
        var second = LOCAL.ecs().listServices(r -> r.cluster("prod").nextToken(first.nextToken()));
        assertThat(second.serviceArns()).hasSize(1);
        assertThat(second.nextToken()).isNull();
        List<String> all = new ArrayList<>(first.serviceArns());
        all.addAll(second.serviceArns());
        assertThat(all).doesNotContain("arn:aws:ecs:us-east-1:000000000000:service/prod/svc-0").hasSize(11);
        assertThat(LOCAL.ecs().listServicesPaginator(r -> r.cluster("prod").maxResults(4)).serviceArns()).hasSize(11);
        assertThatThrownBy(() -> LOCAL.ecs().listServices(r -> r.cluster("prod").maxResults(101)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void deleteNeedsForceAboveZeroAndGoesDrainingThenInactive() {
        LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("web").taskDefinition("logspout").desiredCount(2));

        assertThatThrownBy(() -> LOCAL.ecs().deleteService(r -> r.cluster("prod").service("web")))
                .isInstanceOf(InvalidParameterException.class);
        Service deleting = LOCAL.ecs().deleteService(r -> r.cluster("prod").service("web").force(true)).service();

        assertThat(deleting.status()).isEqualTo("DRAINING");
        assertThat(describe("web").status()).isEqualTo("INACTIVE");
        assertThat(LOCAL.ecs().listTasks(r -> r.cluster("prod")).taskArns()).isEmpty();
        assertThatThrownBy(() -> LOCAL.ecs().updateService(r -> r.cluster("prod").service("web").desiredCount(1)))
                .isInstanceOf(ServiceNotActiveException.class);
        assertThatThrownBy(() -> LOCAL.ecs().updateService(r -> r.cluster("prod").service("never").desiredCount(1)))
                .isInstanceOf(ServiceNotFoundException.class);
        LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("web").taskDefinition("logspout").desiredCount(1));
        assertThat(describe("web").status()).isEqualTo("ACTIVE");
    }

    @Test
    void daemonServicesCannotBeGivenADesiredCountOnUpdate() {
        LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON));

        assertThatThrownBy(() -> LOCAL.ecs().updateService(r -> r.cluster("prod").service("logspout").desiredCount(5)))
                .isInstanceOf(InvalidParameterException.class);
    }
}
