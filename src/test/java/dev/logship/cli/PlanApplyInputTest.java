package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What plan and apply do with their input before any ECS call. */
class PlanApplyInputTest {
    @TempDir
    Path repo;

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void invalidManifestsAreReportedWithFileAndLineAndNothingIsPlanned() throws IOException {
        Files.writeString(repo.resolve("broken.yaml"), "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: x\nspec:\n  regoin: us-east-1\n");
        for (String command : new String[] {"plan", "apply"}) {
            Run run = run(command, "--repo", repo.toString(), "--ecs-endpoint", "http://127.0.0.1:9");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("broken.yaml:6:3:", "nothing was planned or applied");
        }
    }

    @Test
    void unknownClusterNamesTheKnownOnes() {
        Run run = run("plan", "--repo", "examples/desired-state", "--cluster", "nope", "--ecs-endpoint", "http://127.0.0.1:9");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("--cluster nope: no such Cluster; known: legacy, managed, prod, staging");
    }

    @Test
    void aRefNeedsAGitRepository() {
        Run run = run("plan", "--repo", repo.toString(), "--ref", "main");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("--ref needs a Git repository");
    }

    @Test
    void anUnreachableGitRemoteIsAnErrorThatDoesNotEchoCredentials() {
        Run run = run("plan", "--repo", "http://user:s3cret@127.0.0.1:9/ops.git", "--ecs-endpoint", "http://127.0.0.1:9");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: ").doesNotContain("s3cret");
    }

    @Test
    void helpShowsAnExample() {
        assertThat(run("plan", "--help").out()).contains("Examples:", "logship plan --repo examples/desired-state");
        assertThat(run("apply", "--help").out()).contains("Example:", "--dry-run");
    }
}
