package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.testkit.LocalEcs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    static final LocalEcs LOCAL = LocalEcs.with(LocalEcsConfig.builder().cluster("prod", 2).build());

    @Test
    void describeCountsInstancesServicesAndTasksAndReportsMissingOnes() {
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
        LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON));

        var out = LOCAL.ecs().describeClusters(r -> r.clusters("prod", "ghost"));

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
        LOCAL.ecs().createCluster(r -> r.clusterName("staging").tags(Tag.builder().key("env").value("staging").build()));
        LOCAL.ecs().createCluster(r -> r.clusterName("staging"));

        assertThat(LOCAL.ecs().listClusters().clusterArns()).containsExactly(
                "arn:aws:ecs:us-east-1:000000000000:cluster/prod", "arn:aws:ecs:us-east-1:000000000000:cluster/staging");
        assertThat(LOCAL.ecs().describeClusters(r -> r.clusters("staging").include(ClusterField.TAGS)).clusters().get(0).tags())
                .containsExactly(Tag.builder().key("env").value("staging").build());
        assertThatThrownBy(() -> LOCAL.ecs().deleteCluster(r -> r.cluster("prod")))
                .isInstanceOf(ClusterContainsContainerInstancesException.class);

        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
        LOCAL.ecs().createService(r -> r.cluster("staging").serviceName("x").taskDefinition("logspout").desiredCount(0));
        assertThatThrownBy(() -> LOCAL.ecs().deleteCluster(r -> r.cluster("staging")))
                .isInstanceOf(ClusterContainsServicesException.class);
        LOCAL.ecs().deleteService(r -> r.cluster("staging").service("x"));

        assertThat(LOCAL.ecs().deleteCluster(r -> r.cluster("staging")).cluster().status()).isEqualTo("INACTIVE");
        assertThat(LOCAL.ecs().listClusters().clusterArns()).containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/prod");
        assertThatThrownBy(() -> LOCAL.ecs().listServices(r -> r.cluster("staging"))).isInstanceOf(ClusterNotFoundException.class);
    }

    @Test
    void containerInstancesRegisterDrainAndDeregister() {
        var registered = LOCAL.ecs().registerContainerInstance(r -> r.cluster("prod")).containerInstance();
        assertThat(registered.containerInstanceArn()).startsWith("arn:aws:ecs:us-east-1:000000000000:container-instance/prod/");
        assertThat(LOCAL.ecs().listContainerInstances(r -> r.cluster("prod")).containerInstanceArns()).hasSize(3);

        LOCAL.ecs().updateContainerInstancesState(r -> r.cluster("prod").containerInstances(registered.containerInstanceArn())
                .status(ContainerInstanceStatus.DRAINING));
        assertThat(LOCAL.ecs().listContainerInstances(r -> r.cluster("prod").status(ContainerInstanceStatus.ACTIVE))
                .containerInstanceArns()).hasSize(2);
        var described = LOCAL.ecs().describeContainerInstances(r -> r.cluster("prod")
                .containerInstances(registered.containerInstanceArn(), "missing-id"));
        assertThat(described.containerInstances().get(0).status()).isEqualTo("DRAINING");
        assertThat(described.failures()).extracting(f -> f.reason()).containsExactly("MISSING");

        LOCAL.ecs().deregisterContainerInstance(r -> r.cluster("prod").containerInstance(registered.containerInstanceArn()));
        assertThat(LOCAL.ecs().listContainerInstances(r -> r.cluster("prod")).containerInstanceArns()).hasSize(2);
        assertThat(LOCAL.server().nodeCounts()).containsEntry("prod", 2);
    }

    @Test
    void busyInstancesNeedForceToDeregister() {
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
        LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("logspout").taskDefinition("logspout")
                .schedulingStrategy(SchedulingStrategy.DAEMON));
        String node = LOCAL.ecs().listContainerInstances(r -> r.cluster("prod")).containerInstanceArns().get(0);

        assertThatThrownBy(() -> LOCAL.ecs().deregisterContainerInstance(r -> r.cluster("prod").containerInstance(node)))
                .isInstanceOf(InvalidParameterException.class);
        LOCAL.ecs().deregisterContainerInstance(r -> r.cluster("prod").containerInstance(node).force(true));

        assertThat(LOCAL.ecs().describeServices(r -> r.cluster("prod").services("logspout")).services().get(0).runningCount()).isEqualTo(1);
    }

    @Test
    void tagsCanBeAddedListedAndRemovedOnAnyResource() {
        String service = LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234)).taskDefinition().taskDefinitionArn();
        String cluster = "arn:aws:ecs:us-east-1:000000000000:cluster/prod";
        for (String arn : new String[] {service, cluster}) {
            LOCAL.ecs().tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(),
                    Tag.builder().key("b").value("2").build()));
            LOCAL.ecs().untagResource(r -> r.resourceArn(arn).tagKeys("a"));
            assertThat(LOCAL.ecs().listTagsForResource(r -> r.resourceArn(arn)).tags())
                    .containsExactly(Tag.builder().key("b").value("2").build());
        }
        assertThatThrownBy(() -> LOCAL.ecs().tagResource(r -> r.resourceArn(cluster).tags(Tag.builder().key("aws:x").value("1").build())))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> LOCAL.ecs().listTagsForResource(r -> r.resourceArn("arn:aws:ecs:us-east-1:000000000000:service/prod/ghost")))
                .isInstanceOf(ResourceNotFoundException.class);
        Tag[] tooMany = new Tag[51];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = Tag.builder().key("k" + i).value("v").build();
        }
        assertThatThrownBy(() -> LOCAL.ecs().tagResource(r -> r.resourceArn(cluster).tags(tooMany)))
                .isInstanceOf(InvalidParameterException.class);
    }
}
