package dev.logship.render;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Route templates and the record fields Fluent Bit resolves them from. The Lua step writes each
 * record's {@code cluster} (the ecs filter's $ClusterName), {@code container} ($ECSContainerName,
 * or docker-SHORTID), {@code task_family} ($TaskDefinitionFamily) and {@code instance}
 * ($ContainerInstanceID); {@code {forwarder}} is the forwarder's name, written in by render.
 * The routing step also puts them in the tag, {@code r.CLUSTER.FAMILY.CONTAINER.INSTANCE}, for
 * the outputs that read only tags (s3's key format).
 */
final class RecordFields {
    static final Map<String, String> KEYS = Map.of("cluster", "cluster", "container", "container",
            "taskFamily", "task_family", "instance", "instance");
    /** Position of each field in the routed tag ($TAG[n] in s3_key_format). */
    static final Map<String, Integer> TAG_PARTS = Map.of("cluster", 1, "taskFamily", 2, "container", 3, "instance", 4);
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

    private RecordFields() {}

    /** {@code /ecs/{forwarder}/{container}} -> {@code /ecs/papertrail/$container}: record accessors. */
    static String accessors(String template, String forwarder) {
        return replace(template, forwarder, name -> "$" + KEYS.get(name));
    }

    /** The same with tag parts: {@code ecs/{cluster}/} -> {@code ecs/$TAG[1]/}. */
    static String tagParts(String template, String forwarder) {
        return replace(template, forwarder, name -> "$TAG[" + TAG_PARTS.get(name) + "]");
    }

    /** Every per-record template replaced by {@code with} (IAM resources, fallback names). */
    static String fill(String template, String forwarder, String with) {
        return replace(template, forwarder, name -> with);
    }

    static boolean perRecord(String template) {
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            if (!m.group(1).equals("forwarder")) {
                return true;
            }
        }
        return false;
    }

    private static String replace(String template, String forwarder, java.util.function.Function<String, String> field) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals("forwarder") ? forwarder : field.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
