package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.web.WebhookRoutes;
import dev.logship.web.WebhookSettings;
import dev.logship.web.WebhookVerifier;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * At least 1,000 seeded hostile requests (more with {@code -Dlogship.webhookCases=N}) against
 * the real Javalin server with the webhook routes: every answer is 2xx or 4xx, a request
 * without a correct proof of the secret gets a 4xx and never triggers a fetch, and no answer
 * repeats the secret.
 */
class WebhookFuzzTest {
    private static final String SECRET = "whsec-FUZZ-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private static final int LIMIT = 64 * 1024;
    private static final int NO_ANSWER = -1;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void hostileRequestsGetOnlyClientErrorsAndNeverTriggerWithoutAValidSignature() throws Exception {
        int cases = Integer.getInteger("logship.webhookCases", 1200);
        long seed = Long.getLong("logship.webhookSeed", 20261124L);
        AtomicInteger triggers = new AtomicInteger();
        WebhookVerifier verifier = new WebhookVerifier(
                WebhookSettings.signed(SECRET, WebhookCases.REPO, () -> "main").withMaxBodyBytes(LIMIT));
        WebhookRoutes routes = new WebhookRoutes(verifier, reason -> triggers.incrementAndGet(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Javalin app = Javalin.create(config -> routes.register(config.routes)).start("127.0.0.1", 0);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        WebhookCases generator = new WebhookCases(seed, SECRET, LIMIT);
        List<String> violations = new ArrayList<>();
        Map<String, Map<Integer, Integer>> tally = new TreeMap<>();
        int authenticTriggers = 0;
        long started = System.nanoTime();
        try {
            for (int i = 0; i < cases; i++) {
                WebhookCase c = generator.next();
                int before = triggers.get();
                Answer answer = c.raw() != null ? Answer.of(RawHttp.send(app.port(), c.raw())) : send(http, app.port(), c);
                boolean triggered = triggers.get() > before;
                authenticTriggers += triggered ? 1 : 0;
                tally.computeIfAbsent(c.kind().replaceAll(" \\d+$", ""), k -> new TreeMap<>()).merge(answer.status, 1, Integer::sum);
                String problem = judge(c, answer, triggered);
                if (problem != null && violations.size() < 20) {
                    violations.add("case " + i + " (" + c + "): " + problem);
                }
            }
        } finally {
            app.stop();
        }
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf("FIGURES webhook-fuzz: cases=%d seed=%d triggers=%d took=%dms statuses=%s%n", cases, seed,
                authenticTriggers, tookMillis, tally);
        assertThat(violations).isEmpty();
        assertThat(authenticTriggers).as("valid pushes did trigger").isPositive();
    }

    /** What is wrong with this answer, or null. */
    private static String judge(WebhookCase c, Answer answer, boolean triggered) {
        int status = answer.status;
        if (answer.body.contains(SECRET)) {
            return "the answer repeats the secret";
        }
        if (triggered && !c.authentic()) {
            return "triggered a fetch without a valid signature (" + status + ")";
        }
        if (triggered && status != 202) {
            return "triggered but answered " + status;
        }
        if (status == NO_ANSWER) {
            // only a body far over the limit may be cut off (the server drains 4x the limit, then drops)
            return c.body().length > 4 * LIMIT || c.raw() != null ? null : "no answer";
        }
        if (status == 505 && c.kind().endsWith(WebhookCases.NO_HTTP_VERSION)) {
            return null; // Jetty's HTTP parser, before logship's code; see RELIABILITY.md
        }
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            return "answered " + status + ": " + answer.body;
        }
        if (!c.authentic() && status < 400) {
            return "answered " + status + " to a request without a valid signature";
        }
        if (c.expectedStatus() != 0 && status != c.expectedStatus()) {
            return "expected " + c.expectedStatus() + " but got " + status + ": " + answer.body;
        }
        return null;
    }

    private record Answer(int status, String body) {
        static Answer of(RawHttp.Response raw) {
            return new Answer(raw == null ? NO_ANSWER : raw.status(), raw == null ? "" : raw.text());
        }
    }

    private static Answer send(HttpClient http, int port, WebhookCase c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + encode(c.path())))
                .timeout(Duration.ofSeconds(20)).method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
        c.headers().forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(NO_ANSWER, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String path) {
        return path.replace("%00", "%2500");
    }

}
