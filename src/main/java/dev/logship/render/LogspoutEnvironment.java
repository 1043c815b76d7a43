package dev.logship.render;

import dev.logship.manifest.ForwarderManifest;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The environment logspout reads: the manifest's env plus the variables logship derives. */
final class LogspoutEnvironment {
    static final String ROUTE_URIS = "ROUTE_URIS";
    static final String EXCLUDE_LABELS = "EXCLUDE_LABELS";
    static final String BACKLOG = "BACKLOG";

    private LogspoutEnvironment() {}

    static Map<String, String> of(ForwarderManifest forwarder) {
        Map<String, String> env = new TreeMap<>(forwarder.env());
        if (!forwarder.excludeLabels().isEmpty()) {
            // logspout >= 3.2.9 (gliderlabs/logspout#459): label:value pairs separated by ';'.
            env.put(EXCLUDE_LABELS, forwarder.excludeLabels().entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(";")));
        }
        if (forwarder.backlog() != null) {
            env.put(BACKLOG, forwarder.backlog().toString());
        }
        return env;
    }
}
