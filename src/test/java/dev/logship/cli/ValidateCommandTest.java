package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.testkit.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {
    private static final String EXAMPLES = "examples/desired-state";
    private static final Path BROKEN = Path.of("src/test/resources/manifests/broken");

    @Test
    void examplesAreValid() {
        CliRun run = CliRun.of("validate", "--list", EXAMPLES);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("OK: 4 clusters, 4 forwarder deployments in examples/desired-state (dir:")
                .contains("  prod (prod-ecs, us-east-1): [papertrail]", "  staging (staging, eu-west-1): [papertrail-staging]",
                        "  legacy (my-cluster-name, us-west-2): [logspout-service]");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void logspoutIsAWarningThatSuggestsFluentBitAndStillExitsZero() {
        CliRun run = CliRun.of("validate", EXAMPLES);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("warning: staging/papertrail-ssm.yaml:\\d+:\\d+: spec.agent: LogForwarder "
                + "\"papertrail-staging\" runs logspout, which is unmaintained .*; consider agent: fluentBit");
    }

    @Test
    void printsEveryProblemAndASummaryAndExitsOne() throws IOException {
        CliRun run = CliRun.of("validate", "--repo", BROKEN.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        String expected = String.join("\n", Files.readAllLines(BROKEN.resolveSibling("broken.expected")));
        assertThat(run.out()).isEqualTo(expected + "\n44 problems in 10 files\n");
    }

    @Test
    void pathNamesTheManifestDirectoryInsideTheRepoAsForPlanAndServe() {
        CliRun run = CliRun.of("validate", "--repo", "examples", "--path", "desired-state");
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("OK: 4 clusters");
    }

    @Test
    void aMaximalClusterNameWithAShortForwarderNameIsReportedAsAProblemNotAnException(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        String longest = "c".repeat(255);
        Files.writeString(dir.resolve("cluster.yaml"), "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: "
                + longest + "\nspec:\n  region: us-east-1\n");
        Files.writeString(dir.resolve("fwd.yaml"), "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: pt\n"
                + "spec:\n  routes: [\"udp://a.example.com:1\"]\n");
        CliRun run = CliRun.of("validate", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("fwd.yaml:").contains("metadata.name: \"ccc", "is longer than the 256 characters")
                .endsWith("1 problem in 1 file\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aMissingDirectoryIsAUsageErrorSaidInOneLine() {
        CliRun run = CliRun.of("validate", "no/such/dir");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("manifest directory no/such/dir does not exist")
                .doesNotContain("Usage:").hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    /** 300 clusters: a summary of a few lines, not 301; --list still shows each. */
    @Test
    void aLargeFleetGetsASummaryNotALinePerCluster(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        for (int i = 0; i < 300; i++) {
            Path c = Files.createDirectories(dir.resolve("c" + i));
            Files.writeString(c.resolve("cluster.yaml"), Manifests.cluster("c" + i, "c" + i + "-ecs"));
            Files.writeString(c.resolve("fwd.yaml"), Manifests.forwarder("fwd" + i) + "  agent: fluentBit\n");
        }
        CliRun run = CliRun.of("validate", dir.toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("OK: 300 clusters, 300 forwarder deployments").hasLineCount(2)
                .contains("clusters per region: us-east-1 300 (--list shows each)");
        assertThat(CliRun.of("validate", "--list", dir.toString()).out()).hasLineCount(302);
    }

    @Test
    void aRoutePortOutside1To65535IsAProblemAtItsLine(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cluster.yaml"), Manifests.cluster("prod", "prod-ecs"));
        Files.writeString(dir.resolve("fwd.yaml"), "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: pt\n"
                + "spec:\n  routes:\n    - syslog+tls://logs.example.com:70000\n");
        CliRun run = CliRun.of("validate", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("fwd.yaml:7:").contains("route port must be 1-65535").doesNotContain("70000");
    }

    @Test
    void noDirectoryAtAllIsAUsageError() {
        CliRun run = CliRun.of("validate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("a manifest directory is required: give DIR or --repo DIR");
    }

    @Test
    void helpShowsAnExample() {
        CliRun run = CliRun.of("validate", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Example:", "logship validate examples/desired-state", "--repo=DIR", "--path=SUBDIR");
    }
}
