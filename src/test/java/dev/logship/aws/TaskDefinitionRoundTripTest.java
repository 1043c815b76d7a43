package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.diff.TaskDefinitionDiff;
import dev.logship.model.TaskDefinitionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * local-ecs stores and returns every field RegisterTaskDefinition receives, as ECS does: a
 * revision registered with every leaf field the SDK model has set (through the real SDK, over
 * HTTP) is described back, through logship's gateway, as the same input.
 */
class TaskDefinitionRoundTripTest {
    private LocalEcsHarness ecs;

    @BeforeEach
    void start() {
        ecs = new LocalEcsHarness(Map.of("prod-ecs", 1));
    }

    @AfterEach
    void stop() {
        ecs.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFieldRegisteredComesBackFromDescribe() {
        Map<String, Object> sent = TaskDefinitionFieldWalkTest.DESIRED;
        List<SdkModel.Leaf> leaves = SdkModel.leaves(RegisterTaskDefinitionRequest.builder().build());
        for (SdkModel.Leaf leaf : leaves) {
            sent = SdkModel.with(sent, leaf, SdkModel.nonDefault(leaf.field()));
        }
        // local-ecs checks that every mount names a declared volume, as ECS does: declare the ones the walk invented.
        Map<String, Object> document = new LinkedHashMap<>(sent);
        List<Object> volumes = new java.util.ArrayList<>((List<Object>) document.get("volumes"));
        for (Object c : (List<Object>) document.get("containerDefinitions")) {
            for (Object m : (List<Object>) ((Map<String, Object>) c).getOrDefault("mountPoints", List.of())) {
                volumes.add(Map.of("name", ((Map<String, Object>) m).get("sourceVolume")));
            }
        }
        document.put("volumes", volumes);
        document.put("family", "logship-everything");
        RegisterTaskDefinitionRequest request = SdkModel.build(RegisterTaskDefinitionRequest::builder, document);
        Map<String, Object> requestDocument = TaskDefinitionDocuments.request(request);
        assertThat(requestDocument).as("the walk set every top-level field").hasSize(request.sdkFields().size());

        String arn;
        try (EcsClient sdk = ecs.sdk("us-east-1")) {
            arn = sdk.registerTaskDefinition(request).taskDefinition().taskDefinitionArn();
        }
        TaskDefinitionSpec described = ecs.gateways.forCluster(Desired.target("prod", false)).describeTaskDefinition(arn);
        assertThat(TaskDefinitionDiff.of(described.document(), requestDocument)).isEmpty();
        assertThat(TaskDefinitionDiff.sameContent(described.document(), requestDocument)).isTrue();
    }
}
