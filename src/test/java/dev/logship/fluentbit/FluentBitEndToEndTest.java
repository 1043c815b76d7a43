package dev.logship.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.TestSnapshots;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered fluentBit task definition, run for real: the real Fluent Bit binary with the
 * container's command and environment unchanged and its secrets resolved as ECS would, in its
 * own mount/network/UTS namespaces with the task definition's host volumes bind-mounted, a TLS
 * syslog receiver standing in for Papertrail and the ECS agent's introspection API on
 * 127.0.0.1:51678. Linux and root only (unshare); CI=true without a binary fails.
 */
@RequiresFluentBit
class FluentBitEndToEndTest {
    static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:papertrail-AbCdEf";
    static final String RECEIVER_HOST = "syslog.test";
    static final String MANIFEST = """
            agent: fluentBit
            executionRoleArn: arn:aws:iam::123456789012:role/read-route
            routes:
              - uriFrom:
                  scheme: syslog+tls
                  secretsManager: %s
                  hostKey: host
                  portKey: port
            multiline: java
            exclude: [sidecar]
            backlog: true
            bufferLimit: 64M
            """.formatted(SECRET_ARN);

    @TempDir Path tmp;

    @BeforeAll
    static void needsTheBinaryAndRoot() {
        FluentBitBinary.require();
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
                || FluentBitBinary.required(), "unshare -m -n needs root");
    }

    static TaskDefinitionSpec render(String manifest) {
        ReadResult result = DesiredStates.read(TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"),
                "f.yaml", TestSnapshots.forwarder("pt", manifest)));
        assertThat(result.problems()).isEmpty();
        return result.state().cluster("prod").orElseThrow().forwarders().get(0).taskDefinition();
    }

    /** A node: its Docker log directory, the forwarder's state directory, /etc/hostname, and trust. */
    record Node(Path containers, Path state, NodeNamespace namespace) {}

    static Node startNode(Path tmp) throws Exception {
        return startNode(tmp, MANIFEST);
    }

    /** A node running the forwarder {@code manifest} renders (its routes must be those of {@link #MANIFEST}). */
    static Node startNode(Path tmp, String manifest) throws Exception {
        return startNode(tmp, manifest, Map.of());
    }

    /** ... with more values in the secret store ECS reads ({@code valueFrom} to value), e.g. the telemetry token. */
    static Node startNode(Path tmp, String manifest, Map<String, String> moreSecrets) throws Exception {
        Path containers = Files.createDirectories(tmp.resolve("node/var/lib/docker/containers"));
        Path state = Files.createDirectories(tmp.resolve("node/var/lib/logship/pt"));
        Path hostname = Files.writeString(tmp.resolve("node/etc-hostname"), "node-7\n");
        Path dir = Files.createDirectories(tmp.resolve("ns"));
        Files.createDirectories(dir.resolve("services"));
        String pem = TestCertificate.create(dir.resolve("services/receiver.p12"), RECEIVER_HOST);
        Path certs = Files.createDirectories(tmp.resolve("node/etc-ssl-certs"));
        Files.writeString(certs.resolve("ca-certificates.crt"), pem);
        // OpenSSL looks certificates up in /etc/ssl/certs by subject hash (what update-ca-certificates links).
        Files.writeString(certs.resolve(TestCertificate.subjectHash(certs.resolve("ca-certificates.crt")) + ".0"), pem);
        Path hosts = Files.writeString(tmp.resolve("node/etc-hosts"), "127.0.0.1 localhost " + RECEIVER_HOST + "\n");
        Path resolv = Files.writeString(tmp.resolve("node/etc-resolv.conf"), "nameserver 127.0.0.1\n");
        Files.writeString(dir.resolve("services/agent.properties"), "");
        Map<String, Path> etc = new LinkedHashMap<>();
        etc.put("/etc/ssl/certs", certs);
        etc.put("/etc/hosts", hosts);
        etc.put("/etc/resolv.conf", resolv);
        NodeNamespace ns = NodeNamespace.start(render(manifest), Map.of("/var/lib/docker/containers", containers,
                        "/var/lib/logship/pt", state, "/etc/hostname", hostname),
                secrets(moreSecrets),
                etc, dir, "node-7");
        return new Node(containers, state, ns);
    }

    private static Map<String, String> secrets(Map<String, String> more) {
        Map<String, String> store = new LinkedHashMap<>(more);
        store.put(SECRET_ARN, "{\"host\":\"" + RECEIVER_HOST + "\",\"port\":\"" + NodeServices.SYSLOG_PORT + "\"}");
        return store;
    }

    /** Registers a container with the fake ECS agent and returns its json-file log. */
    static DockerLogs container(Node node, String id, String family, String name) throws Exception {
        Files.writeString(node.namespace().services.resolve("agent.properties"), id + "=" + family + "/" + name + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        return new DockerLogs(node.containers(), id);
    }

    static List<Syslog> received(Node node) throws Exception {
        Path file = node.namespace().services.resolve("received.txt");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Syslog> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(Syslog.parse(line));
        }
        return out;
    }

    static List<Syslog> waitForMessages(Node node, String what, Duration timeout, java.util.function.Predicate<List<Syslog>> done)
            throws Exception {
        try {
            return Waits.until(what, timeout, () -> {
                List<Syslog> got = received(node);
                return done.test(got) ? Optional.of(got) : Optional.empty();
            });
        } catch (AssertionError e) {
            StringBuilder summary = new StringBuilder();
            received(node).stream().collect(java.util.stream.Collectors.groupingBy(Syslog::app, java.util.TreeMap::new,
                    java.util.stream.Collectors.toList())).forEach((app, list) -> summary.append("\n  ").append(app)
                    .append(": ").append(list.size()).append(", last: ")
                    .append(list.get(list.size() - 1).message().substring(0, Math.min(80, list.get(list.size() - 1).message().length()))));
            throw new AssertionError(e.getMessage() + "; received " + received(node).size() + summary
                    + node.namespace().diagnostics(), e);
        }
    }

    @Test
    void deliversEveryLineInOrderWithNamesHostSeverityAndOneMessagePerStackTrace() throws Exception {
        Node node = startNode(tmp);
        try (NodeNamespace ns = node.namespace()) {
            DockerLogs web = container(node, "a1b2c3d4e5f6" + "0".repeat(52), "web", "app");
            DockerLogs worker = container(node, "f6e5d4c3b2a1" + "1".repeat(52), "worker", "jobs");
            DockerLogs sidecar = container(node, "0a0b0c0d0e0f" + "2".repeat(52), "web", "sidecar");
            DockerLogs own = container(node, "1a1b1c1d1e1f" + "3".repeat(52), "logship-pt", "fluent-bit");
            String longLine = "web long " + "x".repeat(40_000);
            web.write("stdout", "web line 0");
            worker.write("stdout", "worker line 0");
            sidecar.write("stdout", "sidecar line 0");
            own.write("stdout", "own line 0");
            waitForMessages(node, "Fluent Bit tails both containers", Duration.ofSeconds(60),
                    m -> m.stream().map(Syslog::app).distinct().count() == 2);
            for (int i = 1; i < 200; i++) {
                web.write("stdout", "web line " + i);
                worker.write(i % 2 == 0 ? "stdout" : "stderr", "worker line " + i);
                sidecar.write("stdout", "sidecar line " + i);
                own.write("stdout", "own line " + i);
                if (i == 100) {
                    web.rotate();
                    web.write("stdout", longLine);
                }
            }
            web.write("stderr", "Exception in thread \"main\" java.lang.IllegalStateException: boom");
            web.write("stderr", "\tat com.example.Main.run(Main.java:10)");
            web.write("stderr", "\tat com.example.Main.main(Main.java:5)");
            web.write("stdout", "web done");
            worker.write("stdout", "worker done");

            List<Syslog> got = waitForMessages(node, "both containers' last lines arrive", Duration.ofSeconds(60),
                    m -> m.stream().anyMatch(s -> s.message().equals("web done"))
                            && m.stream().anyMatch(s -> s.message().equals("worker done")));

            List<String> webLines = got.stream().filter(s -> s.app().equals("app")).map(Syslog::message).toList();
            List<String> expectedWeb = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expectedWeb.add("web line " + i);
                if (i == 100) {
                    expectedWeb.add(longLine);
                }
            }
            expectedWeb.add("Exception in thread \"main\" java.lang.IllegalStateException: boom\u2028"
                    + "\tat com.example.Main.run(Main.java:10)\u2028\tat com.example.Main.main(Main.java:5)");
            expectedWeb.add("web done");
            String gotLong = webLines.stream().filter(l -> l.startsWith("web long")).findFirst().orElse("");
            assertThat(gotLong.length()).as("the 40,009-character line, sent as three 16 KiB partials, is whole: %s ... %s",
                    gotLong.substring(0, Math.min(40, gotLong.length())), gotLong.substring(Math.max(0, gotLong.length() - 40)))
                    .isEqualTo(longLine.length());
            assertThat(webLines).as("every line once, in order, the 16 KiB partials joined, rotation followed, "
                    + "the stack trace one message").containsExactlyElementsOf(expectedWeb);
            List<Syslog> jobs = got.stream().filter(s -> s.app().equals("jobs")).toList();
            assertThat(jobs).hasSize(201);
            for (int i = 0; i < 200; i++) {
                assertThat(jobs.get(i).message()).isEqualTo("worker line " + i);
                assertThat(jobs.get(i).severity()).as("stderr is err, stdout info").isEqualTo(i % 2 == 0 ? 6 : 3);
            }
            assertThat(got).allSatisfy(s -> {
                assertThat(s.hostname()).isEqualTo("node-7");
                assertThat(s.version()).isEqualTo(1);
            });
            assertThat(got).extracting(Syslog::app).containsOnly("app", "jobs")
                    .as("excluded sidecar and the forwarder's own logs are absent");
            assertThat(ns.commandLines()).isNotEmpty().allSatisfy(c -> assertThat(c).doesNotContain(RECEIVER_HOST, "6514"));
            assertThat(Files.readString(ns.log)).doesNotContain(RECEIVER_HOST, "6514")
                    .doesNotContain("is used but not set");
            System.out.printf("fluent-bit end-to-end: %d messages received, RSS %d KiB%n", got.size(), ns.rssKib());
        }
    }
}
