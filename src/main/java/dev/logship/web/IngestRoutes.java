package dev.logship.web;

import dev.logship.delivery.NodeSample;
import dev.logship.delivery.SampleWindow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;

/**
 * The telemetry ingest ({@value #PATH}): Fluent Bit's opentelemetry output pushes its own
 * metrics here. In this order, each refusal counted as {@code logship_ingest_requests_total{outcome}}
 * and none touching any state: a source address over its rate (429, before anything is read; the
 * address a trusted proxy forwarded for, see {@link ClientAddress}),
 * no or a wrong bearer token (401), a body over the limit (413), not a Fluent Bit OTLP metrics push
 * (400), a node over its rate (429), a sample not newer than the node's last (409, a replay), too
 * many nodes (503). Only an accepted push reaches the {@link SampleWindow}.
 */
public final class IngestRoutes {
    public static final String PATH = "/api/v1/ingest/v1/metrics";
    private static final int MAX_BUCKETS = 100_000;
    /** Where a trusted load balancer puts the client's address (ALB, most ingresses). */
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final ApiToken token;
    private final IngestSettings settings;
    private final SampleWindow window;
    private final MeterRegistry registry;
    private final ClientAddress clients;
    private final RateBuckets perAddress;
    private final RateBuckets perNode;

    public IngestRoutes(IngestSettings settings, SampleWindow window, MeterRegistry registry) {
        this.token = ApiToken.of(settings.token());
        this.settings = settings;
        this.window = window;
        this.registry = registry;
        this.clients = new ClientAddress(settings.trustedProxies());
        this.perAddress = new RateBuckets(settings.pushesPerAddress(), MAX_BUCKETS);
        this.perNode = new RateBuckets(settings.pushesPerMinute(), MAX_BUCKETS);
    }

    void register(RoutesConfig routes) {
        routes.post(PATH, this::push);
    }

    private void push(Context ctx) throws IOException {
        String client = clients.of(ctx.req().getRemoteAddr(), java.util.Collections.list(ctx.req().getHeaders(FORWARDED_FOR)));
        if (!perAddress.take(client)) {
            refuse(ctx, 429, "rate_limited");
            return;
        }
        if (!token.admits(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            refuse(ctx, 401, "unauthenticated");
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        BodyReader.Body body = BodyReader.read(ctx.req().getInputStream(), declared, settings.maxBodyBytes(), null);
        if (body.tooLarge()) {
            refuse(ctx, 413, "too_large");
            return;
        }
        NodeSample sample;
        try {
            sample = OtlpSamples.decode(body.bytes());
        } catch (OtlpSamples.Malformed e) {
            refuse(ctx, 400, "malformed");
            return;
        }
        if (!perNode.take(sample.cluster() + "\n" + sample.forwarder() + "\n" + sample.node())) {
            refuse(ctx, 429, "rate_limited");
            return;
        }
        switch (window.record(sample)) {
            case ACCEPTED -> {
                count("accepted");
                ctx.status(200).contentType("application/x-protobuf").result(new byte[0]);
            }
            case REPLAYED -> refuse(ctx, 409, "replayed");
            case TOO_MANY_NODES -> refuse(ctx, 503, "too_many_nodes");
        }
    }

    private void refuse(Context ctx, int status, String outcome) {
        count(outcome);
        ctx.status(status).contentType("application/json").result("{\"error\":\"" + outcome.replace('_', ' ') + "\"}");
    }

    private void count(String outcome) {
        Counter.builder("logship.ingest.requests").description("Telemetry pushes by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
