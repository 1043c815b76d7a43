package dev.logship.manifest;

import java.util.Map;
import java.util.TreeMap;

/** Reads {@code spec.tags} within AWS's tag rules, counting the tags logship adds itself. */
final class TagsReader {
    private TagsReader() {}

    static Map<String, String> read(Context context, Fields spec) {
        Map<String, String> tags = new TreeMap<>();
        spec.get("tags").flatMap(node -> Values.stringMap(context, node, "spec.tags")).ifPresent(entries -> {
            int allowed = EcsRules.MAX_TAGS - EcsRules.LOGSHIP_TAGS;
            if (entries.size() > allowed) {
                context.report(spec.positionOf("tags"), "spec.tags", "at most " + allowed + " tags: ECS allows "
                        + EcsRules.MAX_TAGS + " per resource and logship adds " + EcsRules.LOGSHIP_TAGS
                        + " (managed-by, forwarder, content-hash); got " + entries.size());
            }
            entries.forEach((key, value) -> {
                String field = "spec.tags." + key.getValue();
                EcsRules.tagKey(key.getValue()).or(() -> EcsRules.tagValue(value)).ifPresentOrElse(
                        message -> context.report(key, field, message), () -> tags.put(key.getValue(), value));
            });
        });
        return tags;
    }
}
