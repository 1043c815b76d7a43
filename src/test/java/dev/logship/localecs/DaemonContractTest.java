package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.testkit.LocalEcs;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderType;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DaemonContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.DaemonNotFoundException;
import software.amazon.awssdk.services.ecs.model.DaemonStatus;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionRevisionFilter;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinitionStatusFilter;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.UnsupportedFeatureException;

/** The daemon actions and Managed Instances capacity providers as the SDK sees them. */
class DaemonContractTest {
    @RegisterExtension
    static final LocalEcs LOCAL = LocalEcs.with(LocalEcsConfig.builder()
            .managedInstances(DaemonFixture.CLUSTER, DaemonFixture.PROVIDER, 3).build());

    private EcsClient ecs;

    @BeforeEach
    void client() {
        ecs = LOCAL.ecs();
    }

    @Test
    void managedInstancesProviderBelongsToItsClusterAndItsInstancesSayWhichProvider() {
        CapacityProvider created = ecs.createCapacityProvider(r -> r.name("extra").cluster("prod").managedInstancesProvider(m -> m
                .infrastructureRoleArn("arn:aws:iam::000000000000:role/ecsInfrastructureRole")
                .instanceLaunchTemplate(t -> t.ec2InstanceProfileArn("arn:aws:iam::000000000000:instance-profile/ecs")
                        .networkConfiguration(n -> n.subnets("subnet-1"))))).capacityProvider();

        assertThat(created.type()).isEqualTo(CapacityProviderType.MANAGED_INSTANCES);
        assertThat(created.cluster()).isEqualTo("prod");
        assertThat(created.capacityProviderArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:capacity-provider/extra");
        assertThat(ecs.describeClusters(r -> r.clusters("prod")).clusters().get(0).capacityProviders())
                .containsExactly("managed", "extra");
        List<String> arns = ecs.listContainerInstances(r -> r.cluster("prod")).containerInstanceArns();
        List<ContainerInstance> instances = ecs.describeContainerInstances(r -> r.cluster("prod").containerInstances(arns))
                .containerInstances();
        assertThat(instances).hasSize(3).allSatisfy(i -> assertThat(i.capacityProviderName()).isEqualTo("managed"));
        assertThatThrownBy(() -> ecs.createCapacityProvider(r -> r.name("broken").cluster("prod")
                .managedInstancesProvider(m -> m.infrastructureRoleArn("arn:aws:iam::000000000000:role/x"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("instanceLaunchTemplate");
    }

    @Test
    void daemonTaskDefinitionsHaveRevisionsAndAreDeletedOnlyFromActive() {
        String first = DaemonFixture.register(ecs, "fluent/fluent-bit:4.0");
        String second = DaemonFixture.register(ecs, "fluent/fluent-bit:4.1");

        assertThat(first).isEqualTo("arn:aws:ecs:us-east-1:000000000000:daemon-task-definition/fluent-bit:1");
        var described = ecs.describeDaemonTaskDefinition(r -> r.daemonTaskDefinition("fluent-bit")).daemonTaskDefinition();
        assertThat(described.daemonTaskDefinitionArn()).isEqualTo(second);
        assertThat(described.containerDefinitions().get(0).image()).isEqualTo("fluent/fluent-bit:4.1");
        assertThat(described.status()).isEqualTo(DaemonTaskDefinitionStatus.ACTIVE);
        assertThat(ecs.listDaemonTaskDefinitions(r -> r.family("fluent-bit").revision(DaemonTaskDefinitionRevisionFilter.LAST_REGISTERED))
                .daemonTaskDefinitions()).singleElement().satisfies(s -> assertThat(s.arn()).isEqualTo(second));

        assertThat(ecs.deleteDaemonTaskDefinition(r -> r.daemonTaskDefinition(first)).daemonTaskDefinitionArn()).isEqualTo(first);
        assertThat(ecs.listDaemonTaskDefinitions(r -> r.status(DaemonTaskDefinitionStatusFilter.ACTIVE)).daemonTaskDefinitions())
                .extracting(s -> s.arn()).containsExactly(second);
        assertThat(ecs.describeDaemonTaskDefinition(r -> r.daemonTaskDefinition(first)).daemonTaskDefinition().status())
                .isEqualTo(DaemonTaskDefinitionStatus.DELETED);
        assertThatThrownBy(() -> ecs.deleteDaemonTaskDefinition(r -> r.daemonTaskDefinition(first)))
                .isInstanceOf(ClientException.class).hasMessageContaining("ACTIVE");
    }

    @Test
    void daemonTaskDefinitionsFollowTheServiceModelsRules() {
        assertThatThrownBy(() -> ecs.registerDaemonTaskDefinition(r -> r.family("x")
                .containerDefinitions(DaemonContainerDefinition.builder().name("no-image").build())))
                .isInstanceOf(ClientException.class).hasMessageContaining("image must be specified");
        assertThatThrownBy(() -> ecs.registerDaemonTaskDefinition(r -> r.family("x")
                .containerDefinitions(DaemonContainerDefinition.builder().name("a").image("i")
                        .logConfiguration(LogConfiguration.builder().logDriver("bogus").build()).build())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("logDriver");
    }

    @Test
    void daemonRunsOneTaskPerInstanceOfItsProviders() {
        String td = DaemonFixture.register(ecs, "fluent/fluent-bit:4.0");
        var created = ecs.createDaemon(r -> r.daemonName("fluent-bit").clusterArn("prod").daemonTaskDefinitionArn(td)
                .capacityProviderArns(DaemonFixture.providerArn(ecs)).tags(Tag.builder().key("owner").value("me").build()));

        assertThat(created.daemonArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:daemon/prod/fluent-bit");
        assertThat(created.status()).isEqualTo(DaemonStatus.ACTIVE);
        var daemon = DaemonFixture.describe(ecs, created.daemonArn());
        assertThat(daemon.currentRevisions()).singleElement().satisfies(r -> {
            assertThat(r.totalRunningCount()).isEqualTo(3);
            assertThat(r.capacityProviders()).singleElement().satisfies(cp -> assertThat(cp.runningCount()).isEqualTo(3));
        });
        assertThat(DaemonFixture.deployment(ecs, created.deploymentArn()).status()).isEqualTo(DaemonDeploymentStatus.SUCCESSFUL);
        var revision = ecs.describeDaemonRevisions(r -> r.daemonRevisionArns(daemon.currentRevisions().get(0).arn()))
                .daemonRevisions().get(0);
        assertThat(revision.daemonTaskDefinitionArn()).isEqualTo(td);
        assertThat(revision.containerImages().get(0).image()).isEqualTo("fluent/fluent-bit:4.0");
        assertThat(ecs.listTasks(r -> r.cluster("prod")).taskArns()).hasSize(3);
        assertThat(ecs.listDaemons(r -> r.clusterArn("prod")).daemonSummariesList()).singleElement()
                .satisfies(s -> assertThat(s.daemonArn()).isEqualTo(created.daemonArn()));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(created.daemonArn())).tags())
                .containsExactly(Tag.builder().key("owner").value("me").build());
    }

    @Test
    void anInstanceJoiningTheProviderGetsTheDaemonTask() {
        String daemon = DaemonFixture.create(ecs, DaemonFixture.register(ecs, "fluent/fluent-bit:4.0"), 50, 0);

        LOCAL.server().setManagedInstances("prod", "managed", 4);

        assertThat(DaemonFixture.describe(ecs, daemon).currentRevisions().get(0).totalRunningCount()).isEqualTo(4);
        assertThat(ecs.listTasks(r -> r.cluster("prod")).taskArns()).hasSize(4);
    }

    @Test
    void deletedDaemonStopsItsTasksAndIsGone() {
        String daemon = DaemonFixture.create(ecs, DaemonFixture.register(ecs, "fluent/fluent-bit:4.0"), 50, 0);

        var deleted = ecs.deleteDaemon(r -> r.daemonArn(daemon));

        assertThat(deleted.status()).isEqualTo(DaemonStatus.DELETE_IN_PROGRESS);
        assertThat(ecs.listTasks(r -> r.cluster("prod")).taskArns()).isEmpty();
        assertThat(ecs.listDaemons(r -> r.clusterArn("prod")).daemonSummariesList()).isEmpty();
        assertThatThrownBy(() -> ecs.describeDaemon(r -> r.daemonArn(daemon))).isInstanceOf(DaemonNotFoundException.class);
    }

    @Test
    void daemonsRunOnlyOnManagedInstancesProvidersOfTheirCluster() {
        String td = DaemonFixture.register(ecs, "fluent/fluent-bit:4.0");
        String asg = ecs.createCapacityProvider(r -> r.name("asg").autoScalingGroupProvider(a -> a
                .autoScalingGroupArn("arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:x"))).capacityProvider()
                .capacityProviderArn();

        assertThatThrownBy(() -> ecs.createDaemon(r -> r.daemonName("d").clusterArn("prod").daemonTaskDefinitionArn(td)
                .capacityProviderArns(asg))).isInstanceOf(UnsupportedFeatureException.class);
        assertThatThrownBy(() -> ecs.createDaemon(r -> r.daemonName("d").clusterArn("prod").daemonTaskDefinitionArn(td)
                .capacityProviderArns(DaemonFixture.providerArn(ecs)).deploymentConfiguration(c -> c.drainPercent(150.0))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("drainPercent");
        assertThatThrownBy(() -> ecs.updateDaemon(r -> r.daemonArn("arn:aws:ecs:us-east-1:000000000000:daemon/prod/ghost")
                .daemonTaskDefinitionArn(td).capacityProviderArns(asg))).isInstanceOf(DaemonNotFoundException.class);
    }
}
