package dev.logship.reliability;

import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import dev.logship.testkit.ManifestTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Manifest trees written as a team would write them (Cluster and LogForwarder YAML), so the
 * reliability tests go through the real parser and renderer. Cluster {@code name} runs on ECS
 * cluster {@code name-ecs}.
 */
final class Fleet implements ManifestTree {
    static final String REGION = "us-east-1";
    private final Map<String, String> files = new TreeMap<>();

    static Fleet create() {
        return new Fleet();
    }

    /** {@code count} clusters named {@code prefix000...}, each running a daemon forwarder shared by all. */
    static Fleet ofClusters(String prefix, int count, String image, String route) {
        Fleet fleet = create();
        List<String> names = names(prefix, count);
        names.forEach(n -> fleet.cluster(n, false));
        return fleet.forwarder("papertrail", image, route, names);
    }

    static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(String.format("%s%03d", prefix, i));
        }
        return names;
    }

    Fleet cluster(String name, boolean suspend) {
        files.put("clusters/" + name + ".yaml", """
                apiVersion: logship.dev/v1
                kind: Cluster
                metadata:
                  name: %s
                spec:
                  clusterName: %s-ecs
                  region: %s
                  suspend: %s
                """.formatted(name, name, REGION, suspend));
        return this;
    }

    Fleet forwarder(String name, String image, String route, List<String> clusters) {
        files.put("forwarders/" + name + ".yaml", """
                apiVersion: logship.dev/v1
                kind: LogForwarder
                metadata:
                  name: %s
                spec:
                  clusters: [%s]
                  image: %s
                  routes:
                    - %s
                  resources:
                    cpu: 16
                    memory: 64
                """.formatted(name, String.join(", ", clusters), image, route));
        return this;
    }

    /** A perNodePort forwarder (the 2016 script's REPLICA + host port trick). */
    Fleet perNodeForwarder(String name, String image, String route, List<String> clusters) {
        forwarder(name, image, route, clusters);
        files.computeIfPresent("forwarders/" + name + ".yaml", (k, v) -> v + "  scheduling: perNodePort\n  hostPort: 1234\n");
        return this;
    }

    Fleet without(String path) {
        files.remove(path);
        return this;
    }

    Map<String, String> files() {
        return Map.copyOf(files);
    }

    Snapshot snapshot(String revision) {
        return new Snapshot(new Revision(revision, "fleet " + revision), files.entrySet().stream()
                .map(e -> SourceFile.file(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8))).toList());
    }

    /** Renders through the real parser; a test fleet with problems is a bug in the test. */
    DesiredState render(String revision) {
        ReadResult read = DesiredStates.read(snapshot(revision));
        if (!read.ok()) {
            throw new AssertionError("test manifests have problems: " + read.problems());
        }
        return read.state();
    }

    /** Writes the tree under {@code dir} (replacing what a previous write left). */
    @Override
    public void writeTo(Path dir) {
        try {
            for (String sub : List.of("clusters", "forwarders")) {
                Path d = dir.resolve(sub);
                if (Files.isDirectory(d)) {
                    try (var old = Files.list(d)) {
                        for (Path p : old.toList()) {
                            Files.delete(p);
                        }
                    }
                }
            }
            for (var e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
