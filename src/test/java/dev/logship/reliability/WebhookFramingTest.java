package dev.logship.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.web.WebhookRoutes;
import dev.logship.web.WebhookSettings;
import dev.logship.web.WebhookVerifier;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests from the webhook fuzzing: a request whose body could not be read (the sender
 * closed early, or broke the chunked encoding) was answered 500 by the framework.
 */
class WebhookFramingTest {
    private static final String PATH = "/api/v1/webhooks/github";
    private final AtomicInteger triggers = new AtomicInteger();
    private Javalin app;

    /** A signature header of the right form: without one the request is refused before its body is read. */
    private static final String SIGNED = "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\n";

    @BeforeEach
    void start() {
        WebhookRoutes routes = new WebhookRoutes(new WebhookVerifier(WebhookSettings.signed("s3cret-framing",
                WebhookCases.REPO, () -> "main")), r -> triggers.incrementAndGet(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        app = Javalin.create(config -> routes.register(config.routes)).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private RawHttp.Response send(String request) throws Exception {
        return RawHttp.send(app.port(), request.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aBodyCutShortIsABadRequestNotAServerError() throws Exception {
        RawHttp.Response answer = send("POST " + PATH + " HTTP/1.1\r\nHost: x\r\nX-GitHub-Event: push\r\n" + SIGNED + "Content-Length: 50\r\n\r\n{\"ref\":");
        assertThat(answer).isNotNull();
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).contains("request body could not be read");
        assertThat(triggers).hasValue(0);
    }

    @Test
    void aBrokenChunkedBodyIsABadRequestNotAServerError() throws Exception {
        RawHttp.Response answer = send("POST " + PATH + " HTTP/1.1\r\nHost: x\r\nX-GitHub-Event: push\r\n" + SIGNED
                + "Transfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n");
        assertThat(answer).isNotNull();
        assertThat(answer.status()).isEqualTo(400);
        assertThat(triggers).hasValue(0);
    }
}
