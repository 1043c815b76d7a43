package dev.logship.web;

import dev.logship.delivery.ClusterDelivery;
import dev.logship.delivery.DeliverySettings;
import dev.logship.delivery.SampleWindow;
import dev.logship.model.RouteSummary;
import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.Event;
import dev.logship.reconcile.OperatorStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * serve's delivery side, wired: the ingest route, the window of samples it fills, and the monitor
 * that judges them every {@value #CHECK_SECONDS} seconds against the controller's status.
 * {@link OperatorServer} registers the route and adds delivery to each cluster's JSON and to /metrics.
 */
public final class Telemetry implements AutoCloseable {
    static final int CHECK_SECONDS = 2;
    /** Nodes the window keeps at most (10,000 is the benchmark's fleet; a flood of invented names stops here). */
    static final int MAX_NODES = 50_000;

    final IngestRoutes routes;
    final DeliveryMonitor monitor;

    private Telemetry(IngestRoutes routes, DeliveryMonitor monitor) {
        this.routes = routes;
        this.monitor = monitor;
    }

    public static Telemetry start(IngestSettings settings, Supplier<OperatorStatus> status, Consumer<Event> events,
                                  ServeMetrics metrics) {
        DeliverySettings delivery = DeliverySettings.of(settings.window());
        SampleWindow window = new SampleWindow(delivery.keep(), MAX_NODES, Clock.systemUTC());
        DeliveryMonitor monitor = new DeliveryMonitor(window, delivery, status, events, Clock.systemUTC())
                .start(Duration.ofSeconds(CHECK_SECONDS));
        Runnable refresh = DeliveryViews.metrics(metrics.registry(), monitor);
        metrics.beforeScrape(registry -> refresh.run());
        return new Telemetry(new IngestRoutes(settings, window, metrics.registry()), monitor);
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
    }
}
