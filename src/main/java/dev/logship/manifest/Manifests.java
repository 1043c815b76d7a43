package dev.logship.manifest;

import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every manifest of a snapshot, read and checked together, with every problem found (never
 * just the first). {@code targets} maps each forwarder name to the logical clusters it runs
 * on, after defaulting to the Clusters of its own directory.
 */
public record Manifests(
        List<ClusterManifest> clusters,
        List<ForwarderManifest> forwarders,
        Map<String, List<String>> targets,
        List<Problem> problems) {

    public Manifests {
        clusters = List.copyOf(clusters);
        forwarders = List.copyOf(forwarders);
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        problems = problems.stream().sorted().toList();
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Advice that does not stop a tree from applying: logspout is unmaintained. */
    public List<Problem> warnings() {
        return forwarders.stream().filter(f -> f.agent().agent() == Agent.LOGSPOUT)
                .map(f -> f.agent().position().problem("spec.agent", "LogForwarder \"" + f.name() + "\" runs logspout, "
                        + "which is unmaintained (last release v3.2.14 of 2021-12, on end-of-life Alpine 3.12); "
                        + "consider agent: fluentBit"))
                .sorted().toList();
    }

    public static Manifests parse(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        List<Problem> problems = new ArrayList<>();
        List<ClusterManifest> clusters = new ArrayList<>();
        List<ForwarderManifest> forwarders = new ArrayList<>();
        int documents = 0;
        for (SourceFile file : snapshot.files()) {
            if (file.kind() == SourceFile.Kind.SYMLINK) {
                problems.add(Problem.ofFile(file.path(), "symbolic links are not followed: copy the manifest into the tree"));
                continue;
            }
            if (file.kind() == SourceFile.Kind.SUBMODULE) {
                problems.add(Problem.ofFile(file.path(), "submodules are not read: copy the manifests into this repository"));
                continue;
            }
            documents += readFile(file, problems, clusters, forwarders);
        }
        if (documents == 0 && problems.isEmpty()) {
            problems.add(new Problem(".", 1, 1, "(tree)",
                    "no manifests found: expected *.yaml or *.yml files with kind Cluster and LogForwarder"));
        }
        Map<String, List<String>> targets = CrossChecks.run(clusters, forwarders, problems);
        return new Manifests(clusters, forwarders, targets, problems);
    }

    private static int readFile(SourceFile file, List<Problem> problems,
            List<ClusterManifest> clusters, List<ForwarderManifest> forwarders) {
        ParsedFiles.Parsed parsed = ParsedFiles.SHARED.get(file.path(), file.content(), () -> parseFile(file));
        problems.addAll(parsed.problems());
        clusters.addAll(parsed.clusters());
        forwarders.addAll(parsed.forwarders());
        return parsed.documents();
    }

    /** Everything one file says on its own (depends only on its path and bytes, so it can be cached). */
    private static ParsedFiles.Parsed parseFile(SourceFile file) {
        List<Problem> problems = new ArrayList<>();
        List<ClusterManifest> clusters = new ArrayList<>();
        List<ForwarderManifest> forwarders = new ArrayList<>();
        SourceText.Decoded decoded = SourceText.decode(file.path(), file.content());
        if (decoded.problem() != null) {
            return new ParsedFiles.Parsed(1, List.of(decoded.problem()), clusters, forwarders);
        }
        SafeYaml.Parsed parsed = SafeYaml.compose(file.path(), decoded.text());
        if (parsed.problem() != null) {
            return new ParsedFiles.Parsed(1, List.of(parsed.problem()), clusters, forwarders);
        }
        Context context = new Context(file.path(), problems);
        String directory = directoryOf(file.path());
        for (var document : parsed.documents()) {
            Tags.reportCustomTags(context, document);
            DocumentReader.Read read = DocumentReader.read(context, directory, document);
            read.cluster().ifPresent(clusters::add);
            read.forwarder().ifPresent(forwarders::add);
        }
        return new ParsedFiles.Parsed(parsed.documents().size(), problems, clusters, forwarders);
    }

    static String directoryOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }
}
