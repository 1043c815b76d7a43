package dev.logship.testkit;

import dev.logship.prometheus.PrometheusSettings;
import dev.logship.reconcile.ControllerSettings;
import dev.logship.web.IngestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * What a {@link ServeHarness} runs: which manifest tree seeds its repository (the examples
 * unless said; any directory or {@link ManifestTree}), how often serve resyncs, how slow ECS
 * answers, the controller settings and telemetry ingest or Prometheus. Each test states only what it varies.
 */
public final class ServeHarnessBuilder {
    final Path tmp;
    Path manifests = ServeHarness.EXAMPLES;
    ManifestTree tree;
    Duration resync = Duration.ofMinutes(10);
    Duration ecsLatency = Duration.ZERO;
    UnaryOperator<ControllerSettings> tune = UnaryOperator.identity();
    IngestSettings ingest;
    PrometheusSettings prometheus;
    int nodes = 3;

    ServeHarnessBuilder(Path tmp) {
        this.tmp = tmp;
    }

    /** Seeds the repository from this directory of manifests (its clusters shape local-ecs). */
    public ServeHarnessBuilder manifests(Path dir) {
        manifests = dir;
        tree = null;
        return this;
    }

    /** Seeds the repository from a tree the test builds (written under tmp/seed first). */
    public ServeHarnessBuilder manifests(ManifestTree built) {
        tree = built;
        return this;
    }

    /** How often serve re-reads ECS without a push (10 minutes: in effect never, unless said). */
    public ServeHarnessBuilder resync(Duration every) {
        resync = every;
        return this;
    }

    /** Latency local-ecs adds to every answer. */
    public ServeHarnessBuilder ecsLatency(Duration latency) {
        ecsLatency = latency;
        return this;
    }

    /** Adjusts the controller settings the harness would use (e.g. the source's minimum interval). */
    public ServeHarnessBuilder tune(UnaryOperator<ControllerSettings> adjust) {
        tune = adjust;
        return this;
    }

    /** Serve also takes forwarder telemetry with these settings and judges delivery (null: off). */
    public ServeHarnessBuilder ingest(IngestSettings settings) {
        ingest = settings;
        return this;
    }

    /** Serve reads delivery from this Prometheus instead (serve --prometheus-url); not with {@link #ingest}. */
    public ServeHarnessBuilder prometheus(PrometheusSettings settings) {
        prometheus = settings;
        return this;
    }

    /** Container instances local-ecs gives each cluster (3 unless said). */
    public ServeHarnessBuilder nodes(int count) {
        nodes = count;
        return this;
    }

    public ServeHarness start() throws Exception {
        if (tree != null) {
            manifests = tmp.resolve("seed");
            tree.writeTo(manifests);
        }
        return new ServeHarness(this);
    }
}
