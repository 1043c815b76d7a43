package dev.logship.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.Problem;
import dev.logship.render.DesiredStates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A route's host and port are a password (Papertrail). validate and render without
 * --show-secrets, on good trees and on broken ones that carry the secret in the broken field,
 * must not print either on any channel, nor put them in a problem. (A bare host typed as a
 * mapping key outside routes is echoed as the unknown field's name: naming the field is the
 * point of that problem; a URI in any key or value is masked by ProblemText.)
 */
class SecretsInOutputTest {
    static final String HOST = "s3cr3t-host-7f1c.example";
    static final String PORT = "40517";
    static final String ROUTE = "syslog+tls://" + HOST + ":" + PORT;

    /**
     * The papertrail forwarder of the examples with its spec.routes / spec.env lines replaced, run by logspout
     * (the example's agent lines removed), since these trees use logspout's route forms.
     */
    static Stream<Arguments> trees() {
        return Stream.of(
                Arguments.of("valid literal route", "routes:\n    - " + ROUTE, true),
                Arguments.of("valid route with filter options", "routes:\n    - " + ROUTE + "?filter.name=" + HOST + "&filter.labels=p:" + PORT, true),
                Arguments.of("valid several routes", "routes:\n    - " + ROUTE + "\n    - udp://" + HOST + ":" + PORT, true),
                Arguments.of("route-like value in env", "routes:\n    - " + ROUTE + "\n  env:\n    UPSTREAM_URL: " + ROUTE, true),
                Arguments.of("secret-named env var", "routes:\n    - " + ROUTE + "\n  env:\n    SYSLOG_TOKEN: " + HOST + ":" + PORT, true),
                Arguments.of("misspelt scheme", "routes:\n    - sylsog+tls://" + HOST + ":" + PORT, false),
                Arguments.of("trailing colon makes the route a mapping key", "routes:\n    - " + ROUTE + ":", false),
                Arguments.of("scheme-less route with trailing colon", "routes:\n    - " + HOST + ":" + PORT + ":", false),
                Arguments.of("route with a path", "routes:\n    - " + ROUTE + "/" + HOST, false),
                Arguments.of("route with user info", "routes:\n    - syslog+tls://" + HOST + ":" + PORT + "@" + HOST + ":" + PORT, false),
                Arguments.of("route with a space", "routes:\n    - \"syslog+tls://" + HOST + " :" + PORT + "\"", false),
                Arguments.of("unknown route option named like the host", "routes:\n    - " + ROUTE + "?" + HOST + "=" + PORT, false),
                Arguments.of("route given as a string, not a list", "routes: " + ROUTE, false),
                Arguments.of("route under a wrong key", "routes:\n    - url: " + ROUTE, false),
                Arguments.of("route as uriFrom value", "routes:\n    - uriFrom: " + ROUTE, false),
                Arguments.of("route as ssm parameter name", "routes:\n    - uriFrom:\n        ssm: " + ROUTE, false),
                Arguments.of("route as secretsManager arn", "routes:\n    - uriFrom:\n        secretsManager: " + ROUTE, false),
                Arguments.of("route with a custom tag", "routes:\n    - !secret " + ROUTE, false),
                Arguments.of("route with an unclosed quote", "routes:\n    - \"" + ROUTE, false),
                Arguments.of("route with a bad escape", "routes:\n    - \"" + ROUTE + "\\q\"", false),
                Arguments.of("route set through env ROUTE_URIS", "routes:\n    - " + ROUTE + "\n  env:\n    ROUTE_URIS: " + ROUTE, false),
                Arguments.of("route as an env name", "routes:\n    - " + ROUTE + "\n  env:\n    \"" + ROUTE + "\": x", false),
                Arguments.of("route mixed with uriFrom", "routes:\n    - " + ROUTE + "\n    - uriFrom: {ssm: /x/y}", false));
    }

    /**
     * The same forwarder as the example runs it, with Fluent Bit: the route's host and port become environment
     * variables (masked), and logspout-only forms are problems that must not echo them either.
     */
    static Stream<Arguments> fluentBitTrees() {
        return Stream.of(
                Arguments.of("fluentBit: valid literal route", "routes:\n    - " + ROUTE, true),
                Arguments.of("fluentBit: valid several routes", "routes:\n    - " + ROUTE + "\n    - syslog+tcp://" + HOST + ":" + PORT, true),
                Arguments.of("fluentBit: secret-named env var", "routes:\n    - " + ROUTE + "\n  env:\n    SYSLOG_TOKEN: " + HOST + ":" + PORT, true),
                Arguments.of("fluentBit: logspout filter options", "routes:\n    - " + ROUTE + "?filter.name=" + HOST + "&filter.labels=p:" + PORT, false),
                Arguments.of("fluentBit: misspelt scheme", "routes:\n    - sylsog+tls://" + HOST + ":" + PORT, false),
                Arguments.of("fluentBit: trailing colon makes the route a mapping key", "routes:\n    - " + ROUTE + ":", false),
                Arguments.of("fluentBit: route with user info", "routes:\n    - syslog+tls://" + HOST + ":" + PORT + "@" + HOST + ":" + PORT, false),
                Arguments.of("fluentBit: route as hostSsm value", "routes:\n    - uriFrom:\n        scheme: syslog+tls\n        hostSsm: " + ROUTE + "\n        portSsm: /x/port", false),
                Arguments.of("fluentBit: whole-URI ssm parameter", "routes:\n    - uriFrom:\n        ssm: " + ROUTE, false));
    }

    static Stream<Arguments> bothAgents() {
        return Stream.concat(trees(), fluentBitTrees());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothAgents")
    void validateAndRenderNeverPrintTheRouteHostOrPort(String description, String routesAndEnv, boolean valid,
            @TempDir Path root) throws IOException {
        Path tree = copyExamplesWith(root, description, routesAndEnv);
        List<CliOutput> runs = List.of(CliOutput.run("validate", tree.toString()), CliOutput.run("render", tree.toString()),
                CliOutput.run("render", tree.toString(), "--cluster", "prod"), CliOutput.run("validate", "--repo", tree.toString()));
        for (CliOutput run : runs) {
            assertThat(run.exitCode()).as(description + ": exit code\n" + run.all()).isEqualTo(valid ? 0 : 1);
            assertThat(run.all()).as(description).doesNotContain(HOST).doesNotContain(PORT);
        }
        List<Problem> problems = DesiredStates.read(dev.logship.manifest.DirectoryReader.read(tree)).problems();
        assertThat(problems.stream().map(Problem::toString)).as(description).noneMatch(p -> p.contains(HOST) || p.contains(PORT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothAgents")
    void showSecretsIsTheOnlyWayToSeeTheRoute(String description, String routesAndEnv, boolean valid, @TempDir Path root)
            throws IOException {
        if (valid) {
            CliOutput shown = CliOutput.run("render", copyExamplesWith(root, description, routesAndEnv).toString(), "--show-secrets");
            assertThat(shown.out()).as(description + ": the test's secret really is in the rendered input\nexit " + shown.exitCode() + shown.all()).contains(HOST);
        }
    }

    /** The real process, for a valid tree and two error paths: its stdout and stderr, with logs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("processCases")
    void theLogshipProcessPrintsNeitherHostNorPort(String description, String routesAndEnv, boolean valid, @TempDir Path root)
            throws IOException, InterruptedException {
        Path tree = copyExamplesWith(root, description, routesAndEnv);
        for (String command : List.of("validate", "render")) {
            CliProcess run = CliProcess.run(root, command, tree.toString());
            assertThat(run.exitCode()).as(description + " " + command + "\n" + run.stderr()).isEqualTo(valid ? 0 : 1);
            assertThat(run.stdout() + run.stderr()).as(description + " " + command).doesNotContain(HOST).doesNotContain(PORT);
        }
    }

    static Stream<Arguments> processCases() {
        return bothAgents().filter(a -> List.of("valid literal route", "trailing colon makes the route a mapping key",
                "route as an env name", "fluentBit: valid literal route", "fluentBit: logspout filter options")
                .contains((String) a.get()[0]));
    }

    /** The examples with prod's forwarder changed; a description not starting "fluentBit:" makes it logspout. */
    static Path copyExamplesWith(Path root, String description, String routesAndEnv) throws IOException {
        Path tree = root.resolve("tree");
        try (Stream<Path> files = Files.walk(ManifestTree.EXAMPLES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = tree.resolve(ManifestTree.EXAMPLES.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Path papertrail = tree.resolve("prod/fluent-bit.yaml");
        String text = Files.readString(papertrail);
        // the example's whole routes list (its syslog route and its CloudWatch Logs item) gives way to the case's
        String replaced = text.replaceFirst("(?s)routes:\n    - syslog\\+tls://logs3\\.papertrailapp\\.com:12345\n.*?(?=\n  multiline:)",
                java.util.regex.Matcher.quoteReplacement(routesAndEnv));
        if (!description.startsWith("fluentBit:")) {
            String logspout = replaced.replace("  agent: fluentBit\n", "").replace("  multiline: java\n", "")
                    .replace("  bufferLimit: 256M\n", "");
            assertThat(logspout).as("the example's Fluent Bit lines").doesNotContain("fluentBit", "multiline", "bufferLimit");
            replaced = logspout;
        }
        assertThat(replaced).isNotEqualTo(text);
        Files.writeString(papertrail, replaced);
        return tree;
    }
}
