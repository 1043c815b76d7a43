package dev.logship.localecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.testkit.LocalEcs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

class TaskDefinitionContractTest {

    @RegisterExtension
    static final LocalEcs LOCAL = LocalEcs.with(LocalEcsConfig.builder().cluster("prod", 2).build());

    @Test
    void registerFillsInWhatEcsFillsIn() {
        Instant before = Instant.now().minusSeconds(1);
        TaskDefinition td = LOCAL.ecs().registerTaskDefinition(r -> r.family("web").containerDefinitions(
                ContainerDefinition.builder().name("app").image("nginx").memory(64)
                        .portMappings(PortMapping.builder().containerPort(80).build()).build())).taskDefinition();

        assertThat(td.taskDefinitionArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-definition/web:1");
        assertThat(td.revision()).isEqualTo(1);
        assertThat(td.statusAsString()).isEqualTo("ACTIVE");
        assertThat(td.compatibilitiesAsStrings()).containsExactly("EC2");
        assertThat(td.registeredAt()).isAfter(before);
        assertThat(td.registeredBy()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(td.requiresAttributes()).isNotEmpty();
        ContainerDefinition c = td.containerDefinitions().get(0);
        assertThat(c.cpu()).isZero();
        assertThat(c.essential()).isTrue();
        assertThat(c.environment()).isEmpty();
        assertThat(c.mountPoints()).isEmpty();
        assertThat(c.volumesFrom()).isEmpty();
        assertThat(c.portMappings()).containsExactly(
                PortMapping.builder().containerPort(80).hostPort(0).protocol(TransportProtocol.TCP).build());
    }

    @Test
    void hostPortEqualsContainerPortOutsideBridgeMode() {
        TaskDefinition td = LOCAL.ecs().registerTaskDefinition(r -> r.family("hosty").networkMode(NetworkMode.HOST)
                .containerDefinitions(ContainerDefinition.builder().name("app").image("nginx").memory(64)
                        .portMappings(PortMapping.builder().containerPort(8080).build()).build())).taskDefinition();

        assertThat(td.containerDefinitions().get(0).portMappings().get(0).hostPort()).isEqualTo(8080);
        assertThat(td.networkMode()).isEqualTo(NetworkMode.HOST);
    }

    @Test
    void revisionsCountUpAndDescribeResolvesFamilyRevisionAndArn() {
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1234));
        TaskDefinition second = LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("logspout", 1235)).taskDefinition();

        assertThat(second.revision()).isEqualTo(2);
        assertThat(LOCAL.ecs().describeTaskDefinition(r -> r.taskDefinition("logspout")).taskDefinition().revision()).isEqualTo(2);
        assertThat(LOCAL.ecs().describeTaskDefinition(r -> r.taskDefinition("logspout:1")).taskDefinition().revision()).isEqualTo(1);
        assertThat(LOCAL.ecs().describeTaskDefinition(r -> r.taskDefinition(second.taskDefinitionArn())).taskDefinition())
                .isEqualTo(second);
        assertThatThrownBy(() -> LOCAL.ecs().describeTaskDefinition(r -> r.taskDefinition("logspout:9")))
                .isInstanceOf(ClientException.class);
    }

    @Test
    void tagsGivenAtRegisterComeBackAtTheTopLevelWhenAskedFor() {
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("tagged", 1234).toBuilder()
                .tags(Tag.builder().key("logship.dev/managed-by").value("logship").build()).build());

        var plain = LOCAL.ecs().describeTaskDefinition(r -> r.taskDefinition("tagged"));
        var withTags = LOCAL.ecs().describeTaskDefinition(r -> r.taskDefinition("tagged").include(TaskDefinitionField.TAGS));

        assertThat(plain.tags()).isEmpty();
        assertThat(withTags.tags()).containsExactly(Tag.builder().key("logship.dev/managed-by").value("logship").build());
    }

    @Test
    void containersNeedMemoryOnEc2AndMountsNeedDeclaredVolumes() {
        assertThatThrownBy(() -> LOCAL.ecs().registerTaskDefinition(r -> r.family("nomem")
                .containerDefinitions(ContainerDefinition.builder().name("app").image("nginx").build())))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified.");
        LOCAL.ecs().registerTaskDefinition(r -> r.family("taskmem").memory("256")
                .containerDefinitions(ContainerDefinition.builder().name("app").image("nginx").build()));
        assertThatThrownBy(() -> LOCAL.ecs().registerTaskDefinition(r -> r.family("novol")
                .containerDefinitions(ContainerDefinition.builder().name("app").image("nginx").memory(64)
                        .mountPoints(m -> m.sourceVolume("dockersock").containerPath("/tmp/docker.sock")).build())))
                .isInstanceOf(ClientException.class).hasMessageContaining("dockersock");
    }

    @Test
    void emptyTagListsAndReservedPrefixesAreRejected() {
        assertThatThrownBy(() -> LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("x", 1).toBuilder().tags(List.of()).build()))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("x", 1).toBuilder()
                .tags(Tag.builder().key("aws:owner").value("me").build()).build()))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void listPaginatesFiltersByFamilyAndSorts() {
        for (int i = 0; i < 5; i++) {
            LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("pages", 1234));
        }
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("other", 1234));

        List<String> all = new ArrayList<>();
        String token = null;
        int calls = 0;
        do {
            String t = token;
            ListTaskDefinitionsResponse page = LOCAL.ecs().listTaskDefinitions(r -> r.familyPrefix("pages").maxResults(2).nextToken(t));
            all.addAll(page.taskDefinitionArns());
            token = page.nextToken();
            calls++;
        } while (token != null);

        assertThat(calls).isEqualTo(3);
        assertThat(all).hasSize(5).allMatch(arn -> arn.contains(":task-definition/pages:"));
        assertThat(LOCAL.ecs().listTaskDefinitions(r -> r.familyPrefix("pages").sort(SortOrder.DESC)).taskDefinitionArns().get(0))
                .endsWith("pages:5");
        assertThat(LOCAL.ecs().listTaskDefinitionsPaginator(r -> r.maxResults(1)).taskDefinitionArns()).hasSize(6);
    }

    @Test
    void deregisteredRevisionsAreInactiveUnusableAndOnlyThenDeletable() {
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("old", 1234));
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("old", 1234));

        var deleteActive = LOCAL.ecs().deleteTaskDefinitions(r -> r.taskDefinitions("old:2"));
        assertThat(deleteActive.failures()).hasSize(1);
        assertThat(deleteActive.taskDefinitions()).isEmpty();

        TaskDefinition gone = LOCAL.ecs().deregisterTaskDefinition(r -> r.taskDefinition("old:2")).taskDefinition();
        assertThat(gone.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(gone.deregisteredAt()).isNotNull();
        assertThat(LOCAL.ecs().describeTaskDefinition(r -> r.taskDefinition("old")).taskDefinition().revision()).isEqualTo(1);
        assertThat(LOCAL.ecs().listTaskDefinitions(r -> r.status(TaskDefinitionStatus.INACTIVE)).taskDefinitionArns())
                .containsExactly(gone.taskDefinitionArn());
        assertThatThrownBy(() -> LOCAL.ecs().createService(r -> r.cluster("prod").serviceName("s").taskDefinition("old:2").desiredCount(1)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("inactive");

        var deleted = LOCAL.ecs().deleteTaskDefinitions(r -> r.taskDefinitions(gone.taskDefinitionArn()));
        assertThat(deleted.failures()).isEmpty();
        assertThat(deleted.taskDefinitions().get(0).status()).isEqualTo(TaskDefinitionStatus.DELETE_IN_PROGRESS);
        assertThatThrownBy(() -> LOCAL.ecs().deleteTaskDefinitions(r -> r.taskDefinitions(
                "a:1", "a:2", "a:3", "a:4", "a:5", "a:6", "a:7", "a:8", "a:9", "a:10", "a:11")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void familiesListByPrefixAndStatus() {
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("logspout-a", 1234));
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("logspout-b", 1234));
        LOCAL.ecs().registerTaskDefinition(LocalEcsFixture.logspout("web", 80));
        LOCAL.ecs().deregisterTaskDefinition(r -> r.taskDefinition("logspout-b:1"));

        assertThat(LOCAL.ecs().listTaskDefinitionFamilies(r -> r.familyPrefix("logspout")).families())
                .containsExactly("logspout-a", "logspout-b");
        assertThat(LOCAL.ecs().listTaskDefinitionFamilies(r -> r.status(TaskDefinitionFamilyStatus.ACTIVE)).families())
                .containsExactly("logspout-a", "web");
        assertThat(LOCAL.ecs().listTaskDefinitionFamilies(r -> r.status(TaskDefinitionFamilyStatus.INACTIVE)).families())
                .containsExactly("logspout-b");
    }
}
