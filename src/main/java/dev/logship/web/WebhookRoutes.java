package dev.logship.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POST route per Git host under {@value #PREFIX}. Each reads the body up to the limit, lets
 * the {@link WebhookVerifier} decide, and on a verified matching push calls {@code onTrigger}
 * with a short reason: the controller's "reconcile now", which must return quickly. Counts every
 * request as {@code logship_webhook_requests_total{provider,outcome}}.
 */
public final class WebhookRoutes {
    public static final String PREFIX = "/api/v1/webhooks/";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DRAIN_FACTOR = 4;

    private final WebhookVerifier verifier;
    private final Consumer<String> onTrigger;
    private final MeterRegistry registry;

    public WebhookRoutes(WebhookVerifier verifier, Consumer<String> onTrigger, MeterRegistry registry) {
        this.verifier = verifier;
        this.onTrigger = onTrigger;
        this.registry = registry;
    }

    /** Adds the routes, e.g. {@code Javalin.create(config -> webhooks.register(config.routes))}. */
    public void register(RoutesConfig routes) {
        for (WebhookProvider provider : WebhookProvider.values()) {
            routes.post(PREFIX + provider.pathSegment(), ctx -> handle(provider, ctx));
        }
    }

    private void handle(WebhookProvider provider, Context ctx) throws IOException {
        byte[] body;
        try {
            body = readLimited(ctx, verifier.maxBodyBytes());
        } catch (IOException | RuntimeException e) {
            // A body cut short or badly chunked is the sender's fault: 400, not a 500 from the framework.
            WebhookOutcome unreadable = WebhookOutcome.malformed("request body could not be read (cut short or badly framed)");
            counter(provider, unreadable).increment();
            LOG.info("webhook {} from {}: {} {}", provider.pathSegment(), ctx.ip(), unreadable.status(), unreadable.message());
            respond(ctx, unreadable);
            return;
        }
        WebhookOutcome outcome = body == null
                ? WebhookOutcome.tooLarge(verifier.maxBodyBytes())
                : verifier.handle(provider, ctx::header, body);
        counter(provider, outcome).increment();
        if (outcome.shouldTrigger()) {
            onTrigger.accept("webhook " + outcome.message().substring("triggered: ".length()));
        }
        LOG.info("webhook {} from {}: {} {}", provider.pathSegment(), ctx.ip(), outcome.status(), outcome.message());
        respond(ctx, outcome);
    }

    /**
     * The body, or null when it is over the limit. An oversized body is read on and discarded up
     * to {@value #DRAIN_FACTOR} times the limit (never kept in memory), so the sender sees the 413
     * instead of a connection reset mid-upload; beyond that the connection is simply dropped.
     */
    private static byte[] readLimited(Context ctx, long limit) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.bodyInputStream()) {
            if (declared > limit) {
                drain(in, limit * DRAIN_FACTOR);
                return null;
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                drain(in, limit * DRAIN_FACTOR);
                return null;
            }
            return body;
        }
    }

    private static void drain(InputStream in, long atMost) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = atMost;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= read;
        }
    }

    private Counter counter(WebhookProvider provider, WebhookOutcome outcome) {
        return Counter.builder("logship.webhook.requests")
                .description("Webhook requests by Git host and what they led to")
                .tag("provider", provider.pathSegment())
                .tag("outcome", outcome.kind().label())
                .register(registry);
    }

    private static void respond(Context ctx, WebhookOutcome outcome) throws JsonProcessingException {
        Map<String, String> response = new LinkedHashMap<>();
        response.put("outcome", outcome.kind().label());
        response.put("message", outcome.message());
        ctx.status(outcome.status()).contentType("application/json").result(JSON.writeValueAsString(response));
    }
}
