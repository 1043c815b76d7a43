package dev.logship.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.delivery.ScrapeTarget;
import dev.logship.delivery.ScrapeTargets;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus HTTP service discovery ({@value #PATH}, a GET under /api/v1, so the read token guards
 * it like every other read): every forwarder node serve knows from ECS, one target group each,
 * labelled {@code cluster}, {@code forwarder} and {@code instance} (the node) with Fluent Bit's
 * metrics path, the labels the Prometheus delivery reader groups by. The list is read from ECS on
 * a background thread and served from memory: every {@code every}, or one read per 100 ms of
 * clusters on a larger fleet (at most about 30 ECS reads a second), so Prometheus's refreshes
 * never wait on ECS or add ECS calls.
 */
final class PrometheusTargetRoutes implements AutoCloseable {
    static final String PATH = "/api/v1/prometheus/targets";
    static final String METRICS_PATH = "/api/v2/metrics/prometheus";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScrapeTargets source;
    private final Duration every;
    private volatile String body = "[]";
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "prometheus-targets");
        t.setDaemon(true);
        return t;
    });

    PrometheusTargetRoutes(ScrapeTargets source, Duration every) {
        this.source = source;
        this.every = every;
    }

    PrometheusTargetRoutes start() {
        timer.schedule(this::refresh, 0, TimeUnit.MILLISECONDS);
        return this;
    }

    void register(RoutesConfig routes) {
        routes.get(PATH, this::targets);
    }

    private void targets(Context ctx) {
        ctx.status(200).contentType("application/json").result(body);
    }

    private void refresh() {
        long next = every.toMillis();
        try {
            ScrapeTargets.Listing listing = source.targets();
            body = render(listing.targets());
            next = Math.max(next, listing.clusters() * 100L);
        } catch (RuntimeException | JsonProcessingException e) {
            org.slf4j.LoggerFactory.getLogger(PrometheusTargetRoutes.class).warn("scrape targets not refreshed: {}",
                    e.getClass().getSimpleName());
        } finally {
            if (!timer.isShutdown()) {
                timer.schedule(this::refresh, next, TimeUnit.MILLISECONDS);
            }
        }
    }

    static String render(List<ScrapeTarget> targets) throws JsonProcessingException {
        List<Map<String, Object>> groups = targets.stream().map(t -> {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("cluster", t.cluster());
            labels.put("forwarder", t.forwarder());
            labels.put("instance", t.node());
            labels.put("__metrics_path__", METRICS_PATH);
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("targets", List.of(t.address()));
            group.put("labels", labels);
            return group;
        }).toList();
        return JSON.writeValueAsString(groups);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
