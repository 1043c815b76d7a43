package dev.logship.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.logship.reconcile.Controller;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of {@code serve}: webhooks, the status API, health and readiness, metrics and
 * the status page, all in one Javalin app with handlers as method references. Every answer
 * is JSON except the page, its assets and the Prometheus text; none carries a secret.
 */
public final class OperatorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorServer.class);
    /** The page's files: each script one job (dom, poller, table, summary, rollouts, history, delivery, fleet). */
    private static final Map<String, String> ASSETS = Map.ofEntries(Map.entry("style.css", "text/css; charset=utf-8"),
            script("dom.js"), script("poller.js"), script("table.js"), script("summary.js"), script("rollouts.js"),
            script("history.js"), script("delivery.js"), script("fleet.js"));
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final Controller controller;
    private final ServeMetrics metrics;
    private final StatusRoutes reads;
    private final Javalin app;
    private final Telemetry telemetry;

    public OperatorServer(Controller controller, WebhookVerifier verifier, ApiAccess access, ServeMetrics metrics) {
        this(controller, verifier, access, metrics, null);
    }

    /** {@code telemetry} (nullable): the delivery ingest and monitor, when serve has an ingest token. */
    public OperatorServer(Controller controller, WebhookVerifier verifier, ApiAccess access, ServeMetrics metrics,
                          Telemetry telemetry) {
        this.controller = controller;
        this.telemetry = telemetry;
        this.metrics = metrics;
        WebhookRoutes webhooks = WebhookRoutes.withCommits(verifier, controller::syncSource, metrics.registry());
        this.reads = new StatusRoutes(controller, access::writes, telemetry == null ? null : telemetry::briefs);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.threadPool = RequestThreads.pool();
            // An unchanged answer costs a 304 (the ETag is the body's hash), a changed one goes gzipped to browsers.
            config.http.generateEtags = true;
            config.http.compressionStrategy = CompressionStrategy.GZIP;
            config.routes.before(access::check); // every token rule, before any handler
            webhooks.register(config.routes);
            reads.register(config.routes);
            if (telemetry != null) {
                telemetry.register(config.routes);
            }
            config.routes.get("/api/v1/status", this::status);
            config.routes.get("/api/v1/clusters/{name}", this::cluster);
            config.routes.get("/api/v1/clusters/{name}/history", this::history);
            config.routes.post("/api/v1/sync", this::sync);
            config.routes.post("/api/v1/rollouts/resume", this::resume);
            config.routes.post("/api/v1/rollouts/override-windows", this::overrideWindows);
            config.routes.get("/healthz", this::healthz);
            config.routes.get("/readyz", this::readyz);
            config.routes.get("/metrics", this::metrics);
            config.routes.get("/", this::page);
            config.routes.get("/assets/{file}", this::asset);
            config.routes.exception(Exception.class, this::unexpected);
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    json(ctx, 404, Map.of("error", "not found"));
                }
            });
            config.routes.error(405, ctx -> json(ctx, 405, Map.of("error", "method not allowed")));
        });
    }

    public OperatorServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        reads.close();
    }

    private void status(Context ctx) throws JsonProcessingException {
        json(ctx, 200, controller.status());
    }

    private void cluster(Context ctx) throws JsonProcessingException {
        String name = ctx.pathParam("name");
        var found = controller.cluster(name);
        if (found.isPresent()) {
            json(ctx, 200, withDelivery(found.get()));
        } else {
            json(ctx, 404, Map.of("error", "no cluster named '" + printable(name) + "'"));
        }
    }

    /**
     * The cluster's status plus {@code coverage} ({@link CoverageView}) and, when telemetry is on,
     * {@code delivery}: their own views, so ClusterStatus stays as it is.
     */
    private Object withDelivery(dev.logship.reconcile.ClusterStatus status) {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(status);
        tree.set("coverage", JSON.valueToTree(CoverageView.of(status,
                telemetry == null ? java.util.Optional.empty() : telemetry.cluster(status.name()))));
        if (telemetry != null) {
            tree.set("delivery", JSON.valueToTree(
                    telemetry.view(status).orElse(Map.of("state", "Unknown", "message", "not judged yet"))));
        }
        return tree;
    }

    /** The cluster's rollouts: where it stands in the one in force, its last Healthy commit, its last runs newest first. */
    private void history(Context ctx) throws JsonProcessingException {
        String name = ctx.pathParam("name");
        var history = controller.clusterHistory(name);
        if (history.isPresent()) {
            json(ctx, 200, history.get().toMap());
        } else if (controller.cluster(name).isPresent()) {
            json(ctx, 200, new dev.logship.rollout.ClusterHistory(name, java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.List.of()).toMap());
        } else {
            json(ctx, 404, Map.of("error", "no cluster named '" + printable(name) + "'"));
        }
    }

    private void sync(Context ctx) throws JsonProcessingException {
        String cluster = ctx.queryParam("cluster");
        if (cluster == null || cluster.isBlank()) {
            boolean taken = controller.syncAll("api");
            json(ctx, taken ? 202 : 503, Map.of("triggered", taken ? "source and every cluster" : "nothing: shutting down"));
        } else if (controller.syncCluster(cluster, "api")) {
            json(ctx, 202, Map.of("triggered", "cluster " + printable(cluster)));
        } else {
            json(ctx, 404, Map.of("error", "no cluster named '" + printable(cluster) + "' in the revision in force"));
        }
    }

    /** The resume control: a halted rollout carries on (failed clusters are tried again). {@link ApiAccess} checks the token. */
    private void resume(Context ctx) throws JsonProcessingException {
        boolean resumed = controller.resumeRollouts();
        json(ctx, resumed ? 202 : 409, resumed ? Map.of("resumed", true) : Map.of("error", "no rollout is halted"));
    }

    /** The manual override of sync windows for the rollouts in force. {@link ApiAccess} checks the token. */
    private void overrideWindows(Context ctx) throws JsonProcessingException {
        controller.overrideWindows();
        json(ctx, 202, Map.of("windowOverride", true));
    }

    private void healthz(Context ctx) throws JsonProcessingException {
        json(ctx, 200, Map.of("status", "ok"));
    }

    private void readyz(Context ctx) throws JsonProcessingException {
        boolean ready = controller.status().ready();
        json(ctx, ready ? 200 : 503, Map.of("ready", ready));
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape(controller.status()));
    }

    private void page(Context ctx) throws IOException {
        resource(ctx, "index.html", "text/html; charset=utf-8");
    }

    private void asset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        if (type == null) {
            json(ctx, 404, Map.of("error", "not found"));
        } else {
            resource(ctx, file, type);
        }
    }

    private void unexpected(Exception e, Context ctx) {
        // The log gets the type only: an unexpected message could quote request content.
        LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getClass().getName());
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("application/json").result("{\"error\":\"internal error\"}");
    }

    private static void resource(Context ctx, String file, String type) throws IOException {
        try (InputStream in = OperatorServer.class.getResourceAsStream("/web/" + file)) {
            if (in == null) {
                throw new IOException("missing resource /web/" + file);
            }
            ctx.contentType(type).header("Cache-Control", "no-cache").result(in.readAllBytes());
        }
    }

    static void json(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(toJson(body));
    }

    static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the status API serves plain maps and records", e);
        }
    }

    private static Map.Entry<String, String> script(String file) {
        return Map.entry(file, "text/javascript; charset=utf-8");
    }

    private static String printable(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 100 ? clean : clean.substring(0, 100) + "...";
    }
}
