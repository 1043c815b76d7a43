package dev.logship.diff;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Full-fidelity comparison of two task definition documents (RegisterTaskDefinition input as
 * plain data): every field either side carries, after {@link DocumentNormalizer}. A field ECS
 * returns that Git does not set is drift unless it holds ECS's default.
 */
public final class TaskDefinitionDiff {
    static final String PREFIX = "taskDefinition.";

    private TaskDefinitionDiff() {}

    /** Differences from {@code live} to {@code desired}, by path (e.g. {@code taskDefinition.containerDefinitions[logspout].privileged}). */
    public static List<FieldDiff> of(Map<String, Object> live, Map<String, Object> desired) {
        return Differ.compare(paths(live), paths(desired));
    }

    /** Whether a revision holds exactly the desired input, tags included (the test for reusing it). */
    public static boolean sameContent(Map<String, Object> live, Map<String, Object> desired) {
        return DocumentNormalizer.taskDefinition(live).equals(DocumentNormalizer.taskDefinition(desired));
    }

    static SortedMap<String, String> paths(Map<String, Object> document) {
        return DocumentPaths.of(DocumentNormalizer.taskDefinition(document), PREFIX);
    }
}
