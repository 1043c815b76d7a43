package dev.logship.model;

import java.util.Objects;
import java.util.Set;

/**
 * Where and on which events to tell people ({@code kind: Notifier}). The URL itself is never in
 * Git: {@code urlFrom} names an environment variable or a file that holds it.
 */
public record NotifierSpec(String name, Format format, UrlFrom urlFrom, Set<String> events) {
    public enum Format { JSON, SLACK }

    /** Every event a notifier can subscribe to, in the words the manifest uses. */
    public static final Set<String> EVENTS = Set.of("Applied", "Degraded", "Stalled", "Halted", "RolledBack",
            "DriftReverted", "WindowBlocked");

    /** Exactly one of {@code env} and {@code file} is set. */
    public record UrlFrom(String env, String file) {
        public UrlFrom {
            if ((env == null) == (file == null)) {
                throw new IllegalArgumentException("urlFrom needs exactly one of env and file");
            }
        }

        @Override
        public String toString() {
            return env != null ? "env " + env : "file " + file;
        }
    }

    public NotifierSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(urlFrom, "urlFrom");
        events = Set.copyOf(events);
    }

    public boolean wants(String event) {
        return events.contains(event);
    }
}
