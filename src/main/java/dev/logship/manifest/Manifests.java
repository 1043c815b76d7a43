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
        List<Problem> problems,
        List<RolloutPolicyManifest> policies,
        List<NotifierManifest> notifiers,
        List<ClusterSetManifest> sets) {

    public Manifests(List<ClusterManifest> clusters, List<ForwarderManifest> forwarders, Map<String, List<String>> targets,
            List<Problem> problems, List<RolloutPolicyManifest> policies, List<NotifierManifest> notifiers) {
        this(clusters, forwarders, targets, problems, policies, notifiers, List.of());
    }

    public Manifests {
        sets = List.copyOf(sets);
        clusters = List.copyOf(clusters);
        forwarders = List.copyOf(forwarders);
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        problems = problems.stream().sorted().toList();
        policies = List.copyOf(policies);
        notifiers = List.copyOf(notifiers);
    }

    public Manifests(List<ClusterManifest> clusters, List<ForwarderManifest> forwarders,
            Map<String, List<String>> targets, List<Problem> problems) {
        this(clusters, forwarders, targets, problems, List.of(), List.of());
    }

    /** The RolloutPolicy whose waves select this Cluster, or today's all-at-once when none does. */
    public dev.logship.model.RolloutPolicy policyOf(String clusterName) {
        Map<String, String> labels = clusters.stream().filter(c -> c.name().equals(clusterName)).findFirst()
                .map(ClusterManifest::labels).orElse(Map.of());
        return policyFor(labels).orElse(dev.logship.model.RolloutPolicy.allAtOnce());
    }

    /** The RolloutPolicy whose waves select a Cluster with these labels, if any. */
    public java.util.Optional<dev.logship.model.RolloutPolicy> policyFor(Map<String, String> labels) {
        return policies.stream().map(RolloutPolicyManifest::policy).filter(p -> p.selectingWave(labels) >= 0).findFirst();
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
        return parse(snapshot, List.of());
    }

    /**
     * The snapshot with the clusters its ClusterSets discovered merged in, here and only here:
     * before any cross-check, so selectors, waves and every rule see written and discovered
     * Clusters alike ({@link FleetMerge}: a written Cluster overrides a discovered one).
     */
    public static Manifests parse(Snapshot snapshot, List<dev.logship.model.DiscoveredCluster> discovered) {
        Objects.requireNonNull(snapshot, "snapshot");
        List<ClusterSetManifest> sets = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<ClusterManifest> clusters = new ArrayList<>();
        List<ForwarderManifest> forwarders = new ArrayList<>();
        List<RolloutPolicyManifest> policies = new ArrayList<>();
        List<NotifierManifest> notifiers = new ArrayList<>();
        List<TelemetryDefault> telemetry = new ArrayList<>();
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
            ParsedFiles.Parsed parsed = readFile(file);
            documents += parsed.documents();
            problems.addAll(parsed.problems());
            clusters.addAll(parsed.clusters());
            forwarders.addAll(parsed.forwarders());
            policies.addAll(parsed.policies());
            notifiers.addAll(parsed.notifiers());
            sets.addAll(parsed.sets());
            telemetry.addAll(parsed.telemetry());
        }
        forwarders = new ArrayList<>(TelemetryDefaults.apply(forwarders, telemetry, problems));
        clusters.addAll(FleetMerge.merge(clusters, sets, discovered, problems));
        if (documents == 0 && problems.isEmpty()) {
            problems.add(new Problem(".", 1, 1, "(tree)",
                    "no manifests found: expected *.yaml or *.yml files with kind Cluster and LogForwarder"));
        }
        Map<String, List<String>> targets = CrossChecks.run(clusters, forwarders, problems);
        RolloutChecks.run(clusters, policies, notifiers, problems);
        return new Manifests(clusters, forwarders, targets, problems, policies, notifiers, sets);
    }

    private static ParsedFiles.Parsed readFile(SourceFile file) {
        return ParsedFiles.SHARED.get(file.path(), file.content(), () -> parseFile(file));
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
        if (parsed.documents().isEmpty()) {
            // Often a file caught while an editor saves it: contributing nothing would prune its forwarders.
            return new ParsedFiles.Parsed(0, List.of(Problem.ofFile(file.path(), "no YAML document in this manifest file"
                    + " (empty, or only comments): write its manifests or delete the file; nothing is applied or pruned until then")),
                    clusters, forwarders);
        }
        Context context = new Context(file.path(), problems);
        String directory = directoryOf(file.path());
        List<RolloutPolicyManifest> policies = new ArrayList<>();
        List<NotifierManifest> notifiers = new ArrayList<>();
        List<ClusterSetManifest> sets = new ArrayList<>();
        List<TelemetryDefault> telemetry = new ArrayList<>();
        for (var document : parsed.documents()) {
            Tags.reportCustomTags(context, document);
            DocumentReader.Read read = DocumentReader.read(context, directory, document);
            read.cluster().ifPresent(clusters::add);
            read.forwarder().ifPresent(forwarders::add);
            read.policy().ifPresent(policies::add);
            read.notifier().ifPresent(notifiers::add);
            read.set().ifPresent(sets::add);
            read.telemetry().ifPresent(telemetry::add);
        }
        return new ParsedFiles.Parsed(parsed.documents().size(), problems, clusters, forwarders, policies, notifiers, sets, telemetry);
    }

    static String directoryOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : path.substring(0, slash);
    }
}
