package dev.logship.manifest;

import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Snapshots built from inline YAML, for tests that need a small tree. */
public final class TestSnapshots {
    private TestSnapshots() {}

    /** Alternating path and content: {@code of("a/cluster.yaml", "...", "a/fwd.yaml", "...")}. */
    public static Snapshot of(String... pathsAndContents) {
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.add(SourceFile.file(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return new Snapshot(new Revision("dir:test", "test"), files);
    }

    public static String cluster(String name, String region) {
        return """
                apiVersion: logship.dev/v1
                kind: Cluster
                metadata:
                  name: %s
                spec:
                  region: %s
                """.formatted(name, region);
    }

    public static String forwarder(String name, String specLines) {
        return """
                apiVersion: logship.dev/v1
                kind: LogForwarder
                metadata:
                  name: %s
                spec:
                %s
                """.formatted(name, specLines.indent(2).stripTrailing());
    }
}
