package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code plan --base --head}: a pull request's plan from Git alone, run exactly as the example CI
 * jobs in examples/ci run it (their command line is read from the YAML), in a real clone made by
 * the git CLI where the base exists only as {@code origin/main}. No ECS endpoint is given: none is read.
 */
class PullRequestPlanTest {
    private static final String ROUTE_PORT = "12345";
    private static final String NEW_PORT = "23456";

    @TempDir
    Path tmp;
    private Path clone;

    @BeforeEach
    void repository() throws Exception {
        Path origin = tmp.resolve("origin");
        Files.createDirectories(origin.resolve("desired-state"));
        write(origin, "desired-state/clusters.yaml", cluster("a", "canary") + "---\n" + cluster("b", "main") + "---\n" + cluster("c", "main"));
        write(origin, "desired-state/rings.yaml", """
                apiVersion: logship.dev/v1
                kind: RolloutPolicy
                metadata:
                  name: rings
                spec:
                  waves:
                    - name: canary
                      selector: {ring: canary}
                    - name: main
                      selector: {ring: main}
                """);
        write(origin, "desired-state/papertrail.yaml", forwarder("papertrail", ROUTE_PORT, ""));
        git(origin, "init", "-q", "-b", "main");
        git(origin, "add", ".");
        git(origin, "commit", "-q", "-m", "fleet");
        clone = tmp.resolve("clone");
        git(tmp, "clone", "-q", origin.toString(), clone.toString());
        git(clone, "checkout", "-q", "-b", "change");
    }

    @Test
    void theGitHubJobsCommandNamesEachChangedClusterWithItsWaveAndNeverARoute() throws Exception {
        write(clone, "desired-state/papertrail.yaml", forwarder("papertrail", NEW_PORT, ""));
        write(clone, "desired-state/extra.yaml", forwarder("extra", ROUTE_PORT, "  clusters: [a]\n"));
        commit("new port, one more forwarder on the canary");

        CliRun run = CliRun.of(ciCommand("examples/ci/github-actions-plan.yml", Map.of("GITHUB_BASE_REF", "main")));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out())
                .contains("### logship plan: `origin/main (")
                .contains("The head changes **4 forwarders on 3 clusters**")
                .contains("| a | wave 1 of 2 (canary, policy rings) | extra (service extra) | + added |")
                .contains("| b | wave 2 of 2 (main, policy rings) | papertrail (service papertrail) | ~ 1 field |")
                .contains("environment.LOGSHIP_ROUTE_0_PORT: (sensitive) -> (sensitive)")
                .doesNotContain(ROUTE_PORT).doesNotContain(NEW_PORT).doesNotContain("example.com");
        assertThat(run.out().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| cluster")).count()).isEqualTo(4);
    }

    @Test
    void theGitLabJobsCommandGivesTheSameAnswer() throws Exception {
        write(clone, "desired-state/papertrail.yaml", forwarder("papertrail", NEW_PORT, ""));
        commit("new port");
        String[] gitlab = ciCommand("examples/ci/gitlab-ci-plan.yml", Map.of("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"));
        String[] github = ciCommand("examples/ci/github-actions-plan.yml", Map.of("GITHUB_BASE_REF", "main"));

        CliRun fromGitLab = CliRun.of(gitlab);

        assertThat(fromGitLab.exitCode()).isEqualTo(2);
        assertThat(fromGitLab.out()).isEqualTo(CliRun.of(github).out()).contains("on 3 clusters**").doesNotContain("Exit 2");
        assertThat(fromGitLab.err()).contains("Exit 2: the head changes 3 forwarders on 3 clusters (a, b, c).");
    }

    @Test
    void aHeadThatChangesNothingExitsZero() throws Exception {
        write(clone, "desired-state/README.md", "not a manifest\n");
        commit("docs only");

        CliRun run = CliRun.of("plan", "--repo", clone.toString(), "--path", "desired-state", "--base", "origin/main");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("No forwarder changes on any cluster.")
                .endsWith("Exit 0: the head changes nothing on any cluster.\n");
    }

    @Test
    void aHeadThatDoesNotValidateExitsOneNamingFileLineAndField() throws Exception {
        write(clone, "desired-state/papertrail.yaml", forwarder("papertrail", ROUTE_PORT, "").replace("routes:", "rootes:"));
        commit("typo");

        CliRun run = CliRun.of("plan", "--repo", clone.toString(), "--path", "desired-state", "--base", "origin/main",
                "--head", "change", "--output", "markdown");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("papertrail.yaml:6:").contains("rootes").contains("Exit 1: the head (change)");
        assertThat(run.out()).startsWith("### logship plan: `change` does not validate").contains("papertrail.yaml:6:");
    }

    @Test
    void jsonListsEachChangeWithItsKindAndTheVerdictGoesToStderr() throws Exception {
        Files.delete(clone.resolve("desired-state/papertrail.yaml"));
        commit("remove the forwarder");

        CliRun run = CliRun.of("plan", "--repo", clone.toString(), "--path", "desired-state", "--base", "origin/main",
                "--output", "json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("\"kind\" : \"removed\"").contains("\"cluster\" : \"c\"").doesNotContain("Exit 2");
        assertThat(run.err()).contains("Exit 2: the head changes 3 forwarders on 3 clusters (a, b, c).");
    }

    @Test
    void anUnknownBaseIsAnErrorThatSaysHowToFetchIt() {
        CliRun run = CliRun.of("plan", "--repo", clone.toString(), "--path", "desired-state", "--base", "origin/nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("revision 'origin/nope' names no commit").contains("git fetch origin");
    }

    /** The {@code plan ...} arguments of the example job, as its shell would pass them with {@code vars} set. */
    private String[] ciCommand(String file, Map<String, String> vars) throws IOException {
        Object job = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(Path.of(file)));
        Matcher m = Pattern.compile(" (plan --repo [^>|]*?)\\s*>").matcher(String.valueOf(job));
        assertThat(m.find()).as(file + " runs logship plan").isTrue();
        List<String> args = new ArrayList<>();
        Matcher token = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(m.group(1));
        while (token.find()) {
            String arg = token.group(1) != null ? token.group(1) : token.group(2);
            for (var v : vars.entrySet()) {
                arg = arg.replace("$" + v.getKey(), v.getValue());
            }
            args.add(arg.equals("/repo") || arg.equals(".") ? clone.toString() : arg);
        }
        return args.toArray(String[]::new);
    }

    private void commit(String message) throws Exception {
        git(clone, "add", "-A");
        git(clone, "commit", "-q", "-m", message);
    }

    private static void write(Path root, String file, String text) throws IOException {
        Files.createDirectories(root.resolve(file).getParent());
        Files.writeString(root.resolve(file), text);
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=t@example.com"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static String cluster(String name, String ring) {
        return "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: " + name + "\n  labels: {ring: " + ring
                + "}\nspec:\n  region: us-east-1\n";
    }

    private static String forwarder(String name, String port, String extra) {
        return "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: " + name
                + "\nspec:\n  agent: fluentBit\n  routes:\n    - syslog+tls://logs.example.com:" + port + "\n" + extra;
    }
}
