package dev.logship.web;

import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.OperatorStatus;
import dev.logship.reconcile.ReconcileListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The Prometheus registry and what logship records in it: syncs by result, reconcile and git
 * fetch durations (histograms), a per-forwarder info gauge and the uncovered nodes per cluster
 * (from ECS, as the status API names them) refreshed from the status at each scrape, webhook requests (counted by {@link WebhookRoutes}), JVM metrics, and whatever scrape
 * hooks add (the ECS call counts of the AWS adapter). Label values never carry secrets.
 */
public final class ServeMetrics implements ReconcileListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge forwarderInfo;
    private final MultiGauge nodesUncovered;
    private final List<Consumer<MeterRegistry>> scrapeHooks = new CopyOnWriteArrayList<>();

    public ServeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        forwarderInfo = MultiGauge.builder("logship.forwarder.info")
                .description("1 per forwarder, labelled with its sync status and health").register(registry);
        // from ECS (container instances without a running forwarder task), with or without telemetry
        nodesUncovered = MultiGauge.builder("logship.nodes.uncovered")
                .description("Nodes (container instances) that should run a forwarder and do not, from ECS").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Runs before every scrape, e.g. to register counters for ECS actions seen since the last one. */
    public void beforeScrape(Consumer<MeterRegistry> hook) {
        scrapeHooks.add(hook);
    }

    @Override
    public void fetched(Duration took, String outcome) {
        Timer.builder("logship.git.fetch.duration").description("Time to fetch the manifest source")
                .tag("outcome", outcome).publishPercentileHistogram().register(registry).record(took);
    }

    @Override
    public void synced(String cluster, String result, Duration took) {
        Counter.builder("logship.syncs").description("Cluster reconcile runs by result")
                .tags("cluster", cluster, "result", result).register(registry).increment();
        Timer.builder("logship.reconcile.duration").description("Time of one cluster reconcile run")
                .tag("cluster", cluster).publishPercentileHistogram().register(registry).record(took);
    }

    /** The Prometheus text exposition, with the forwarder gauge taken from {@code status}. */
    public String scrape(OperatorStatus status) {
        List<MultiGauge.Row<?>> rows = new java.util.ArrayList<>();
        List<MultiGauge.Row<?>> uncovered = new java.util.ArrayList<>();
        for (ClusterStatus cluster : status.clusters()) {
            uncovered.add(MultiGauge.Row.of(Tags.of("cluster", cluster.name()), CoverageView.uncoveredNodes(cluster).size()));
            cluster.forwarders().forEach(f -> rows.add(MultiGauge.Row.of(Tags.of("cluster", cluster.name(),
                    "forwarder", f.name(), "sync", f.syncStatus().name(), "health", f.health()), 1)));
        }
        forwarderInfo.register(rows, true);
        nodesUncovered.register(uncovered, true);
        scrapeHooks.forEach(hook -> hook.accept(registry));
        return registry.scrape();
    }
}
