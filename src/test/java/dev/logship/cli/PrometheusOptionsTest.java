package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.prometheus.PrometheusSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --prometheus-url} and {@code --prometheus-token-file}: read, set from the environment, refused when they conflict. */
class PrometheusOptionsTest {
    @TempDir Path tmp;

    private static ServeCommand parse(Map<String, String> env, String... args) {
        CommandLine cli = Main.commandLine();
        cli.setDefaultValueProvider(new EnvironmentDefaults(env));
        return (ServeCommand) cli.parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void theUrlComesFromTheOptionOrTheEnvironmentAndTheTokenFromItsFile() throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), "prom-Kz4-distinctive\nignored\n");
        PrometheusSettings settings = parse(Map.of("LOGSHIP_PROMETHEUS_URL", "http://prometheus.internal:9090"),
                "serve", "--repo", "examples/desired-state", "--prometheus-token-file", token.toString(),
                "--delivery-window", "30s").prometheus();
        assertThat(settings.url().toString()).isEqualTo("http://prometheus.internal:9090");
        assertThat(settings.token()).isEqualTo("prom-Kz4-distinctive");
        assertThat(settings.window()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.toString()).doesNotContain("prom-Kz4-distinctive");
        assertThat(parse(Map.of(), "serve", "--repo", "examples/desired-state").prometheus()).isNull();
    }

    @Test
    void conflictsAreRefusedWithASentence() throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), "prom-Kz4-distinctive\n");
        CliRun tokenOnly = CliRun.of("serve", "--repo", "examples/desired-state", "--webhook-allow-unsigned", "--port", "0",
                "--bind", "127.0.0.1", "--prometheus-token-file", token.toString());
        assertThat(tokenOnly.exitCode()).isEqualTo(1);
        assertThat(tokenOnly.err()).contains("--prometheus-token-file needs --prometheus-url").doesNotContain("prom-Kz4");
        CliRun both = CliRun.of("serve", "--repo", "examples/desired-state", "--webhook-allow-unsigned", "--port", "0",
                "--bind", "127.0.0.1", "--prometheus-url", "http://127.0.0.1:9", "--ingest-token", "ingest-Aa1-distinctive");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.err()).contains("--ingest-token or --prometheus-url, not both").doesNotContain("ingest-Aa1-distinctive");
        CliRun ftp = CliRun.of("serve", "--repo", "examples/desired-state", "--webhook-allow-unsigned", "--port", "0",
                "--bind", "127.0.0.1", "--prometheus-url", "ftp://user:pw-Zz9@prom:21");
        assertThat(ftp.exitCode()).isEqualTo(1);
        assertThat(ftp.err()).contains("http or https").doesNotContain("pw-Zz9");
    }
}
