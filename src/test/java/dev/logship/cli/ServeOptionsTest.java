package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
}
