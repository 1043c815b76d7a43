package dev.logship.manifest;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a Cluster's {@code metadata.labels} within Kubernetes' label rules (so the same labels
 * can be copied between the two worlds): keys an optional DNS prefix and a name of at most 63
 * characters, values at most 63 characters, both alphanumeric at the ends.
 */
final class LabelsReader {
    private static final String NAME = "[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?";
    private static final Pattern KEY = Pattern.compile("([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?/)?" + NAME);
    private static final Pattern VALUE = Pattern.compile("(" + NAME + ")?");

    private LabelsReader() {}

    static Map<String, String> read(Context context, Fields metadata) {
        Map<String, String> labels = new TreeMap<>();
        metadata.get("labels").flatMap(node -> Values.stringMap(context, node, "metadata.labels")).ifPresent(entries ->
                entries.forEach((key, value) -> key(key.getValue()).or(() -> value(value)).ifPresentOrElse(
                        message -> context.report(key, "metadata.labels." + key.getValue(), message),
                        () -> labels.put(key.getValue(), value))));
        return labels;
    }

    static Optional<String> key(String key) {
        return KEY.matcher(key).matches() ? Optional.empty() : Optional.of("label keys are an optional DNS prefix and '/',"
                + " then 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (e.g. tier, example.com/team)");
    }

    static Optional<String> value(String value) {
        return VALUE.matcher(value).matches() ? Optional.empty() : Optional.of("label values are at most 63 letters,"
                + " digits, '-', '_' or '.', starting and ending with a letter or digit (e.g. production)");
    }
}
