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
 * One POST route per Git host under {@value #PREFIX}. Each authenticates what it can from the
 * headers, reads the body up to the limit (computing the HMAC as it streams), lets the {@link
 * WebhookVerifier} decide the rest, and on a verified matching push calls {@code onTrigger}
 * with a short reason and the commit the push names (or null): the controller's "reconcile
 * now", which must return quickly. Counts every request as
 * {@code logship_webhook_requests_total{provider,outcome}}.
 */
public final class WebhookRoutes {
    /** The controller's "reconcile now"; {@code commit} (nullable) only ever lets it skip a fetch that already found it. */
    @FunctionalInterface
    public interface Trigger {
        void push(String reason, String commit);
    }

    public static final String PREFIX = "/api/v1/webhooks/";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bodies read at once before their sender is known may hold this many body limits in memory (5 MiB each by default). */
    static final int UNAUTHENTICATED_BODIES = 2;
    /** How long a read waits for room in that budget before it is turned away with 503. */
    static final long WAIT_MILLIS = 2_000;
    private static final int DRAIN_FACTOR = 4;

    private final WebhookVerifier verifier;
    private final Trigger onTrigger;
    private final MeterRegistry registry;
    private final UnauthenticatedReads unauthenticatedReads;

    /** For receivers that do not care which commit was pushed. */
    public WebhookRoutes(WebhookVerifier verifier, Consumer<String> onTrigger, MeterRegistry registry) {
        this(verifier, registry, (reason, commit) -> onTrigger.accept(reason));
    }

    /** Routes whose trigger also gets the commit a push names (a separate factory: one lambda shape per constructor). */
    public static WebhookRoutes withCommits(WebhookVerifier verifier, Trigger onTrigger, MeterRegistry registry) {
        return new WebhookRoutes(verifier, registry, onTrigger);
    }

    private WebhookRoutes(WebhookVerifier verifier, MeterRegistry registry, Trigger onTrigger) {
        this.verifier = verifier;
        this.onTrigger = onTrigger;
        this.registry = registry;
        this.unauthenticatedReads = new UnauthenticatedReads(UNAUTHENTICATED_BODIES * verifier.maxBodyBytes(), WAIT_MILLIS);
    }

    /** Adds the routes, e.g. {@code Javalin.create(config -> webhooks.register(config.routes))}. */
    public void register(RoutesConfig routes) {
        for (WebhookProvider provider : WebhookProvider.values()) {
            routes.post(PREFIX + provider.pathSegment(), ctx -> handle(provider, ctx));
        }
    }

    /**
     * Authenticates from the headers first: a wrong or missing token or signature header is
     * answered without reading the body. A body whose sender is not yet known (an HMAC is checked
     * only at its end, or no secret is configured) is read only within {@link UnauthenticatedReads}'
     * budget of {@value #UNAUTHENTICATED_BODIES} body limits; a read that finds no room within
     * {@value #WAIT_MILLIS} ms is answered 503. So a flood of large bodies costs at most that much
     * memory, whatever the heap.
     */
    private void handle(WebhookProvider provider, Context ctx) throws IOException {
        String secret = verifier.secret();
        WebhookAuthenticator.HeaderCheck check = secret == null ? null : WebhookAuthenticator.headers(provider, secret, ctx::header);
        if (check != null && check.problem() != null) {
            finish(provider, ctx, WebhookOutcome.unauthorized(check.problem()), true);
            return;
        }
        boolean unauthenticated = check == null || check.signatureHeader() != null;
        int permits = 0;
        if (unauthenticated) {
            try {
                permits = unauthenticatedReads.acquire(ctx.req().getContentLengthLong(), verifier.maxBodyBytes());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (permits == 0) {
                finish(provider, ctx, WebhookOutcome.busy(unauthenticatedReads.budgetBytes()), true);
                return;
            }
        }
        try {
            handleBody(provider, ctx, check);
        } finally {
            unauthenticatedReads.release(permits);
        }
    }

    private void handleBody(WebhookProvider provider, Context ctx, WebhookAuthenticator.HeaderCheck check) throws IOException {
        BodyReader.Body body;
        boolean hmac = check != null && check.signatureHeader() != null;
        try (InputStream in = ctx.bodyInputStream()) {
            body = BodyReader.read(in, ctx.req().getContentLengthLong(), verifier.maxBodyBytes(), hmac ? verifier.secret() : null);
            if (body.tooLarge()) {
                // read on and discard (never kept) so the sender sees the 413 rather than a reset mid-upload
                BodyReader.discard(in, verifier.maxBodyBytes() * DRAIN_FACTOR);
            }
        } catch (IOException | RuntimeException e) {
            // A body cut short or badly chunked is the sender's fault: 400, not a 500 from the framework.
            finish(provider, ctx, WebhookOutcome.malformed("request body could not be read (cut short or badly framed)"), true);
            return;
        }
        WebhookOutcome outcome;
        if (body.tooLarge()) {
            outcome = WebhookOutcome.tooLarge(verifier.maxBodyBytes());
        } else if (hmac && !check.matches(body.hmacHex())) {
            outcome = WebhookOutcome.unauthorized(check.mismatch());
        } else {
            outcome = verifier.handleAuthentic(provider, ctx::header, body.bytes());
        }
        if (outcome.shouldTrigger()) {
            onTrigger.push("webhook " + outcome.message().substring("triggered: ".length()), outcome.commit());
        }
        finish(provider, ctx, outcome, body.tooLarge());
    }

    /** Counts, logs and answers; {@code close}: the body may be unread, so the connection is not reused. */
    private void finish(WebhookProvider provider, Context ctx, WebhookOutcome outcome, boolean close) throws JsonProcessingException {
        counter(provider, outcome).increment();
        LOG.info("webhook {} from {}: {} {}", provider.pathSegment(), ctx.ip(), outcome.status(), outcome.message());
        if (close) {
            ctx.header("Connection", "close");
        }
        if (outcome.kind() == WebhookOutcome.Kind.BUSY) {
            ctx.header("Retry-After", "1");
        }
        respond(ctx, outcome);
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
