package dev.logship.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.ContainerSpec;
import dev.logship.model.TaskDefinitionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.healthCheck} with the real binary: the rendered command of a {@code -debug} image
 * (a shell that writes Fluent Bit's [SERVICE] health settings, then execs it with the pipeline)
 * starts, and the rendered container health command, run inside the forwarder's namespaces as
 * ECS runs it, passes while nothing fails and fails once the destination refuses records for good
 * (the HTTP intake answers 401 to a wrong token: output errors, not retries). Figures go to
 * target/fluent-bit-health-check.txt.
 */
@RequiresFluentBit
class FluentBitHealthCheckTest {
    static final String MANIFEST = """
            agent: fluentBit
            image: fluent/fluent-bit:5.1.1-debug
            healthCheck: {errors: 3, period: 10s}
            routes:
              - http: {uri: "https://intake.test/logs?token=not-the-intake-token", format: json_lines}
            """;
    static final String HEALTH = "curl -s http://127.0.0.1:2020/api/v2/health";

    @TempDir Path tmp;

    @BeforeAll
    static void needsTheBinaryAndRoot() {
        FluentBitEndToEndTest.needsTheBinaryAndRoot();
    }

    @Test
    void theContainerHealthCheckPassesUntilTheOutputsFailThenFails() throws Exception {
        TaskDefinitionSpec td = FluentBitEndToEndTest.render(MANIFEST);
        ContainerSpec container = td.containers().get(0);
        assertThat(container.command().get(0)).isEqualTo("/bin/sh");
        String check = container.healthCheck().command().get(1);
        assertThat(container.healthCheck().command().get(0)).isEqualTo("CMD-SHELL");
        try (DestinationNode node = DestinationNode.start(tmp, td, Map.of(), Set.of())) {
            long started = System.currentTimeMillis();
            Map.Entry<Integer, String> healthy;
            try {
                healthy = Waits.until("the health check passes", Duration.ofSeconds(60), () ->
                        Optional.of(node.namespace.exec(check)).filter(r -> r.getKey() == 0));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + node.diagnostics(), e);
            }
            long okAfter = System.currentTimeMillis() - started;
            assertThat(node.namespace.exec("curl -s http://127.0.0.1:2020/api/v1/health").getValue().strip()).isEqualTo("ok");

            DockerLogs app = node.container("b2b2b2b2b2b2" + "0".repeat(52), "web-app", "app");
            long writing = System.currentTimeMillis();
            int[] written = {0};
            Map.Entry<Integer, String> failing = Waits.until("the health check fails", Duration.ofSeconds(90), () -> {
                app.write("stdout", "line " + written[0]++);
                return Optional.of(node.namespace.exec(check)).filter(r -> r.getKey() != 0);
            });
            long failAfter = System.currentTimeMillis() - writing;
            assertThat(node.namespace.exec("curl -s http://127.0.0.1:2020/api/v1/health").getValue().strip()).isEqualTo("error");
            String state = node.namespace.exec(HEALTH).getValue();
            assertThat(state).contains("\"status\":\"error\"", "\"error_limit\":3", "\"period_limit\":10");
            assertThat(node.arrivals(dev.logship.fluentbit.receivers.Destination.HTTP)).isEmpty();
            assertThat(node.namespace.fluentBit()).as("Fluent Bit keeps running: ECS, not Fluent Bit, acts on the check")
                    .isPresent();
            String figures = ("health check: passed %d ms after start (exit %d); failed %d ms after the first refused line "
                    + "(exit %d, %d lines written); Fluent Bit's own view: %s%n").formatted(okAfter, healthy.getKey(),
                    failAfter, failing.getKey(), written[0], state);
            System.out.print(figures);
            Files.writeString(Path.of("target/fluent-bit-health-check.txt"), figures);
        }
    }
}
