package dev.logship.web;

import dev.logship.delivery.ClusterDelivery;
import dev.logship.delivery.DeliverySettings;
import dev.logship.delivery.SampleWindow;
import dev.logship.delivery.ScrapeTargets;
import dev.logship.prometheus.PrometheusReader;
import dev.logship.prometheus.PrometheusSettings;
import dev.logship.model.RouteSummary;
import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.Event;
import dev.logship.reconcile.OperatorStatus;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * serve's delivery side, wired: the ingest route (or the Prometheus reader and its service
 * discovery), the window of samples it fills, and the monitor that judges them every
 * {@value #CHECK_SECONDS} seconds against the controller's status.
 * {@link OperatorServer} registers the route and adds delivery to each cluster's JSON and to /metrics.
 */
public final class Telemetry implements AutoCloseable {
    static final int CHECK_SECONDS = 2;
    /** Nodes the window keeps at most (10,000 is the benchmark's fleet; a flood of invented names stops here). */
    static final int MAX_NODES = 50_000;
    /** How often the scrape targets are read from ECS at least (longer on a large fleet: PrometheusTargetRoutes). */
    static final Duration TARGETS_EVERY = Duration.ofSeconds(10);

    /** The ingest route (null when serve reads Prometheus instead), its service discovery (null with the ingest). */
    private final IngestRoutes routes;
    private final PrometheusTargetRoutes targets;
    private final PrometheusReader reader;
    final DeliveryMonitor monitor;

    private Telemetry(IngestRoutes routes, PrometheusTargetRoutes targets, PrometheusReader reader, DeliveryMonitor monitor) {
        this.routes = routes;
        this.targets = targets;
        this.reader = reader;
        this.monitor = monitor;
    }

    public static Telemetry start(IngestSettings settings, Supplier<OperatorStatus> status, Consumer<Event> events,
                                  ServeMetrics metrics) {
        DeliverySettings delivery = DeliverySettings.of(settings.window());
        SampleWindow window = new SampleWindow(delivery.keep(), MAX_NODES, Clock.systemUTC());
        return new Telemetry(new IngestRoutes(settings, window, metrics.registry()), null, null,
                monitor(window, delivery, status, events, metrics));
    }

    /**
     * Delivery read from the user's Prometheus instead of ingested: the reader fills the same window the
     * ingest would, and serve answers Prometheus's HTTP service discovery with {@code scrapeTargets}.
     */
    public static Telemetry reading(PrometheusSettings settings, ScrapeTargets scrapeTargets, Supplier<OperatorStatus> status,
                                    Consumer<Event> events, ServeMetrics metrics) {
        DeliverySettings delivery = DeliverySettings.of(settings.window());
        SampleWindow window = new SampleWindow(delivery.keep(), MAX_NODES, Clock.systemUTC());
        PrometheusReader reader = new PrometheusReader(settings, window, delivery.keep(), Clock.systemUTC()).start();
        FunctionCounter.builder("logship.prometheus.reads", reader, r -> r.reads.get()).tag("outcome", "ok")
                .description("Reads of Fluent Bit's metrics from Prometheus by outcome").register(metrics.registry());
        FunctionCounter.builder("logship.prometheus.reads", reader, r -> r.failures.get()).tag("outcome", "failed")
                .description("Reads of Fluent Bit's metrics from Prometheus by outcome").register(metrics.registry());
        Gauge.builder("logship.prometheus.samples", reader, r -> r.lastSamples.get())
                .description("Node samples the last Prometheus read returned").register(metrics.registry());
        return new Telemetry(null, new PrometheusTargetRoutes(scrapeTargets, TARGETS_EVERY).start(), reader,
                monitor(window, delivery, status, events, metrics));
    }

    private static DeliveryMonitor monitor(SampleWindow window, DeliverySettings delivery, Supplier<OperatorStatus> status,
                                           Consumer<Event> events, ServeMetrics metrics) {
        DeliveryMonitor monitor = new DeliveryMonitor(window, delivery, status, events, Clock.systemUTC())
                .start(Duration.ofSeconds(CHECK_SECONDS));
        Runnable refresh = DeliveryViews.metrics(metrics.registry(), monitor);
        metrics.beforeScrape(registry -> refresh.run());
        return monitor;
    }

    /** Adds the ingest's route, or the service discovery's. */
    void register(RoutesConfig config) {
        if (routes != null) {
            routes.register(config);
        }
        if (targets != null) {
            targets.register(config);
        }
    }

    /** The cluster's delivery as the status API shows it, if judged yet; failing routes named as {@code status} names them. */
    Optional<Map<String, Object>> view(ClusterStatus status) {
        Map<String, List<RouteSummary>> routes = new HashMap<>();
        status.forwarders().forEach(f -> routes.put(f.name(), f.routes()));
        return monitor.cluster(status.name()).map(d -> DeliveryViews.cluster(d, routes));
    }

    /** Each cluster's delivery as the table shows it, a new instance only when one changed. */
    Map<String, Map<String, Object>> briefs() {
        return monitor.briefs();
    }

    /** Hands each judgement to {@code judgements} (the controller's rollouts gated on delivery). */
    public Telemetry onJudged(Consumer<Map<String, ClusterDelivery>> judgements) {
        monitor.onJudged(judgements);
        return this;
    }

    public Optional<ClusterDelivery> cluster(String name) {
        return monitor.cluster(name);
    }

    @Override
    public void close() {
        monitor.close();
        if (targets != null) {
            targets.close();
        }
        if (reader != null) {
            reader.close();
        }
    }
}
