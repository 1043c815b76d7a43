package dev.logship.bench;

import dev.logship.delivery.DeliverySettings;
import dev.logship.delivery.NodeSample;
import dev.logship.delivery.RouteCounters;
import dev.logship.delivery.SampleWindow;
import dev.logship.reconcile.ClusterStatus;
import dev.logship.reconcile.OperatorStatus;
import dev.logship.reconcile.SourceStatus;
import dev.logship.testkit.HandClock;
import dev.logship.web.DeliveryMonitor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The delivery side of the ingest benchmark in one process, on a hand-moved clock, so its figures
 * do not depend on what else the machine runs: CLUSTERS clusters x NODES nodes, each node pushing
 * every 30 s (slots spread evenly; labels fresh strings per push, as decoding makes them), the
 * monitor's round every 2 s, for MINUTES minutes (past keep = 6 min, so each node holds its full
 * window). Prints the CPU of the monitor's rounds (thread CPU time) over the last minute, and the
 * heap the samples hold (used heap after a full GC, minus before). Runs against this build or,
 * with another build's classes first on the class path, against that one (same API).
 * Run: java -XX:+UseSerialGC -cp target/test-classes:target/classes:CP dev.logship.bench.DeliveryRounds [clusters nodes minutes]
 */
public final class DeliveryRounds {
    private DeliveryRounds() {}

    public static void main(String[] args) {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int minutes = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Instant start = Instant.parse("2030-01-07T10:00:00Z");
        HandClock clock = new HandClock(start);
        DeliverySettings settings = DeliverySettings.of(Duration.ofMinutes(2));
        List<ClusterStatus> status = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            status.add(ClusterStatus.notSyncedYet(name(c), name(c), "us-east-1", Map.of()));
        }
        OperatorStatus operator = new OperatorStatus(SourceStatus.notFetched("repo", "main", ""), true, status);
        long heapBefore = usedHeap();
        SampleWindow window = new SampleWindow(settings.keep(), 50_000, clock);
        DeliveryMonitor monitor = new DeliveryMonitor(window, settings, () -> operator, e -> { }, clock);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        int rounds = 0;
        long[] in = new long[nodes];
        for (int ms = 0; ms <= minutes * 60_000; ms += 100) {
            clock.set(start.plusMillis(ms));
            for (int n = 0; n < nodes; n++) {
                if ((long) n * 30_000 / nodes / 100 * 100 == ms % 30_000) {
                    in[n] += 300;
                    window.record(new NodeSample(new String(name(n % clusters)), new String("papertrail"), "ip-10-0-" + n,
                            clock.instant(), in[n], Map.of("http.0", new RouteCounters(in[n] - 10, 0, 0, 0, 0),
                                    new String("syslog.1"), new RouteCounters(in[n] - 10, 0, 0, 0, 0)), 4096, ms / 1000.0 + 60));
                }
            }
            if (ms % 2000 == 0) {
                long t = threads.getCurrentThreadCpuTime();
                monitor.check();
                if (ms > (minutes - 1) * 60_000) {
                    cpu += threads.getCurrentThreadCpuTime() - t;
                    rounds++;
                }
            }
        }
        long held = usedHeap() - heapBefore;
        System.out.printf(Locale.ROOT, "[rounds] %d clusters, %d nodes every 30 s, %d min: last minute %d rounds, %.1f ms CPU a round"
                        + " (%.1f%% of a core at one round per 2 s); heap held by samples and judgements %.1f MiB (%s)%n",
                clusters, nodes, minutes, rounds, cpu / 1e6 / rounds, cpu / 1e6 / rounds / 20, held / 1048576.0,
                monitor.all().get(name(0)).state());
        monitor.close();
    }

    private static String name(int c) {
        return String.format(Locale.ROOT, "bench-%04d", c);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc(); // a measurement of what is held, not a wait
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
