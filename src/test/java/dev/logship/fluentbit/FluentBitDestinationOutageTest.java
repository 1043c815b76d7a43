package dev.logship.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.fluentbit.receivers.Destination;
import dev.logship.fluentbit.receivers.DestinationSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One destination down for {@link #OUTAGE} while another is up, with the rendered pipeline and the real
 * binary: CloudWatch Logs refuses connections while the HTTP intake stays up and a container
 * writes 200 lines a second throughout. The intake must keep receiving with no gap (each route
 * has its own retries and buffer share); CloudWatch Logs must get every line after it returns.
 * Figures go to target/fluent-bit-destination-outage.txt (RELIABILITY.md).
 */
class FluentBitDestinationOutageTest {
    static final String MANIFEST = """
            agent: fluentBit
            taskRoleArn: arn:aws:iam::123456789012:role/logship-forwarder
            bufferLimit: 64M
            routes:
              - cloudwatchLogs: {region: us-east-1, logGroup: "/ecs/{forwarder}/{container}", createGroup: true}
              - http: {uri: "https://intake.test/logs?token=%s", format: json_lines}
            """.formatted(DestinationSecrets.HTTP_INTAKE_TOKEN);
    /**
     * How long a destination stays down: 10 s in the default suite, 30 s in -Preliability
     * (-Dlogship.outageSeconds). Fluent Bit's retry wait grows with each failed try, so a 30 s
     * outage costs 40-80 s more after the destination returns; 10 s proves the same isolation.
     */
    static final int OUTAGE_SECONDS = Integer.getInteger("logship.outageSeconds", 10);
    static final Duration OUTAGE = Duration.ofSeconds(OUTAGE_SECONDS);
    /** Longest pause between two arrivals at the destination that stays up (Fluent Bit flushes every second). */
    static final long MAX_GAP_MS = 5_000;

    @TempDir Path tmp;

    @BeforeAll
    static void needsTheBinaryAndRoot() {
        FluentBitEndToEndTest.needsTheBinaryAndRoot();
    }

    private static BitSet lines(List<Arrival> arrivals) {
        BitSet seen = new BitSet();
        arrivals.stream().filter(a -> a.container().equals("app") && a.message().startsWith("line "))
                .forEach(a -> seen.set(Integer.parseInt(a.message().substring(5))));
        return seen;
    }

    @Test
    void theUpDestinationKeepsReceivingAndTheDownOneGetsEveryLineAfterItReturns() throws Exception {
        try (DestinationNode node = DestinationNode.start(tmp, FluentBitEndToEndTest.render(MANIFEST), Map.of(), Set.of())) {
            SteadyLines app = new SteadyLines(node.container("a1a1a1a1a1a1" + "0".repeat(52), "web-app", "app")).start();
            Waits.until("both destinations receive", Duration.ofSeconds(60), () -> Optional.of(true).filter(x -> {
                try {
                    return !node.arrivals(Destination.CLOUDWATCH_LOGS).isEmpty() && !node.arrivals(Destination.HTTP).isEmpty();
                } catch (Exception e) {
                    return false;
                }
            }));
            node.down(Destination.CLOUDWATCH_LOGS);
            long downAt = System.currentTimeMillis();
            int writtenAtDown = app.written();
            Thread.sleep(OUTAGE.toMillis()); // the outage itself: a duration, not a condition to wait for
            int writtenAtUp = app.written();
            node.up(Destination.CLOUDWATCH_LOGS);
            long upAt = System.currentTimeMillis();
            Thread.sleep(2_000); // lines written after the return, too
            int lines = app.stop();

            List<Arrival> intake = node.arrivals(Destination.HTTP);
            long maxGap = 0;
            long previous = downAt;
            for (Arrival a : intake) {
                if (a.at() >= downAt && a.at() <= upAt) {
                    maxGap = Math.max(maxGap, a.at() - previous);
                    previous = a.at();
                }
            }
            maxGap = Math.max(maxGap, upAt - previous);
            BitSet beforeReturn = lines(intake.stream().filter(a -> a.at() <= upAt).toList());
            int lastWrittenEarly = writtenAtUp - (int) (MAX_GAP_MS / SteadyLines.TICK_MS) * SteadyLines.PER_TICK;
            assertThat(beforeReturn.nextClearBit(0)).as("every line written until %d ms before the return reached the intake "
                    + "during the outage", MAX_GAP_MS).isGreaterThanOrEqualTo(lastWrittenEarly);
            assertThat(maxGap).as("longest pause between arrivals at the intake during the outage, ms").isLessThan(MAX_GAP_MS);

            long[] complete = new long[1];
            Waits.until("CloudWatch Logs has every line after it returned", Duration.ofSeconds(150), () -> {
                BitSet seen = lines(node.arrivals(Destination.CLOUDWATCH_LOGS));
                complete[0] = System.currentTimeMillis();
                return Optional.of(true).filter(x -> seen.cardinality() == lines && seen.nextClearBit(0) == lines);
            });
            Waits.until("the intake has every line", Duration.ofSeconds(30), () ->
                    Optional.of(true).filter(x -> lines(readQuietly(node, Destination.HTTP)).cardinality() == lines));
            List<Arrival> cloudWatch = node.arrivals(Destination.CLOUDWATCH_LOGS);
            int duplicates = cloudWatch.size() - lines;
            assertThat(node.rejections()).isEmpty();
            String figures = ("lines written %d (%d during the %d s outage of CloudWatch Logs); intake: longest pause between "
                    + "arrivals during the outage %d ms, %d lines arrived during it; CloudWatch Logs: every line %d ms after it "
                    + "returned, %d duplicates, %d events in all, order %s%n").formatted(lines, writtenAtUp - writtenAtDown,
                    OUTAGE.toSeconds(), maxGap, intake.stream().filter(a -> a.at() >= downAt && a.at() <= upAt).count(),
                    complete[0] - upAt, duplicates, cloudWatch.size(), inOrder(cloudWatch) ? "kept" : "not kept");
            System.out.print(figures);
            Files.writeString(Path.of("target/fluent-bit-destination-outage.txt"), figures,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static List<Arrival> readQuietly(DestinationNode node, Destination d) {
        try {
            return node.arrivals(d);
        } catch (Exception e) {
            return List.of();
        }
    }

    private static boolean inOrder(List<Arrival> arrivals) {
        int last = -1;
        for (Arrival a : arrivals) {
            int n = Integer.parseInt(a.message().substring(5));
            if (n < last) {
                return false;
            }
            last = n;
        }
        return true;
    }
}
