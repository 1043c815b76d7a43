package dev.logship.fluentbit;

import static dev.logship.fluentbit.FluentBitEndToEndTest.container;
import static dev.logship.fluentbit.FluentBitEndToEndTest.startNode;
import static dev.logship.fluentbit.FluentBitEndToEndTest.waitForMessages;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered pipeline under the two failures issue 11 names, with the real binary: kill -9 and
 * restart of Fluent Bit mid-stream (offsets database and disk buffer on the node), and the
 * receiver down for 30 s (disk buffer, unlimited retries). Every line must arrive; duplicates
 * are counted and printed (RELIABILITY.md).
 */
@RequiresFluentBit
class FluentBitReliabilityTest {
    private static final int KILLS = 3;
    @TempDir Path tmp;

    @BeforeAll
    static void needsTheBinaryAndRoot() {
        FluentBitEndToEndTest.needsTheBinaryAndRoot();
    }

    private static void write(DockerLogs logs, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            logs.write("stdout", "line " + i);
        }
    }

    private static String count(List<Syslog> got, int lines) {
        Set<String> distinct = new HashSet<>();
        got.forEach(s -> distinct.add(s.message()));
        return "sent " + lines + ", received " + got.size() + ", distinct " + distinct.size() + ", duplicated "
                + (got.size() - distinct.size()) + ", lost " + (lines - distinct.size());
    }

    private static List<Syslog> app(List<Syslog> got) {
        return got.stream().filter(s -> s.app().equals("app")).toList();
    }

    private static int number(Syslog s) {
        return s.message().startsWith("line ") ? Integer.parseInt(s.message().substring(5)) : -1;
    }

    /**
     * Waits until lines 0 to lines-1 have all arrived; fails once nothing new has arrived for 45 s (or after
     * 180 s), naming the missing ranges.
     */
    private static List<Syslog> everyLine(FluentBitEndToEndTest.Node node, int lines, String after) throws Exception {
        long start = System.nanoTime();
        long grew = start;
        int before = -1;
        while (true) {
            List<Syslog> got = app(FluentBitEndToEndTest.received(node));
            BitSet seen = new BitSet(lines);
            got.stream().mapToInt(FluentBitReliabilityTest::number).filter(n -> n >= 0 && n < lines).forEach(seen::set);
            int count = seen.cardinality();
            if (count == lines) {
                return got;
            }
            long now = System.nanoTime();
            if (count != before) {
                before = count;
                grew = now;
            }
            if (now - grew > Duration.ofSeconds(45).toNanos() || now - start > Duration.ofSeconds(180).toNanos()) {
                StringBuilder missing = new StringBuilder();
                for (int i = seen.nextClearBit(0); i < lines; i = seen.nextClearBit(i)) {
                    int end = Math.min(lines, seen.nextSetBit(i) < 0 ? lines : seen.nextSetBit(i));
                    missing.append(' ').append(i).append(end - 1 > i ? ".." + (end - 1) : "");
                    i = end;
                }
                java.util.Map<String, Long> apps = FluentBitEndToEndTest.received(node).stream()
                        .collect(java.util.stream.Collectors.groupingBy(Syslog::app, java.util.stream.Collectors.counting()));
                throw new AssertionError("after " + after + ": " + (lines - count) + " of " + lines
                        + " lines never arrived:" + missing + "; messages per app: " + apps + node.namespace().diagnostics());
            }
            Thread.sleep(200);
        }
    }

    /**
     * Three kill -9s while lines are being written (each with lines written but not yet delivered), each
     * followed by a restart on the same node state. With the multiline filter in its buffered mode this lost
     * the lines Fluent Bit had read in the last ~25 ms before a kill (4 of 10 single kills lost 100 lines):
     * tail had stored their offset, but the filter held them in memory. The filter now runs unbuffered
     * (FluentBitAgent). Over TLS 1.3 lines then still vanished (5 of 8 runs): the server's session tickets
     * sat unread, so the kill's close reset the connection and dropped the unsent lines. TLS routes are now
     * capped at 1.2 (docs/fluent-bit.md). Every line must arrive.
     */
    @Test
    void killMinus9ThreeTimesMidStreamLosesNoLine() throws Exception {
        FluentBitEndToEndTest.Node node = startNode(tmp);
        try (NodeNamespace ns = node.namespace()) {
            DockerLogs logs = container(node, "abcabcabcabc" + "4".repeat(52), "web", "app");
            write(logs, 0, 1);
            waitForMessages(node, "Fluent Bit tails the container", Duration.ofSeconds(60), m -> !app(m).isEmpty());
            long rss = ns.rssKib();
            LineWriter writer = new LineWriter(logs, 1).start();
            List<String> kills = new ArrayList<>();
            for (int k = 1; k <= KILLS + 1; k++) {
                int since = writer.written();
                // Fluent Bit is up and shipping what is written now, so the kill lands mid-read, not mid-start.
                waitForMessages(node, "lines written after restart " + (k - 1) + " arrive", Duration.ofSeconds(120),
                        m -> app(m).stream().anyMatch(s -> number(s) >= since));
                if (k > KILLS) {
                    break;
                }
                ns.kill9();
                int written = writer.written();
                int delivered = (int) app(FluentBitEndToEndTest.received(node)).stream().map(Syslog::message).distinct().count();
                assertThat(written).as("kill %d came with lines written but not yet delivered", k).isGreaterThan(delivered);
                kills.add(written + " written / " + delivered + " delivered");
                ns.restart();
            }
            int lines = writer.stop();
            List<Syslog> got = everyLine(node, lines, KILLS + " kills at " + kills);
            String figures = "%d x kill -9 mid-stream (at %s): %s; RSS before the first kill %d KiB".formatted(KILLS, kills,
                    count(got, lines), rss);
            System.out.println("fluent-bit " + figures);
            Files.writeString(Path.of("target/fluent-bit-kill9.txt"), figures + "\n");
        }
    }

    @Test
    void receiverDownForAWhileLosesNothingBelowTheBufferLimit() throws Exception {
        FluentBitEndToEndTest.Node node = startNode(tmp);
        try (NodeNamespace ns = node.namespace()) {
            DockerLogs logs = container(node, "defdefdefdef" + "5".repeat(52), "web", "app");
            write(logs, 0, 1000);
            waitForMessages(node, "the first thousand arrive", Duration.ofSeconds(60), m -> app(m).size() >= 1000);
            Path down = ns.services.resolve("receiver-down");
            Files.writeString(down, "");
            long start = System.nanoTime();
            int lines = 1000 + 100 * FluentBitDestinationOutageTest.OUTAGE_SECONDS; // 100 lines a second of outage
            for (int i = 1000; i < lines; i += 100) {
                write(logs, i, i + 100);
                Thread.sleep(1000);
            }
            long downFor = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            Files.delete(down);
            long back = System.nanoTime();
            List<Syslog> got = app(waitForMessages(node, "every line arrives once the receiver is back",
                    Duration.ofSeconds(240), m -> app(m).stream().map(Syslog::message).distinct().count() >= lines));
            long recovered = Duration.ofNanos(System.nanoTime() - back).toSeconds();
            Set<String> distinct = new HashSet<>(got.stream().map(Syslog::message).toList());
            for (int i = 0; i < lines; i++) {
                assertThat(distinct).as("line %d after the outage", i).contains("line " + i);
            }
            assertThat(Files.readString(ns.log)).as("connection errors name no route")
                    .doesNotContain(FluentBitEndToEndTest.RECEIVER_HOST, String.valueOf(NodeServices.SYSLOG_PORT));
            System.out.printf("fluent-bit receiver down %d s: %s; all delivered %d s after it came back%n", downFor,
                    count(got, lines), recovered);
            Files.writeString(Path.of("target/fluent-bit-outage.txt"), "down " + downFor + " s: " + count(got, lines)
                    + "; all delivered " + recovered + " s after it came back\n");
        }
    }
}
