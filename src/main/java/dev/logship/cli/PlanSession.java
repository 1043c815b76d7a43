package dev.logship.cli;

import dev.logship.aws.AwsEcsGateways;
import dev.logship.aws.AwsSettings;
import dev.logship.diff.ClusterPlan;
import dev.logship.diff.Plan;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredState;
import dev.logship.model.Snapshot;
import dev.logship.reconcile.ManifestSource;
import dev.logship.reconcile.SourceUnavailableException;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import dev.logship.sync.ClusterSynchronizer;
import dev.logship.sync.GatewayException;
import dev.logship.sync.SyncOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What plan and apply share: read the manifests (refusing a tree with any problem, so
 * nothing is applied or pruned), pick the clusters, connect to ECS, plan each cluster.
 */
final class PlanSession implements AutoCloseable {
    final DesiredState state;
    final List<DesiredCluster> clusters;
    final AwsEcsGateways gateways;
    final ClusterSynchronizer synchronizer;
    /** One ECS endpoint for every region ({@code --ecs-endpoint} or AWS_ENDPOINT_URL_ECS). */
    final boolean endpointOverridden;

    private PlanSession(DesiredState state, List<DesiredCluster> clusters, AwsEcsGateways gateways, String owner,
            boolean endpointOverridden) {
        this.state = state;
        this.clusters = clusters;
        this.gateways = gateways;
        this.synchronizer = new ClusterSynchronizer(gateways, SyncOptions.defaults(), owner);
        this.endpointOverridden = endpointOverridden;
        // every cluster of the manifests, not only --cluster: revision cleanup must know them all
        synchronizer.manage(state);
    }

    /** The session, or null when the manifests have problems (they are printed to {@code err}). */
    static PlanSession open(SyncOptionsMixin options, PrintWriter err) throws SourceUnavailableException {
        Snapshot snapshot = snapshot(options);
        AwsSettings settings = AwsSettings.of(options.ecsEndpoint, options.assumeRoles.parsed(), System.getenv());
        AwsEcsGateways gateways = new AwsEcsGateways(settings);
        ReadResult read = DesiredStates.read(snapshot, Discover.once(snapshot, gateways.catalog(), err).clusters());
        if (!read.ok()) {
            gateways.close();
            read.problems().forEach(err::println);
            err.println(read.problems().size() + " problem(s) in the manifests: nothing was planned or applied.");
            return null;
        }
        List<DesiredCluster> clusters = read.state().clusters();
        if (options.cluster != null) {
            clusters = clusters.stream().filter(c -> c.target().name().equals(options.cluster)).toList();
            if (clusters.isEmpty()) {
                gateways.close();
                throw new IllegalArgumentException("--cluster " + options.cluster + ": no such Cluster; known: "
                        + read.state().clusters().stream().map(c -> c.target().name()).collect(Collectors.joining(", ")));
            }
        }
        String owner = OwnerIds.resolve(options.owner, options.source.repo, options.source.path);
        return new PlanSession(read.state(), clusters, gateways, owner, settings.endpoint() != null);
    }

    /** Reads the manifests once; a Git mirror without {@code --data-dir} lives only for this call. */
    static Snapshot snapshot(SyncOptionsMixin options) throws SourceUnavailableException {
        try (TemporaryDirectory temporary = options.source.dataDir == null ? TemporaryDirectory.create("logship-mirror") : null) {
            Path dataDir = temporary == null ? options.source.dataDir : temporary.path();
            ManifestSource source = ManifestSources.open(options.source.repo, options.source.ref, options.source.path, dataDir, options.source.credentials());
            try {
                return source.fetch();
            } finally {
                if (source instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        // the snapshot is already read; a failing close leaves only a temporary mirror behind
                    }
                }
            }
        }
    }

    /** Every cluster's plan that could be made, and the error of each cluster that could not (by name). */
    record Planned(Plan plan, Map<String, String> failed) {}

    /** Plans every cluster: one that cannot be observed does not hide the plan of the others. */
    Planned plan() {
        List<ClusterPlan> plans = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (DesiredCluster cluster : clusters) {
            try {
                plans.add(synchronizer.plan(cluster));
            } catch (GatewayException e) {
                failed.put(cluster.target().name(), e.getMessage());
            }
        }
        return new Planned(new Plan(state.revision(), plans), failed);
    }

    @Override
    public void close() {
        gateways.close();
    }
}
