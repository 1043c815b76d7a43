package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterContainsContainerInstancesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Tag;

class ClusterContractTest {
    private static LocalEcsServer server;
    private static EcsClient ecs;

    @BeforeAll
    static void start() {
        server = LocalEcsServer.start(LocalEcsConfig.builder().cluster("prod", 2).build());
        ecs = LocalEcsFixture.clientWithoutRetries(server);
    }

    @AfterAll
    static void stop() {
        ecs.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void describeCountsInstancesServicesAndTasksAndReportsMissingOnes() {
        ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON));

        var out = ecs.describeClusters(r -> r.clusters("prod", "ghost"));

        Cluster prod = out.clusters().get(0);
        assertThat(prod.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/prod");
        assertThat(prod.status()).isEqualTo("ACTIVE");
        assertThat(prod.registeredContainerInstancesCount()).isEqualTo(2);
        assertThat(prod.activeServicesCount()).isEqualTo(1);
        assertThat(prod.runningTasksCount()).isEqualTo(2);
        assertThat(out.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/ghost");
            assertThat(f.reason()).isEqualTo("MISSING");
        });
    }

    @Test
    void createIsIdempotentListShowsActiveAndDeleteRefusesBusyClusters() {
        ecs.createCluster(r -> r.clusterName("staging").tags(Tag.builder().key("env").value("staging").build()));
        ecs.createCluster(r -> r.clusterName("staging"));

        assertThat(ecs.listClusters().clusterArns()).containsExactly(
                "arn:aws:ecs:us-east-1:000000000000:cluster/prod", "arn:aws:ecs:us-east-1:000000000000:cluster/staging");
        assertThat(ecs.describeClusters(r -> r.clusters("staging").include(ClusterField.TAGS)).clusters().get(0).tags())
                .containsExactly(Tag.builder().key("env").value("staging").build());
        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("prod")))
                .isInstanceOf(ClusterContainsContainerInstancesException.class);

        ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
        ecs.createService(r -> r.cluster("staging").serviceName("x").taskDefinition("logspout").desiredCount(0));
        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("staging")))
                .isInstanceOf(ClusterContainsServicesException.class);
        ecs.deleteService(r -> r.cluster("staging").service("x"));

        assertThat(ecs.deleteCluster(r -> r.cluster("staging")).cluster().status()).isEqualTo("INACTIVE");
        assertThat(ecs.listClusters().clusterArns()).containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/prod");
        assertThatThrownBy(() -> ecs.listServices(r -> r.cluster("staging"))).isInstanceOf(ClusterNotFoundException.class);
    }

    @Test
    void containerInstancesRegisterDrainAndDeregister() {
        var registered = ecs.registerContainerInstance(r -> r.cluster("prod")).containerInstance();
        assertThat(registered.containerInstanceArn()).startsWith("arn:aws:ecs:us-east-1:000000000000:container-instance/prod/");
        assertThat(ecs.listContainerInstances(r -> r.cluster("prod")).containerInstanceArns()).hasSize(3);

        ecs.updateContainerInstancesState(r -> r.cluster("prod").containerInstances(registered.containerInstanceArn())
                .status(ContainerInstanceStatus.DRAINING));
        assertThat(ecs.listContainerInstances(r -> r.cluster("prod").status(ContainerInstanceStatus.ACTIVE))
                .containerInstanceArns()).hasSize(2);
        var described = ecs.describeContainerInstances(r -> r.cluster("prod")
                .containerInstances(registered.containerInstanceArn(), "missing-id"));
        assertThat(described.containerInstances().get(0).status()).isEqualTo("DRAINING");
        assertThat(described.failures()).extracting(f -> f.reason()).containsExactly("MISSING");

        ecs.deregisterContainerInstance(r -> r.cluster("prod").containerInstance(registered.containerInstanceArn()));
        assertThat(ecs.listContainerInstances(r -> r.cluster("prod")).containerInstanceArns()).hasSize(2);
        assertThat(server.nodeCounts()).containsEntry("prod", 2);
    }

    @Test
    void busyInstancesNeedForceToDeregister() {
        ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
        ecs.createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON));
        String node = ecs.listContainerInstances(r -> r.cluster("prod")).containerInstanceArns().get(0);

        assertThatThrownBy(() -> ecs.deregisterContainerInstance(r -> r.cluster("prod").containerInstance(node)))
                .isInstanceOf(InvalidParameterException.class);
        ecs.deregisterContainerInstance(r -> r.cluster("prod").containerInstance(node).force(true));

        assertThat(ecs.describeServices(r -> r.cluster("prod").services("logspout")).services().get(0).runningCount()).isEqualTo(1);
    }

    @Test
    void tagsCanBeAddedListedAndRemovedOnAnyResource() {
        String service = ecs.registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234)).taskDefinition().taskDefinitionArn();
        String cluster = "arn:aws:ecs:us-east-1:000000000000:cluster/prod";
        for (String arn : new String[] {service, cluster}) {
            ecs.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(),
                    Tag.builder().key("b").value("2").build()));
            ecs.untagResource(r -> r.resourceArn(arn).tagKeys("a"));
            assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags())
                    .containsExactly(Tag.builder().key("b").value("2").build());
        }
        assertThatThrownBy(() -> ecs.tagResource(r -> r.resourceArn(cluster).tags(Tag.builder().key("aws:x").value("1").build())))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.listTagsForResource(r -> r.resourceArn("arn:aws:ecs:us-east-1:000000000000:service/prod/ghost")))
                .isInstanceOf(ResourceNotFoundException.class);
        Tag[] tooMany = new Tag[51];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = Tag.builder().key("k" + i).value("v").build();
        }
        assertThatThrownBy(() -> ecs.tagResource(r -> r.resourceArn(cluster).tags(tooMany)))
                .isInstanceOf(InvalidParameterException.class);
    }
}
