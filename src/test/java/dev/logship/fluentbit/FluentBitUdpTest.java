package dev.logship.fluentbit;

import static dev.logship.fluentbit.FluentBitEndToEndTest.container;
import static dev.logship.fluentbit.FluentBitEndToEndTest.startNode;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code syslog://} route is UDP, as logspout reads it: the rendered container run for real
 * (same namespace harness as {@link FluentBitEndToEndTest}) against a UDP receiver, one datagram
 * per message.
 */
@RequiresFluentBit
class FluentBitUdpTest {
    static final String MANIFEST = """
            agent: fluentBit
            routes: [syslog://%s:%d]
            multiline: java
            backlog: true
            """.formatted(FluentBitEndToEndTest.RECEIVER_HOST, NodeServices.UDP_PORT);
    @TempDir Path tmp;

    @BeforeAll
    static void needsTheBinaryAndRoot() {
        FluentBitEndToEndTest.needsTheBinaryAndRoot();
    }

    private static List<String> datagrams(NodeNamespace ns) throws Exception {
        Path file = ns.services.resolve("received-udp.txt");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void syslogSchemeSendsOneRfc5424DatagramPerMessage() throws Exception {
        FluentBitEndToEndTest.Node node = startNode(tmp, MANIFEST);
        try (NodeNamespace ns = node.namespace()) {
            DockerLogs web = container(node, "udpudpudpudp" + "7".repeat(52), "web", "app");
            web.write("stdout", "udp line 0");
            try {
                Waits.until("Fluent Bit sends over UDP", Duration.ofSeconds(60),
                        () -> datagrams(ns).isEmpty() ? Optional.empty() : Optional.of(true));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ns.diagnostics(), e);
            }
            List<String> expected = new ArrayList<>(List.of("udp line 0"));
            for (int i = 1; i < 200; i++) {
                web.write(i % 2 == 0 ? "stdout" : "stderr", "udp line " + i);
                expected.add("udp line " + i);
            }
            web.write("stderr", "Exception in thread \"main\" java.lang.IllegalStateException: boom");
            web.write("stderr", "\tat com.example.Main.run(Main.java:10)");
            web.write("stderr", "\tat com.example.Main.main(Main.java:5)");
            expected.add("Exception in thread \"main\" java.lang.IllegalStateException: boom\u2028"
                    + "\tat com.example.Main.run(Main.java:10)\u2028\tat com.example.Main.main(Main.java:5)");
            String longLine = "udp long " + "y".repeat(3000);
            web.write("stdout", longLine);
            web.write("stdout", "udp done");

            List<String> raw = Waits.until("the last line arrives", Duration.ofSeconds(60), () -> {
                List<String> got = datagrams(ns);
                return got.stream().anyMatch(d -> d.endsWith("udp done")) ? Optional.of(got) : Optional.empty();
            });
            assertThat(raw).as("one message per datagram, no newline inside").noneMatch(d -> d.contains("\\n"));
            List<Syslog> got = raw.stream().map(Syslog::parse).toList();
            List<String> messages = got.stream().map(Syslog::message).toList();
            String gotLong = messages.stream().filter(m -> m.startsWith("udp long")).findFirst().orElseThrow();
            int longAt = messages.indexOf(gotLong);
            List<String> rest = new ArrayList<>(messages);
            rest.remove(longAt);
            expected.add("udp done");
            assertThat(rest).as("every line once and in order, the stack trace one message").containsExactlyElementsOf(expected);
            assertThat(longLine).as("a line longer than a datagram holds arrives cut, never split").startsWith(gotLong);
            int longestDatagram = raw.stream().mapToInt(d -> d.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).max().orElse(0);
            assertThat(gotLong.length()).as("cut, not whole").isLessThan(longLine.length());
            assertThat(longestDatagram).as("Fluent Bit's RFC 5424 limit over UDP (docs/fluent-bit.md)").isEqualTo(2048);
            assertThat(got).allSatisfy(s -> {
                assertThat(s.hostname()).isEqualTo("node-7");
                assertThat(s.app()).isEqualTo("app");
                assertThat(s.version()).isEqualTo(1);
            });
            for (int i = 0; i < 200; i++) {
                assertThat(got.get(i).severity()).as("stderr err, stdout info").isEqualTo(i % 2 == 0 ? 6 : 3);
            }
            assertThat(ns.commandLines()).allSatisfy(c -> assertThat(c).doesNotContain(FluentBitEndToEndTest.RECEIVER_HOST));
            String figures = "syslog:// (UDP): %d datagrams, the %d-character line arrived as %d characters, largest datagram %d bytes"
                    .formatted(raw.size(), longLine.length(), gotLong.length(), longestDatagram);
            System.out.println("fluent-bit " + figures);
            Files.writeString(Path.of("target/fluent-bit-udp.txt"), figures + "\n");
        }
    }
}
