package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.EcsClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ecs.EcsClient;

class LocalEcsCommandTest {

    @Test
    void runsAsAProcessServesEcsAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.logship.cli.Main", "local-ecs", "--port", "0", "--cluster", "prod:2", "--state",
                dir.resolve("state.json").toString()))
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            Matcher m = Pattern.compile("local-ecs ready at (http://127\\.0\\.0\\.1:\\d+)").matcher(String.valueOf(ready));
            assertThat(m.find()).as("first line: %s", ready).isTrue();

            try (EcsClient ecs = EcsClients.of(URI.create(m.group(1)))) {
                assertThat(ecs.listContainerInstances(r -> r.cluster("prod")).containerInstanceArns()).hasSize(2);
            }

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            assertThat(dir.resolve("state.json")).exists();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void badOptionsAreNamedOnStderrWithAUsageExitCode() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));

        int badCluster = cli.execute("local-ecs", "--port", "0", "--cluster", "prod");
        int badThrottle = cli.execute("local-ecs", "--port", "0", "--throttle", "sometimes");

        assertThat(badCluster).isEqualTo(2);
        assertThat(badThrottle).isEqualTo(2);
        assertThat(err.toString()).contains("--cluster expects NAME:NODES").contains("--throttle must be 'off' or 'ecs'");
    }

    @Test
    void helpShowsAnExample() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("local-ecs", "--help")).isZero();
        assertThat(out.toString()).contains("Example:").contains("--cluster").contains("AWS_ENDPOINT_URL_ECS");
    }
}
