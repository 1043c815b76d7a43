package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.JavaProcess;
import dev.logship.testkit.ServeHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer sees from {@code logship demo} (its own JVM, as the README runs it): the few
 * useful lines and the events, no line per local-ECS call and no Jetty banner; {@code --verbose}
 * brings those back.
 */
class DemoOutputTest {
    @TempDir Path tmp;

    @Test
    void theDemoPrintsItsInstructionsThenTheEventsOnly() throws Exception {
        String output = demoUntilProdIsApplied("quiet");
        assertThat(output).contains("Status page: http://127.0.0.1:").contains("git push").contains("Press Ctrl-C to stop.")
                .contains("NewRevision: accepted").contains("[prod] Applied");
        assertThat(output).doesNotContain("ListServices 200").doesNotContain("jetty").doesNotContain("Javalin")
                .doesNotContain("local-ecs listening");
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("lines until prod is applied:%n%s", output).hasSizeLessThan(30);
    }

    @Test
    void verboseAlsoShowsEveryLocalEcsCallAndJettysStartUp() throws Exception {
        String output = demoUntilProdIsApplied("verbose", "--verbose");
        assertThat(output).contains("Status page:").contains("ListServices 200").contains("Javalin").contains("[prod] Applied");
    }

    /** LOGSHIP_LOG_FORMAT=json: every line, the instructions included, is one JSON object; the apply carries its fields. */
    @Test
    void jsonLogsAreOneObjectPerLineWithTheApplysClusterAndRevision() throws Exception {
        String output = demoUntilProdIsApplied("json", java.util.Map.of("LOGSHIP_LOG_FORMAT", "json"));
        List<com.fasterxml.jackson.databind.JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
            com.fasterxml.jackson.databind.JsonNode json = ServeHarness.JSON.readTree(line); // throws on a line that is not JSON
            assertThat(List.of("time", "level", "logger", "message")).as(line).allMatch(json::hasNonNull);
            lines.add(json);
        }
        assertThat(lines).anyMatch(j -> j.path("message").asText().contains("Status page: http://127.0.0.1:"));
        assertThat(lines).anyMatch(j -> j.path("event").asText().equals("Applied") && j.path("cluster").asText().equals("prod")
                && j.path("revision").asText().matches("[0-9a-f]{40}"));
        assertThat(output).doesNotContain("ListServices 200").doesNotContain("Javalin");
    }

    private String demoUntilProdIsApplied(String name, String... extra) throws Exception {
        return demoUntilProdIsApplied(name, java.util.Map.of(), extra);
    }

    /** Runs the demo in its own JVM until prod's first apply is logged, then stops it; returns stdout and stderr. */
    private String demoUntilProdIsApplied(String name, java.util.Map<String, String> env, String... extra) throws Exception {
        // the JVM flags bin/logship gives the demo (C1 only, serial collector, -Xmx256m)
        List<String> command = new ArrayList<>(JavaProcess.mainCommand("256m"));
        command.addAll(List.of("demo", "--port", "0", "--data-dir", tmp.resolve(name).toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process demo = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.contains("[prod] Applied") || System.nanoTime() > deadline) {
                    break;
                }
            }
        } finally {
            demo.destroy(); // SIGTERM: the demo's own Ctrl-C path
            if (!demo.waitFor(30, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
        assertThat(output.toString()).as("the demo applied prod within 90 s").contains("[prod] Applied");
        return output.toString();
    }
}
