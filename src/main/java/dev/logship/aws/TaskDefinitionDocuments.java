package dev.logship.aws;

import dev.logship.model.TaskDefinitionSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Both sides of a task definition comparison in one shape: the RegisterTaskDefinition input
 * as plain data ({@link SdkDocuments}). The desired side is the request logship would send;
 * the live side is the described revision reduced to the request's fields (so what ECS adds on
 * its own, such as taskDefinitionArn, revision, status, requiresAttributes, compatibilities
 * and registeredAt/By, is dropped by the SDK's metadata rather than by a list) plus its tags.
 */
final class TaskDefinitionDocuments {
    static final String TAGS = "tags";
    private static final RegisterTaskDefinitionRequest SHAPE = RegisterTaskDefinitionRequest.builder().build();

    private TaskDefinitionDocuments() {}

    static Map<String, Object> desired(TaskDefinitionSpec spec) {
        return request(TaskDefinitionMapper.toRequest(spec));
    }

    static Map<String, Object> request(RegisterTaskDefinitionRequest request) {
        return SdkDocuments.of(request);
    }

    static Map<String, Object> live(TaskDefinition described, List<Tag> tags) {
        Map<String, Object> out = new TreeMap<>(SdkDocuments.inputOf(described, SHAPE));
        out.remove(TAGS);
        Object plainTags = SdkDocuments.plain(tags);
        if (plainTags != null) {
            out.put(TAGS, plainTags);
        }
        return out;
    }
}
