package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.rollout.RolloutClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeOptionsTest {
    @Test
    void readsTheWaysOperatorsWriteIntervals() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void rejectsNonsenseWithAnExample() {
        assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'soon'").hasMessageContaining("30s");
    }

    @Test
    void serveRefusesToStartWithoutAWebhookSecretUnlessAllowedUnsigned() {
        CliRun run = CliRun.of("serve", "--repo", "examples/desired-state", "--port", "0", "--bind", "127.0.0.1",
                "--poll-interval", "soon");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("soon");
        CliRun unsigned = CliRun.of("serve", "--repo", "examples/desired-state", "--port", "0", "--bind", "127.0.0.1");
        assertThat(unsigned.exitCode()).isEqualTo(1);
        assertThat(unsigned.err()).contains("--webhook-allow-unsigned");
    }

    @Test
    void theHiddenClockOptionsScaleOnlyTheRolloutClockAndReadTheEnvironment() {
        CommandLine cli = Main.commandLine();
        cli.setDefaultValueProvider(new EnvironmentDefaults(Map.of("LOGSHIP_CLOCK_SCALE", "60")));
        CommandLine.ParseResult parsed = cli.parseArgs("serve", "--repo", "examples/desired-state", "--webhook-allow-unsigned",
                "--clock-start", "2030-01-07T08:55:00Z");
        ServeConfig config = ((ServeCommand) parsed.subcommand().commandSpec().userObject()).config();
        RolloutClock clock = config.controller().rolloutClock();
        assertThat(clock.scale()).isEqualTo(60);
        // 60 times as fast from 08:55: well before 10:00 unless this test ran for a minute
        assertThat(clock.instant()).isBetween(Instant.parse("2030-01-07T08:55:00Z"), Instant.parse("2030-01-07T10:00:00Z"));
        assertThat(config.controller().pollInterval()).isEqualTo(Duration.ofSeconds(60)); // other timings keep real time
        assertThat(CliRun.of("serve", "--help").out()).doesNotContain("--clock-scale"); // a test and demo knob, not for operators
    }

    @Test
    void logFormatIsTextUnlessTheOptionOrLogshipLogFormatSaysJson() {
        assertThat(logFormat(Map.of(), "serve")).isEqualTo(dev.logship.logging.LogFormat.TEXT);
        assertThat(logFormat(Map.of("LOGSHIP_LOG_FORMAT", "json"), "serve")).isEqualTo(dev.logship.logging.LogFormat.JSON);
        assertThat(logFormat(Map.of("LOGSHIP_LOG_FORMAT", "json"), "serve", "--log-format", "text"))
                .isEqualTo(dev.logship.logging.LogFormat.TEXT);
        assertThat(logFormat(Map.of(), "demo", "--log-format", "JSON")).isEqualTo(dev.logship.logging.LogFormat.JSON);
        CliRun wrong = CliRun.of("serve", "--repo", "examples/desired-state", "--webhook-allow-unsigned", "--log-format", "xml");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("unknown log format 'xml': use text or json");
    }

    private static dev.logship.logging.LogFormat logFormat(Map<String, String> env, String command, String... args) {
        CommandLine cli = Main.commandLine();
        cli.setDefaultValueProvider(new EnvironmentDefaults(env));
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(command));
        if (command.equals("serve")) {
            all.addAll(java.util.List.of("--repo", "examples/desired-state", "--webhook-allow-unsigned"));
        }
        all.addAll(java.util.List.of(args));
        Object user = cli.parseArgs(all.toArray(String[]::new)).subcommand().commandSpec().userObject();
        return user instanceof ServeCommand serve ? serve.logFormat.format : ((DemoCommand) user).logFormat.format;
    }

    @Test
    void aClockScaleOfZeroIsRefused() {
        CliRun run = CliRun.of("serve", "--repo", "examples/desired-state", "--port", "0", "--bind", "127.0.0.1",
                "--webhook-allow-unsigned", "--clock-scale", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--clock-scale must be above 0");
    }
}
