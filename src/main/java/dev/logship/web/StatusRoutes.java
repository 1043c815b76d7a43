package dev.logship.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.logship.reconcile.Controller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The reads the status page makes, cheap at fleet scale: a summary, one page of clusters
 * (filtered and sorted here), the rollouts by wave, the recent events, and a long poll that
 * answers when any of them changed. All come from one {@link FleetView}, so the panel, the table
 * and the counts agree; the server's ETags turn a re-read of something unchanged into a 304.
 */
final class StatusRoutes implements AutoCloseable {
    /** Under Jetty's 30 s idle timeout, so a quiet long poll ends with an answer, not a dropped connection. */
    static final Duration LONG_POLL = Duration.ofSeconds(25);
    private static final int MAX_EVENTS = 1000;

    private final Controller controller;
    private final FleetViews views;
    private final Supplier<String> writes;

    /**
     * {@code writes}: whether the mutating endpoints need the API token ("token"), are "open" or "closed".
     * {@code delivery} (nullable: telemetry off): each cluster's delivery as the table shows it.
     */
    StatusRoutes(Controller controller, Supplier<String> writes, Supplier<Map<String, Map<String, Object>>> delivery) {
        this.controller = controller;
        this.views = new FleetViews(controller, delivery == null ? Map::of : delivery, delivery != null, Duration.ofMillis(250));
        this.writes = writes;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/summary", this::summary);
        routes.get("/api/v1/clusters", this::clusters);
        routes.get("/api/v1/rollouts", ctx -> OperatorServer.json(ctx, 200,
                RolloutViews.of(views.now(), !"none".equals(ctx.queryParam("clusters")))));
        routes.get("/api/v1/changes", this::changes);
        routes.get("/api/v1/events", this::events);
    }

    private void summary(Context ctx) throws JsonProcessingException {
        Map<String, Object> body = FleetSummary.of(views.now());
        body.put("controls", Map.of("resumeNeedsToken", "token".equals(writes.get()), "writes", writes.get()));
        OperatorServer.json(ctx, 200, body);
    }

    private void clusters(Context ctx) throws JsonProcessingException {
        ClusterQuery query = ClusterQuery.of(ctx.queryParam("page"), ctx.queryParam("size"), ctx.queryParam("filter"),
                ctx.queryParam("state"), ctx.queryParam("sort"));
        OperatorServer.json(ctx, 200, query.answer(views.now()));
    }

    /** {@code ?limit=N}: the newest N events (the page shows 30), all of them (bounded by the log) without it. */
    private void events(Context ctx) throws JsonProcessingException {
        var events = controller.events();
        String limit = ctx.queryParam("limit");
        if (limit != null && limit.matches("\\d{1,4}")) {
            events = events.subList(0, Math.min(events.size(), Math.min(MAX_EVENTS, Integer.parseInt(limit))));
        }
        OperatorServer.json(ctx, 200, events);
    }

    /** {@code ?after=V}: answers {"version": W} once W differs from V, or after {@link #LONG_POLL} with V. */
    private void changes(Context ctx) {
        long after = -1;
        try {
            after = Long.parseLong(ctx.queryParam("after") == null ? "-1" : ctx.queryParam("after"));
        } catch (NumberFormatException e) {
            // a malformed version is "I have seen nothing": answer at once
        }
        long seen = after;
        ctx.future(() -> views.changedAfter(seen, LONG_POLL).thenAccept(version -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", version);
            body.put("changed", version != seen);
            ctx.header("Cache-Control", "no-store").contentType("application/json").result(OperatorServer.toJson(body));
        }));
    }

    @Override
    public void close() {
        views.close();
    }
}
