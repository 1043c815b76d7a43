package dev.logship.manifest;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a label map ({@code metadata.labels}, a wave's {@code selector}) with Kubernetes' rules:
 * keys are an optional DNS prefix and {@code /}, then a name of at most 63 characters; values
 * at most 63 characters; both alphanumeric with {@code - _ .} inside.
 */
final class LabelsReader {
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    private LabelsReader() {}

    static Map<String, String> read(Context context, Node node, String field) {
        Map<String, String> labels = new TreeMap<>();
        Values.stringMap(context, node, field).ifPresent(entries -> entries.forEach((key, value) ->
                problem(key.getValue(), value).ifPresentOrElse(
                        message -> context.report(key, field + "." + key.getValue(), message),
                        () -> labels.put(key.getValue(), value))));
        return labels;
    }

    /** Whether a label key and value follow Kubernetes' rules (selectors check their keys and values alone). */
    static boolean valid(String key, String value) {
        return problem(key, value).isEmpty();
    }

    private static Optional<String> problem(String key, String value) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0 && !PREFIX.matcher(key.substring(0, slash)).matches()) {
            return Optional.of("label key prefix \"" + key.substring(0, slash) + "\" is not a DNS subdomain");
        }
        if (name.isEmpty() || !NAME.matcher(name).matches()) {
            return Optional.of("label key \"" + key + "\" is not valid: expected at most 63 letters, numbers, - _ or ."
                    + " starting and ending with a letter or number");
        }
        if (!NAME.matcher(value).matches()) {
            return Optional.of("label value \"" + value + "\" is not valid: expected at most 63 letters, numbers, - _ or ."
                    + " starting and ending with a letter or number");
        }
        return Optional.empty();
    }
}
