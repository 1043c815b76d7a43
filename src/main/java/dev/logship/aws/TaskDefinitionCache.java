package dev.logship.aws;

import dev.logship.model.TaskDefinitionSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Task definition revisions are immutable, so their content is described once per ARN for
 * the life of the process (tags can change but logship only tags at registration).
 */
final class TaskDefinitionCache {
    private final Map<String, TaskDefinitionSpec> byArn = new ConcurrentHashMap<>();

    TaskDefinitionSpec get(String arn, Function<String, TaskDefinitionSpec> describe) {
        TaskDefinitionSpec known = byArn.get(arn);
        if (known != null) {
            return known;
        }
        TaskDefinitionSpec described = describe.apply(arn);
        byArn.put(arn, described);
        return described;
    }

    void put(String arn, TaskDefinitionSpec spec) {
        byArn.put(arn, spec);
    }

    int size() {
        return byArn.size();
    }
}
