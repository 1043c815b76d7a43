package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class IamCommandTest {
    @Test
    void printsEachForwardersTaskRolePolicyForTheExamples() throws IOException {
        CliRun run = CliRun.of("iam", "examples/desired-state");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode forwarders = new ObjectMapper().readTree(run.out()).get("forwarders");
        JsonNode prod = null;
        for (JsonNode f : forwarders) {
            if (f.get("forwarder").asText().equals("papertrail")) {
                prod = f;
            }
        }
        assertThat(prod).isNotNull();
        assertThat(prod.at("/taskRole/roleArn").asText()).isEqualTo("arn:aws:iam::111122223333:role/logship-papertrail-task");
        assertThat(prod.at("/taskRole/policy/Statement/0/Action").toString())
                .isEqualTo("[\"logs:CreateLogStream\",\"logs:PutLogEvents\"]");
        assertThat(prod.at("/taskRole/policy/Statement/0/Resource/0").asText())
                .isEqualTo("arn:aws:logs:us-east-1:111122223333:log-group:/ecs/prod/*");
        assertThat(run.out()).doesNotContain("papertrailapp.com", "12345\"");
    }

    @Test
    void helpShowsAnExampleAndProblemsGoToStderr() {
        assertThat(CliRun.of("iam", "--help").out()).contains("Example:", "logship iam examples/desired-state");
        CliRun broken = CliRun.of("iam", "src/test/resources/does-not-exist");
        assertThat(broken.exitCode()).isNotZero();
    }
}
