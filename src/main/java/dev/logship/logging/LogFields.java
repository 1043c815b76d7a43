package dev.logship.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.MDC;

/**
 * The structured fields of a log line (JSON format: fields of their own; text: not shown, the message
 * already says them), set in SLF4J's MDC for the lines logged inside a try-with-resources block on
 * this thread. Only these four names exist, and none carries a secret: names of clusters and
 * forwarders, a commit id, an event type. Closing restores what was there before, so a block
 * nested in another (an event inside a cluster's run) leaves the outer fields in place.
 */
public final class LogFields implements AutoCloseable {
    public static final String CLUSTER = "cluster";
    public static final String FORWARDER = "forwarder";
    public static final String REVISION = "revision";
    public static final String EVENT = "event";
    private static final Set<String> NAMES = Set.of(CLUSTER, FORWARDER, REVISION, EVENT);

    private final Map<String, String> previous = new LinkedHashMap<>();

    private LogFields() {}

    /** {@code with("cluster", "prod", "revision", id)}: a null or empty value removes the field inside the block. */
    public static LogFields with(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        LogFields fields = new LogFields();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("not a log field: " + name + " (one of " + NAMES + ")");
            }
            fields.previous.putIfAbsent(name, MDC.get(name));
            set(name, namesAndValues[i + 1]);
        }
        return fields;
    }

    @Override
    public void close() {
        previous.forEach(LogFields::set);
    }

    private static void set(String name, String value) {
        if (value == null || value.isEmpty()) {
            MDC.remove(name);
        } else {
            MDC.put(name, value);
        }
    }
}
