package dev.logship.diff;

import java.util.Objects;

/**
 * One field that differs: its path (e.g. {@code taskDefinition.containers[logspout].image}),
 * the live value and the desired value (null = absent). {@code sensitive} fields (container
 * command, entryPoint and environment values, and any value holding a URI: routes) are masked
 * whenever a plan is shown.
 */
public record FieldDiff(String path, String oldValue, String newValue, boolean sensitive) {
    public static final String MASK = "(sensitive)";

    public FieldDiff {
        Objects.requireNonNull(path, "path");
    }

    /** Sensitive by path, or because a value holds a URI (a route may sit in a log option, a label...). */
    public static FieldDiff of(String path, String oldValue, String newValue) {
        return new FieldDiff(path, oldValue, newValue, FieldPaths.isSensitive(path) || holdsUri(oldValue) || holdsUri(newValue));
    }

    private static boolean holdsUri(String value) {
        return value != null && value.contains("://");
    }

    /** A copy safe to show anywhere: sensitive values replaced, absence kept visible. */
    public FieldDiff masked() {
        if (!sensitive) {
            return this;
        }
        return new FieldDiff(path, oldValue == null ? null : MASK, newValue == null ? null : MASK, true);
    }

    public boolean touchesTaskDefinition() {
        return path.startsWith(FieldPaths.TASK_DEFINITION);
    }

    public boolean touchesServiceTags() {
        return path.startsWith(FieldPaths.SERVICE_TAGS);
    }
}
