package dev.logship.testkit;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one fleet builder of the tests and benchmarks: a tree of manifests (Clusters, LogForwarders,
 * a RolloutPolicy, any other file) by path, written as a team would write them so everything goes
 * through the real parser. Clusters go to {@code clusters/<name>.yaml}, forwarders to
 * {@code forwarders/<name>.yaml}, the policy to {@code policies/<name>.yaml}, unless a path is given.
 * A {@link ManifestTree}, so {@link ManifestRepo#commit} and the serve harness take it. Putting a
 * manifest whose name is already there replaces it in place, which is how a test makes its next commit:
 * <pre>
 * Fleet fleet = Fleet.create().policy(RolloutPolicyManifest.named("rings", "0s", "rollback"))
 *         .wave("canary", null, List.of("c01")).wave("main", "50%", List.of("m01", "m02"))
 *         .forwarder(ForwarderManifest.named("logs", ROUTE).image(GOOD));
 * repo.commit(fleet, "seed");
 * repo.commit(fleet.forwarder(fleet.forwarder("logs").image(BAD)), "a bad image");
 * </pre>
 */
public final class Fleet implements ManifestTree {
    public static final String REGION = "us-east-1";
    /** The image most tests run. */
    public static final String LOGSPOUT = "gliderlabs/logspout:v3.2.14";
    /** An image that never stays up: local-ecs's FailingImages fail every reference containing "crashloop". */
    public static final String CRASHLOOPING = LOGSPOUT + "-crashloop";
    /** path -> manifest, in the order put. */
    private final Map<String, Manifest> manifests = new LinkedHashMap<>();
    private int nodesPerCluster = 2;

    /** A rollout wave: its name (also the label value), its clusters and its maxConcurrent (null: no limit). */
    public record Wave(String name, List<String> clusters, String maxConcurrent) {}

    public static Fleet create() {
        return new Fleet();
    }

    /**
     * A fleet for rollout tests: the clusters of each wave labelled {@code wave: <name>} (each on the ECS
     * cluster of its name), {@code policy} with a wave selecting each label in order, and {@code forwarder} on every cluster.
     */
    public static Fleet inWaves(RolloutPolicyManifest policy, ForwarderManifest forwarder, Wave... waves) {
        Fleet fleet = create().policy(policy);
        for (Wave w : waves) {
            fleet.wave(w.name(), w.maxConcurrent(), w.clusters());
        }
        return fleet.forwarder(forwarder.on(fleet.clusters()));
    }

    /** {@code count} names from a format with one number, e.g. {@code names("k%03d", 3)}: k000, k001, k002. */
    public static List<String> names(String format, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(String.format(Locale.ROOT, format, i));
        }
        return names;
    }

    public Fleet cluster(ClusterManifest cluster) {
        return put(pathOf(cluster.name(), ClusterManifest.class, "clusters/"), cluster);
    }

    public Fleet cluster(String path, ClusterManifest cluster) {
        return put(path, cluster);
    }

    /** A Cluster of each name, each on the ECS cluster of that name. */
    public Fleet clusters(List<String> names) {
        names.forEach(n -> cluster(ClusterManifest.named(n)));
        return this;
    }

    public Fleet forwarder(ForwarderManifest forwarder) {
        return put(pathOf(forwarder.name(), ForwarderManifest.class, "forwarders/"), forwarder);
    }

    public Fleet forwarder(String path, ForwarderManifest forwarder) {
        return put(path, forwarder);
    }

    public Fleet policy(RolloutPolicyManifest policy) {
        return put(pathOf(policy.name(), RolloutPolicyManifest.class, "policies/"), policy);
    }

    /** Clusters labelled {@code wave: <wave>} and the policy's next wave selecting them; the policy must be there. */
    public Fleet wave(String wave, String maxConcurrent, List<String> clusters) {
        clusters.forEach(c -> cluster(ClusterManifest.named(c).label("wave", wave)));
        return policy(policy().wave(wave, maxConcurrent));
    }

    /** Any other file, as text (a manifest the builders do not cover, a broken one). */
    public Fleet file(String path, String text) {
        return put(path, new Text(null, text));
    }

    public Fleet without(String path) {
        manifests.remove(path);
        return this;
    }

    /** Container instances per ECS cluster that {@link #nodes()} and {@link #localEcs()} create (2 unless set). */
    public Fleet nodesPerCluster(int nodes) {
        nodesPerCluster = nodes;
        return this;
    }

    public ForwarderManifest forwarder(String name) {
        return of(ForwarderManifest.class).stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no forwarder " + name));
    }

    public RolloutPolicyManifest policy() {
        return of(RolloutPolicyManifest.class).stream().findFirst().orElseThrow(() -> new IllegalStateException("no RolloutPolicy yet"));
    }

    /** The Clusters' names, in the order put. */
    public List<String> clusters() {
        return of(ClusterManifest.class).stream().map(ClusterManifest::name).toList();
    }

    public int nodesPerCluster() {
        return nodesPerCluster;
    }

    /** ECS cluster -> container instances, for local-ecs. */
    public Map<String, Integer> nodes() {
        Map<String, Integer> nodes = new LinkedHashMap<>();
        of(ClusterManifest.class).forEach(c -> nodes.put(c.ecsCluster(), nodesPerCluster));
        return nodes;
    }

    /** local-ecs with every ECS cluster of the fleet and tasks converging in 20 ms; add to it, then build. */
    public LocalEcsConfig.Builder localEcs() {
        LocalEcsConfig.Builder config = LocalEcsConfig.builder().taskConvergence(Duration.ofMillis(20)).region(REGION);
        nodes().forEach(config::cluster);
        return config;
    }

    /** Cluster -> the forwarders that run on it, in cluster order (as a per-cluster script walks them). */
    public Map<String, List<String>> forwardersByCluster() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        clusters().forEach(c -> out.put(c, new ArrayList<>()));
        manifests.forEach((path, m) -> {
            if (m instanceof ForwarderManifest f) {
                (f.clusters() == null ? clustersBeside(path) : f.clusters()).forEach(c -> out.get(c).add(f.name()));
            }
        });
        return out;
    }

    /** What a forwarder that names no clusters runs on: the Clusters defined in its directory. */
    private List<String> clustersBeside(String path) {
        Path dir = Path.of(path).getParent();
        return manifests.entrySet().stream()
                .filter(e -> e.getValue() instanceof ClusterManifest && Objects.equals(Path.of(e.getKey()).getParent(), dir))
                .map(e -> e.getValue().name()).toList();
    }

    /** ECS services the fleet needs: one per forwarder per cluster it runs on. */
    public int services() {
        return forwardersByCluster().values().stream().mapToInt(List::size).sum();
    }

    /** Distinct task definition contents: one per forwarder manifest. */
    public int distinctContents() {
        return of(ForwarderManifest.class).size();
    }

    /** Every file: path -> YAML. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        manifests.forEach((path, m) -> files.put(path, m.yaml()));
        return files;
    }

    /** The tree as a source snapshot at {@code revision}, as a Git source would hand it to the renderer. */
    public Snapshot snapshot(String revision) {
        return new Snapshot(new Revision(revision, "fleet " + revision), files().entrySet().stream()
                .map(e -> SourceFile.file(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8))).toList());
    }

    /** Renders through the real parser; a test fleet with problems is a bug in the test. */
    public DesiredState render(String revision) {
        ReadResult read = DesiredStates.read(snapshot(revision));
        if (!read.ok()) {
            throw new AssertionError("test manifests have problems: " + read.problems());
        }
        return read.state();
    }

    /** Writes the tree under {@code dir}, deleting every other .yaml there first (what a previous write left). */
    @Override
    public void writeTo(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                try (var old = Files.walk(dir)) {
                    for (Path p : old.filter(p -> p.toString().endsWith(".yaml") && !dir.relativize(p).startsWith(".git")).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (var e : files().entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Fleet put(String path, Manifest manifest) {
        manifests.put(path, manifest);
        return this;
    }

    /** Where the manifest of this kind and name already is, so a replacement stays in place; else the default path. */
    private String pathOf(String name, Class<?> kind, String folder) {
        for (var e : manifests.entrySet()) {
            if (kind.isInstance(e.getValue()) && name.equals(e.getValue().name())) {
                return e.getKey();
            }
        }
        return folder + name + ".yaml";
    }

    private <T> List<T> of(Class<T> kind) {
        return manifests.values().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** What the fleet holds at a path: a manifest the builders render, or a file's text as given. */
    interface Manifest {
        String name();

        String yaml();
    }

    private record Text(String name, String yaml) implements Manifest {}
}
