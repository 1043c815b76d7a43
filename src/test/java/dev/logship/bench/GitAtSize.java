package dev.logship.bench;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.RateLimits;
import dev.logship.git.FetchOutcome;
import dev.logship.git.GitCredentials;
import dev.logship.git.GitSource;
import dev.logship.git.GitSourceConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scenario 5: a repository of many clusters (5,000+ manifest files). The first fetch clones
 * the mirror and reads every blob; after a one-file change the fetch is incremental, and the
 * time to parse and plan should follow what changed, not the size of the tree.
 */
final class GitAtSize {
    static final String NAME = "5 git at size";

    private GitAtSize() {}

    static List<Row> run(BenchConfig config, Path work) throws Exception {
        Fleet fleet = FleetShapes.large(config.gitClusters(), config.gitLocalForwarders());
        List<Row> rows = new ArrayList<>();
        try (ManifestRepo repo = ManifestRepo.create(work.resolve("git"))) {
            fleet.writeTo(repo.work);
            int files = fleet.files().size();
            repo.commitAllAndPush("fleet of " + fleet.clusters().size() + " clusters");
            try (LocalEcsServer ecs = Ecs.start(fleet.nodes(), 0);
                    AwsEcsGateways gateways = Ecs.gateways(ecs.endpoint(), RateLimits.off());
                    GitSource source = new GitSource(new GitSourceConfig(repo.uri(), "main", "", work.resolve("git-data"),
                            GitCredentials.none()))) {
                ClusterSynchronizer sync = new ClusterSynchronizer(gateways);
                long t0 = System.nanoTime();
                FetchOutcome first = source.fetchOutcome();
                long t1 = System.nanoTime();
                DesiredState state = read(first);
                long t2 = System.nanoTime();
                String scope = fleet.clusters().size() + " clusters, " + files + " files";
                rows.add(Row.single(NAME, "first clone + read blobs (" + scope + ")", ms(t1 - t0), "", Double.NaN));
                rows.add(Row.single(NAME, "first parse + render, all files", ms(t2 - t1), "", Double.NaN));

                List<Double> fetch = new ArrayList<>();
                List<Double> parse = new ArrayList<>();
                List<Double> plan = new ArrayList<>();
                List<Double> total = new ArrayList<>();
                int changedClusters = 0;
                for (int i = 0; i < Math.max(3, config.repeats() * 3); i++) {
                    Map.Entry<String, String> change = FleetShapes.oneFileChange(i % fleet.clusters().size(), "v3.2." + (20 + i));
                    repo.change(change.getKey(), change.getValue(), "change " + change.getKey());
                    long a = System.nanoTime();
                    FetchOutcome next = source.fetchOutcome();
                    long b = System.nanoTime();
                    DesiredState nextState = read(next);
                    long c = System.nanoTime();
                    List<DesiredCluster> changed = changed(state, nextState);
                    changed.forEach(sync::plan);
                    long d = System.nanoTime();
                    changedClusters = changed.size();
                    state = nextState;
                    fetch.add((b - a) / 1e6);
                    parse.add((c - b) / 1e6);
                    plan.add((d - c) / 1e6);
                    total.add((d - a) / 1e6);
                }
                rows.add(Row.of(NAME, "parse + render with every file new (each commit's cost before the caches)", " ms",
                        new Stats(uncached(state, first.snapshot(), config.repeats())), "minmax", null, ""));
                rows.add(Row.of(NAME, "one-file change: incremental fetch + read blobs", " ms", new Stats(fetch), "minmax", null, ""));
                rows.add(Row.of(NAME, "one-file change: parse + render", " ms", new Stats(parse), "minmax", null, ""));
                rows.add(Row.of(NAME, "one-file change: find changed clusters + plan them (" + changedClusters + ")", " ms",
                        new Stats(plan), "minmax", null, ""));
                rows.add(Row.of(NAME, "one-file change: total", " ms", new Stats(total), "minmax", null, ""));
            }
        }
        return rows;
    }

    /** Reads a copy of the tree in which every file differs (a comment line first): no cache hit at all. */
    private static List<Double> uncached(DesiredState unused, Snapshot snapshot, int repeats) {
        List<Double> out = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            List<SourceFile> files = new ArrayList<>();
            for (SourceFile f : snapshot.files()) {
                // A leading comment line changes every file's bytes and every position in it, so
                // neither parsed files nor rendered forwarders can be reused.
                byte[] extra = ("# uncached " + r + " " + System.nanoTime() + "\n").getBytes(StandardCharsets.UTF_8);
                byte[] content = f.content();
                byte[] changed = java.util.Arrays.copyOf(extra, extra.length + content.length);
                System.arraycopy(content, 0, changed, extra.length, content.length);
                files.add(SourceFile.file(f.path(), changed));
            }
            Snapshot fresh = new Snapshot(snapshot.revision(), files);
            long t = System.nanoTime();
            read(fresh);
            out.add((System.nanoTime() - t) / 1e6);
        }
        return out;
    }

    private static DesiredState read(FetchOutcome outcome) {
        return read(outcome.snapshot());
    }

    private static DesiredState read(Snapshot snapshot) {
        ReadResult read = DesiredStates.read(snapshot);
        if (!read.ok()) {
            throw new IllegalStateException("problems: " + read.problems().subList(0, Math.min(3, read.problems().size())));
        }
        return read.state();
    }

    /** Clusters whose desired state differs from the previous commit's (records compare by value). */
    static List<DesiredCluster> changed(DesiredState before, DesiredState after) {
        Set<DesiredCluster> old = new HashSet<>(before.clusters());
        return after.clusters().stream().filter(c -> !old.contains(c)).toList();
    }

    private static String ms(long nanos) {
        return Format.number(nanos / 1e6) + " ms";
    }
}
