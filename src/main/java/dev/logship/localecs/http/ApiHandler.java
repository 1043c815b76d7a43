package dev.logship.localecs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.logship.localecs.accounts.Accounts;
import dev.logship.localecs.accounts.CallCounts;
import dev.logship.localecs.faults.FaultSettings;
import dev.logship.localecs.faults.Faults;
import dev.logship.localecs.faults.RateLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS JSON 1.1 over HTTP: {@code POST /} with {@code X-Amz-Target}. Applies injected faults and
 * the rate limits of the caller's account and region, counts every call, logs one line per call
 * and answers errors in ECS's shape.
 */
public final class ApiHandler implements HttpHandler {
    static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Logger LOG = LoggerFactory.getLogger("localecs");
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/");

    private final EcsActions engine;
    private final RateLimits rateLimits;
    private final CallCounts counts;
    private final FaultSettings faults;
    private final String defaultRegion;
    private final Accounts accounts;

    public ApiHandler(EcsActions engine, RateLimits rateLimits, CallCounts counts, FaultSettings faults, String defaultRegion,
            Accounts accounts) {
        this.defaultRegion = defaultRegion;
        this.accounts = accounts;
        this.engine = engine;
        this.rateLimits = rateLimits;
        this.counts = counts;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String action = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String region = region(authorization, defaultRegion);
        String account = accounts.accountOf(Accounts.accessKey(authorization));
        String label = action == null ? String.valueOf(target) : action;
        try {
            byte[] request = readAll(exchange.getRequestBody());
            if (action == null || !exchange.getRequestMethod().equals("POST")) {
                throw EcsError.unknownAction(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " target=" + target);
            }
            counts.received(action, account);
            if (accounts.denied().contains(account)) {
                throw EcsError.of("AccessDeniedException", "User: arn:aws:sts::" + account + ":assumed-role/logship is not"
                        + " authorized to perform: ecs:" + action + " (denied through /_localecs/denied)");
            }
            Faults f = faults.current();
            sleep(f.latencyMillis());
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (f.dropShare() > 0 && random.nextDouble() < f.dropShare()) {
                counts.failed(action, "DroppedConnection");
                log(label, "dropped", region, started);
                return; // closing without a response drops the connection
            }
            if (f.throttleShare() > 0 && random.nextDouble() < f.throttleShare()) {
                throw EcsError.throttled();
            }
            if (f.serverErrorShare() > 0 && random.nextDouble() < f.serverErrorShare()) {
                throw EcsError.server("Service Unavailable. Please try again later. (injected fault)");
            }
            if (!engine.supports(action)) {
                throw EcsError.unknownAction(action);
            }
            if (!rateLimits.tryAcquire(account, region, action)) {
                throw EcsError.throttled();
            }
            com.fasterxml.jackson.databind.JsonNode body = parse(request);
            counts.receivedFor(CallCounts.clusterOf(body), action);
            ObjectNode response = engine.handle(action, body, region, account);
            send(exchange, 200, Json.MAPPER.writeValueAsBytes(response), null);
            log(label, "200", region, started);
        } catch (EcsError e) {
            if (action != null) {
                counts.failed(action, e.type());
            }
            sendError(exchange, e);
            log(label, e.status() + " " + e.type() + ": " + e.getMessage(), region, started);
        } catch (RuntimeException e) {
            LOG.error("{} failed unexpectedly", label, e);
            if (action != null) {
                counts.failed(action, "ServerException");
            }
            sendError(exchange, EcsError.server("Internal error in local-ecs: " + e.getClass().getSimpleName()));
        } finally {
            exchange.close(); // without a response sent, this drops the connection (fault injection)
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return Json.object();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw EcsError.serialization("Request body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw EcsError.serialization("Request body is not valid JSON: " + e.getMessage());
        }
    }

    private static void sendError(HttpExchange exchange, EcsError e) throws IOException {
        ObjectNode body = Json.object().put("__type", e.type()).put("message", e.getMessage());
        send(exchange, e.status(), Json.MAPPER.writeValueAsBytes(body), e.type());
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String errorType) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", CONTENT_TYPE);
        headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            headers.set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** The region of a SigV4 credential scope; unsigned requests get the configured region. */
    static String region(String authorization, String fallback) {
        if (authorization != null) {
            Matcher m = CREDENTIAL_SCOPE.matcher(authorization);
            if (m.find()) {
                return m.group(1);
            }
        }
        return fallback;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void log(String action, String outcome, String region, long startedNanos) {
        LOG.info("{} {} region={} {}ms", action, outcome, region, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
