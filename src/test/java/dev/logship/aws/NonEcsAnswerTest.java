package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.logship.model.ClusterTarget;
import dev.logship.sync.GatewayException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that answers every call with a proxy's HTML error page (500, no ECS error type):
 * the failure names the action and the HTTP status, not the SDK's "EcsException: null".
 */
class NonEcsAnswerTest {
    @Test
    void anHtmlErrorPageIsReportedWithItsActionAndHttpStatus() throws Exception {
        HttpServer html = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        html.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] page = "<html><body><h1>500 Internal Server Error</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(500, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        html.start();
        URI endpoint = URI.create("http://127.0.0.1:" + html.getAddress().getPort());
        ClusterTarget target = new ClusterTarget("prod", "prod-ecs", "us-east-1", null, true, false, false, Map.of());
        try (AwsEcsGateways gateways = new AwsEcsGateways(new AwsSettings(endpoint, LocalEcsHarness.CREDENTIALS, RateLimits.off(), 4))) {
            assertThatThrownBy(() -> gateways.daemonsFor(target).observeDaemons())
                    .isInstanceOf(GatewayException.class)
                    .hasMessage("ListDaemons failed: HTTP 500 (not an ECS answer)");
            assertThatThrownBy(() -> gateways.forCluster(target).observe(false))
                    .hasMessage("DescribeClusters failed: HTTP 500 (not an ECS answer)");
            assertThat(calls.get()).as("the SDK's own retries ran").isGreaterThan(2);
        } finally {
            html.stop(0);
        }
    }
}
