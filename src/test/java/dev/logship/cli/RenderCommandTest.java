package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RenderCommandTest {
    private static final String EXAMPLES = "examples/desired-state";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rendersTheExamplesExactlyAsTheGoldenFile() throws IOException {
        CliRun run = CliRun.of("render", EXAMPLES);
        assertThat(run.exitCode()).isZero();
        String golden = Files.readString(Path.of("src/test/resources/render/examples.json"), StandardCharsets.UTF_8);
        // A directory's revision is keyed per process (it must not help anyone brute-force a route): not golden.
        assertThat(run.out().replaceFirst("\"revision\" : \"dir:[0-9a-f]{64}\"", "\"revision\" : \"dir:(per process)\""))
                .isEqualTo(golden);
    }

    @Test
    void masksRoutesUnlessShowSecrets() throws IOException {
        // prod runs Fluent Bit: the route is two environment variables the command refers to; legacy runs logspout.
        String masked = CliRun.of("render", EXAMPLES, "--cluster", "prod").out();
        // The port anywhere but inside the example account id 123456789012 of taskRoleArn.
        assertThat(masked.replace("123456789012", "ACCOUNT")).contains("host=${LOGSHIP_ROUTE_0_HOST}", "port=${LOGSHIP_ROUTE_0_PORT}")
                .doesNotContain("papertrailapp.com", "12345");
        JsonNode maskedEnv = JSON.readTree(masked).at("/clusters/0/forwarders/0/registerTaskDefinition/containerDefinitions/0/environment");
        assertThat(maskedEnv.toString()).contains("{\"name\":\"LOGSHIP_ROUTE_0_HOST\",\"value\":\"****\"}",
                "{\"name\":\"LOGSHIP_ROUTE_0_PORT\",\"value\":\"****\"}");
        JsonNode shown = JSON.readTree(CliRun.of("render", EXAMPLES, "--cluster", "prod", "--show-secrets").out());
        assertThat(shown.at("/clusters/0/forwarders/0/registerTaskDefinition/containerDefinitions/0/environment").toString())
                .contains("{\"name\":\"LOGSHIP_ROUTE_0_HOST\",\"value\":\"logs3.papertrailapp.com\"}",
                        "{\"name\":\"LOGSHIP_ROUTE_0_PORT\",\"value\":\"12345\"}");
        String legacy = CliRun.of("render", EXAMPLES, "--cluster", "legacy").out();
        assertThat(legacy).contains("syslog://****:****").doesNotContain("papertrailapp.com");
        JsonNode legacyShown = JSON.readTree(CliRun.of("render", EXAMPLES, "--cluster", "legacy", "--show-secrets").out());
        assertThat(legacyShown.at("/clusters/0/forwarders/0/registerTaskDefinition/containerDefinitions/0/command/0").asText())
                .startsWith("syslog://").contains("papertrailapp.com");
    }

    @Test
    void rendersOnlyTheChosenClusterWithItsSecretReference() throws IOException {
        JsonNode doc = JSON.readTree(CliRun.of("render", EXAMPLES, "--cluster", "staging").out());
        assertThat(doc.get("clusters")).hasSize(1);
        JsonNode container = doc.at("/clusters/0/forwarders/0/registerTaskDefinition/containerDefinitions/0");
        assertThat(container.at("/secrets/0/name").asText()).isEqualTo("ROUTE_URIS");
        assertThat(container.at("/secrets/0/valueFrom").asText()).isEqualTo("/logship/staging/papertrail-route");
        assertThat(container.get("command")).isEmpty();
    }

    @Test
    void anUnknownClusterIsAUsageErrorNamingTheDefinedOnes() {
        CliRun run = CliRun.of("render", EXAMPLES, "--cluster", "prdo");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no Cluster named prdo; defined: [legacy, managed, prod, staging]");
    }

    @Test
    void brokenManifestsRenderNothingAndExitOne() {
        CliRun run = CliRun.of("render", "src/test/resources/manifests/broken");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("forwarders/routes.yaml:7:14: spec.clusters[0]: no Cluster named \"prdo\"; did you mean prod?",
                "render: 44 problems; nothing rendered (see logship validate)");
    }

    @Test
    void onlyJsonOutputIsSupported() {
        CliRun run = CliRun.of("render", EXAMPLES, "--output", "yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unsupported --output yaml: expected json");
    }

    @Test
    void helpShowsHowToFeedTheAwsCli() {
        assertThat(CliRun.of("render", "--help").out()).contains("--show-secrets", "--cluster=NAME",
                "aws ecs register-task-definition --cli-input-json file://td.json");
    }
}
