package dev.logship.fluentbit;

import static dev.logship.fluentbit.FluentBitEndToEndTest.container;
import static dev.logship.fluentbit.FluentBitEndToEndTest.startNode;
import static dev.logship.fluentbit.FluentBitEndToEndTest.waitForMessages;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bufferLimit} with the real binary: the receiver is down while four times the limit is
 * written. The contract (docs/fluent-bit.md): the node's disk never holds more than the limit; once
 * the endpoint is back, the newest lines of the outage arrive and the oldest are gone (Fluent Bit
 * evicts the oldest chunks, and says so in its log); lines written afterwards all arrive.
 */
@RequiresFluentBit
class FluentBitBufferLimitTest {
    private static final long LIMIT = 8 << 20;
    private static final int OUTAGE_LINES = 24_000;
    private static final String PAD = "x".repeat(1000);
    @TempDir Path tmp;

    @BeforeAll
    static void needsTheBinaryAndRoot() {
        FluentBitEndToEndTest.needsTheBinaryAndRoot();
    }

    private static List<String> app(List<Syslog> got) {
        return got.stream().filter(s -> s.app().equals("app")).map(Syslog::message).toList();
    }

    private static long bytesOnDisk(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // a chunk deleted while walking
        }
    }

    @Test
    void aboveTheLimitTheOldestLinesAreDroppedTheNewestArriveAndTheDiskStaysUnderIt() throws Exception {
        FluentBitEndToEndTest.Node node = startNode(tmp,
                FluentBitEndToEndTest.MANIFEST.replace("bufferLimit: 64M", "bufferLimit: 8M"));
        try (NodeNamespace ns = node.namespace()) {
            DockerLogs logs = container(node, "bufbufbufbuf" + "6".repeat(52), "web", "app");
            logs.write("stdout", "before");
            waitForMessages(node, "Fluent Bit ships", Duration.ofSeconds(60), m -> app(m).contains("before"));
            Files.writeString(ns.services.resolve("receiver-down"), "");
            Waits.until("the receiver is closed", Duration.ofSeconds(30),
                    () -> Files.exists(ns.services.resolve("receiver-closed")) ? Optional.of(true) : Optional.empty());

            Path buffer = node.state().resolve("buffer");
            AtomicLong maxOnDisk = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxOnDisk.accumulateAndGet(bytesOnDisk(buffer), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            for (int i = 0; i < OUTAGE_LINES; i++) {
                logs.write("stdout", "outage " + i + " " + PAD);
                if (i % 200 == 199) {
                    Thread.sleep(50); // several reads, several chunks, as a busy container gives
                }
            }
            String evicted = "evicted from output queue to make room under storage.total_limit_size";
            Waits.until("Fluent Bit evicts the oldest chunk", Duration.ofSeconds(60),
                    () -> Files.readString(ns.log).contains(evicted) ? Optional.of(true) : Optional.empty());
            // Fluent Bit has read all of it once the buffer stops changing for 3 s.
            long[] last = {-1, System.nanoTime()};
            Waits.until("the buffer settles", Duration.ofSeconds(60), () -> {
                long now = bytesOnDisk(buffer);
                if (now != last[0]) {
                    last[0] = now;
                    last[1] = System.nanoTime();
                }
                return System.nanoTime() - last[1] > Duration.ofSeconds(3).toNanos() ? Optional.of(now) : Optional.empty();
            });
            sampler.interrupt();
            sampler.join();

            String onDisk;
            try (Stream<Path> files = Files.walk(buffer)) {
                onDisk = files.filter(Files::isRegularFile).map(f -> f.getFileName() + "=" + f.toFile().length()).toList().toString();
            }
            Files.delete(ns.services.resolve("receiver-down"));
            for (int i = 0; i < 100; i++) {
                logs.write("stdout", "after " + i);
            }
            String newest = "outage " + (OUTAGE_LINES - 1) + " " + PAD;
            List<String> got;
            try {
                got = app(waitForMessages(node, "the newest outage line and every later line arrive",
                        Duration.ofSeconds(120), m -> app(m).contains(newest) && app(m).contains("after 99")));
            } catch (AssertionError e) {
                String retries = Files.readAllLines(ns.log).stream().filter(l -> l.contains("retry") || l.contains("evicted"))
                        .reduce("", (a, b) -> a + "\n" + b);
                throw new AssertionError("chunks at recovery " + onDisk + "; retries and evictions:" + retries + "\n" + e.getMessage(), e);
            }

            List<String> outage = got.stream().filter(l -> l.startsWith("outage ")).distinct().toList();
            long outageBytes = outage.stream().mapToLong(l -> l.length() + 1).sum();
            for (int i = 0; i < 100; i++) {
                assertThat(got).as("written after the endpoint came back").contains("after " + i);
            }
            assertThat(got).as("the oldest line of the outage was dropped").doesNotContain("outage 0 " + PAD);
            assertThat(outageBytes).as("what arrives of the outage is at most the limit").isLessThanOrEqualTo(LIMIT);
            assertThat(maxOnDisk.get()).as("the node's disk never holds more than the limit (plus chunk headers)")
                    .isLessThanOrEqualTo(LIMIT + 64 * 1024);
            String log = Files.readString(ns.log);
            assertThat(log).as("Fluent Bit says it dropped data, without naming the route").contains(evicted)
                    .doesNotContain(FluentBitEndToEndTest.RECEIVER_HOST, String.valueOf(NodeServices.SYSLOG_PORT));
            String figures = ("bufferLimit %d KiB, receiver down: %d lines (%d KiB) written, %d arrived (%d KiB, lines %s to %s),"
                    + " most on disk %d KiB; %d evictions and %d 'fail to drop' errors logged").formatted(LIMIT >> 10,
                    OUTAGE_LINES, (long) OUTAGE_LINES * (PAD.length() + 12) >> 10, outage.size(), outageBytes >> 10,
                    outage.isEmpty() ? "-" : outage.get(0).substring(0, outage.get(0).indexOf(' ', 7)),
                    outage.isEmpty() ? "-" : outage.get(outage.size() - 1).substring(0, outage.get(outage.size() - 1).indexOf(' ', 7)),
                    maxOnDisk.get() >> 10, log.split(evicted, -1).length - 1,
                    log.split("fail to drop enough chunks", -1).length - 1);
            System.out.println("fluent-bit " + figures);
            Files.writeString(Path.of("target/fluent-bit-buffer-limit.txt"), figures + "\n");
        }
    }
}
