package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class EnvironmentDefaultsTest {

    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Option(names = "--ecs-endpoint", defaultValue = "http://default")
        String endpoint;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private static Probe parse(Map<String, String> env, String... args) {
        Probe probe = new Probe();
        CommandLine cli = new CommandLine(probe);
        cli.setDefaultValueProvider(new EnvironmentDefaults(env));
        cli.parseArgs(args);
        return probe;
    }

    @Test
    void namesTheVariableAfterTheLongOption() {
        assertThat(EnvironmentDefaults.variableFor("--webhook-secret-file")).isEqualTo("LOGSHIP_WEBHOOK_SECRET_FILE");
    }

    @Test
    void environmentVariableSetsAnOptionNotGivenOnTheCommandLine() {
        assertThat(parse(Map.of("LOGSHIP_ECS_ENDPOINT", "http://from-env")).endpoint).isEqualTo("http://from-env");
    }

    @Test
    void commandLineWinsOverTheEnvironment() {
        assertThat(parse(Map.of("LOGSHIP_ECS_ENDPOINT", "http://from-env"), "--ecs-endpoint", "http://flag").endpoint)
                .isEqualTo("http://flag");
    }

    @Test
    void declaredDefaultAppliesWhenNeitherIsSet() {
        assertThat(parse(Map.of()).endpoint).isEqualTo("http://default");
    }
}
