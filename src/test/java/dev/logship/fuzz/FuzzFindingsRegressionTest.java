package dev.logship.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.Problem;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.DesiredForwarder;
import dev.logship.render.CliInputJson;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per weakness the fuzzing found, named for the behaviour that now holds. */
class FuzzFindingsRegressionTest {
    private static final String HOST = SecretsInOutputTest.HOST;
    private static final String PORT = SecretsInOutputTest.PORT;

    private static List<String> problems(String forwarderSpec) {
        ReadResult result = DesiredStates.read(TestSnapshots.of(
                "c.yaml", TestSnapshots.cluster("c", "us-east-1"), "f.yaml", TestSnapshots.forwarder("f", forwarderSpec)));
        return result.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aHugeNameIsCutInTheProblemButTheExplanationStays() {
        String huge = "x".repeat(70_000);
        List<String> problems = problems("routes: [\"udp://h:1\"]\nscheduling: " + huge);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).hasSizeLessThan(400).contains("...(70003 characters)").contains("expected one of [daemon, perNodePort, managedDaemon]");
    }

    @Test
    void terminalEscapesAndLineSeparatorsFromTheFileArePrintedAsVisibleEscapes() {
        List<String> problems = problems("routes: [\"udp://h:1\"]\nscheduling: \"daemon\\e[2J\\u2028forged: line\"");
        assertThat(problems).singleElement().asString()
                .contains("\\u001B[2J\\u2028forged:").doesNotContain("\u001B").doesNotContain("\u2028");
    }

    @Test
    void aRouteTurnedIntoAMappingByATrailingColonIsReportedWithoutItsHostOrPort() {
        List<String> problems = problems("routes:\n  - syslog+tls://" + HOST + ":" + PORT + ":");
        assertThat(problems).singleElement().asString()
                .isEqualTo("f.yaml:7:7: spec.routes[0]: expected a route URI string, {uriFrom: ...} or a destination [cloudwatchLogs,"
                        + " s3, firehose, otlp, splunk, datadog, loki, http], got a mapping with other keys (a ':' after HOST:PORT turns"
                        + " the route into a key)")
                .doesNotContain(HOST, PORT);
    }

    @Test
    void anUnknownRouteOptionThatIsNoTypoIsNotQuoted() {
        List<String> problems = problems("routes: [\"syslog://h:1?" + HOST + "=" + PORT + "\"]");
        assertThat(problems).singleElement().asString().contains("unknown route option (option 1 after ?)")
                .doesNotContain(HOST, PORT);
    }

    @Test
    void aTypoOfAKnownRouteOptionIsStillQuotedWithTheSuggestion() {
        assertThat(problems("routes: [\"syslog://h:1?filter.nam=x\"]")).singleElement().asString()
                .contains("unknown route option \"filter.nam\"; did you mean filter.name?");
    }

    @Test
    void aUriQuotedFromTheFileInAnyProblemLosesItsHostAndPort() {
        List<String> problems = problems("routes: [\"udp://h:1\"]\nenv:\n  \"syslog+tls://" + HOST + ":" + PORT + "\": x");
        assertThat(problems).singleElement().asString().contains("spec.env.syslog+tls://****").doesNotContain(HOST, PORT);
    }

    @Test
    void anEmptyKeyIsReportedWithAVisibleFieldName() {
        ReadResult result = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("c", "us-east-1") + "\"\": x\n"));
        assertThat(result.problems().stream().map(Problem::toString))
                .containsExactly("c.yaml:7:1: \"\": unknown field; known fields: apiVersion, kind, metadata, spec");
    }

    @Test
    void renderMasksEnvironmentValuesThatHoldAUriOrHaveASecretName() {
        ReadResult result = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("c", "us-east-1"),
                "f.yaml", TestSnapshots.forwarder("f", "routes: [\"udp://h:1\"]\nenv:\n  UPSTREAM: \"tcp://" + HOST + ":" + PORT
                        + "\"\n  PAPERTRAIL_TOKEN: " + HOST + "\n  SYSLOG_STRUCTURED_DATA: env=prod")));
        DesiredForwarder forwarder = result.state().clusters().get(0).forwarders().get(0);
        String masked = CliInputJson.registerTaskDefinition(forwarder.taskDefinition(), true).toString();
        assertThat(masked).doesNotContain(HOST, PORT).contains("tcp://****:****").contains("value=env=prod");
        String shown = CliInputJson.registerTaskDefinition(forwarder.taskDefinition(), false).toString();
        assertThat(shown).contains("tcp://" + HOST + ":" + PORT).contains(Map.of("name", "PAPERTRAIL_TOKEN").get("name"));
    }
}
