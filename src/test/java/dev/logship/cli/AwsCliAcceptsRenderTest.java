package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.logship.testkit.AwsCliPath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI takes every rendered input with --cli-input-json: it validates parameters
 * against the ECS model before sending, and the request it sends carries exactly our JSON.
 */
class AwsCliAcceptsRenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, JsonNode> received = new ConcurrentHashMap<>();
    private HttpServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void startEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            received.put(target, JSON.readTree(exchange.getRequestBody()));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopEndpoint() {
        server.stop(0);
    }

    @Test
    void awsCliSendsEveryRenderedInputUnchanged() throws Exception {
        JsonNode document = JSON.readTree(CliRun.of("render", "examples/desired-state", "--show-secrets").out());
        int checked = 0;
        for (JsonNode cluster : document.get("clusters")) {
            for (JsonNode forwarder : cluster.get("forwarders")) {
                if (forwarder.has("createDaemon")) { // a managedDaemon forwarder: the daemon API's inputs
                    JsonNode daemonTaskDefinition = forwarder.get("registerDaemonTaskDefinition");
                    assertThat(aws("register-daemon-task-definition", daemonTaskDefinition)).isEqualTo(daemonTaskDefinition);
                    assertThat(aws("create-daemon", forwarder.get("createDaemon"))).isEqualTo(forwarder.get("createDaemon"));
                    checked++;
                    continue;
                }
                JsonNode taskDefinition = forwarder.get("registerTaskDefinition");
                JsonNode service = forwarder.get("createService");
                assertThat(aws("register-task-definition", taskDefinition)).isEqualTo(taskDefinition);
                assertThat(aws("create-service", service)).isEqualTo(service);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(4);
    }

    private JsonNode aws(String operation, JsonNode input) throws Exception {
        Path file = Files.writeString(dir.resolve(operation + ".json"), JSON.writeValueAsString(input));
        ProcessBuilder builder = new ProcessBuilder(AwsCliPath.aws(), "ecs", operation, "--cli-input-json", "file://" + file,
                "--endpoint-url", "http://127.0.0.1:" + server.getAddress().getPort(), "--region", "us-east-1")
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_CONFIG_FILE", dir.resolve("none").toString(), "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString(),
                "AWS_MAX_ATTEMPTS", "1", "AWS_PAGER", ""));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        String action = Arrays.stream(operation.split("-")).map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(java.util.stream.Collectors.joining()); // register-task-definition -> RegisterTaskDefinition
        String target = "AmazonEC2ContainerServiceV20141113." + action;
        assertThat(received).containsKey(target);
        return received.remove(target);
    }
}
