package dev.logship.bench;

import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.ManifestRepo;
import dev.logship.testkit.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;

/**
 * BENCHMARKS.md's telemetry ingest under load (issue 20): serve as its own JVM (the launcher's
 * serve flags and environment) with the ingest on, following a fleet of CLUSTERS clusters
 * (FleetShapes.mostlyOne, NODES / CLUSTERS container instances each, applied beforehand as serve's
 * owner) until /readyz, then {@link OtlpFleet}: NODES Fluent Bit nodes pushing every INTERVAL s.
 * After WARMUP s (every node has reported once), MEASURE s of: serve's CPU (utime + stime from
 * /proc), its RSS (VmRSS sampled each second, and VmHWM), push latency and outcomes.
 * Run: java -cp target/test-classes:target/classes:CP dev.logship.bench.IngestLoad
 *      [clusters nodes interval warmup measure [sources [oneAddress]]]   (defaults 1000 10000 30 30 120 =nodes 30)
 * oneAddress: then as many seconds of the same pushes from one source address (behind a NAT: no header).
 * behindBalancer (default 30; 0 for a build without --ingest-trusted-proxies): then as many seconds
 * from that one address with each node's own address in X-Forwarded-For, serve trusting that address
 * as its load balancer (--ingest-trusted-proxies 127.1.0.1/32).
 */
public final class IngestLoad {
    private static final String OWNER = "bench";
    private static final String TOKEN = "bench-ingest-token-0123456789abcdef";

    private IngestLoad() {}

    public static void main(String[] args) throws Exception {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int interval = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int measure = args.length > 4 ? Integer.parseInt(args[4]) : 120;
        int sources = args.length > 5 ? Integer.parseInt(args[5]) : nodes;
        int oneAddress = args.length > 6 ? Integer.parseInt(args[6]) : 30;
        int behindBalancer = args.length > 7 ? Integer.parseInt(args[7]) : 30;
        Path root = Files.createTempDirectory("ingest-load");
        Fleet fleet = FleetShapes.mostlyOne(clusters).nodesPerCluster(Math.max(1, nodes / clusters));
        say("load %s; %d clusters, %d nodes every %d s from %d source addresses; warm-up %d s, measured %d s",
                Machine.loadAverage(), clusters, nodes, interval, sources, warmup, measure);
        try (ManifestRepo repo = ManifestRepo.create(root); LocalEcsServer ecs = Ecs.start(fleet.nodes(), 0)) {
            say("set-up: %d clusters applied in %.1f s", clusters, FleetSync.commitAndApply(fleet, repo, ecs.endpoint(), OWNER));
            Path tokenFile = root.resolve("ingest-token");
            Files.writeString(tokenFile, TOKEN + "\n");
            List<String> flags = new ArrayList<>(Jvm.SERVE_FLAGS);
            flags.add("-Dlogship.ecs.timeScale=8");
            Jvm jvm = Jvm.launcherServe("launcher's serve flags").withFlags("launcher's serve flags", flags);
            List<String> serveArgs = new ArrayList<>(List.of("--owner", OWNER, "--ingest-token-file", tokenFile.toString()));
            if (behindBalancer > 0) {
                serveArgs.addAll(List.of("--ingest-trusted-proxies", "127.1.0.1/32")); // the one address of the phases below
            }
            try (ServeProcess serve = BenchServe.start(repo.bare, ecs.endpoint(), root.resolve("data"), root.resolve("serve.log"), 8, jvm,
                    serveArgs.toArray(String[]::new))) {
                double ready = serve.awaitReady(Duration.ofMinutes(10));
                say("serve ready in %.1f s; RSS at ready %.1f MiB (VmHWM %.1f), telemetry on, nothing pushed yet", ready / 1000,
                        Proc.statusMiB(serve.pid(), "VmRSS"), Proc.statusMiB(serve.pid(), "VmHWM"));
                load(serve, clusters, nodes, interval, warmup, measure, sources, false);
                if (oneAddress > 0) {
                    // the same fleet behind one address (a load balancer or NAT that hides the nodes' own): what gets in
                    say("the same %d nodes from ONE source address, %d s", nodes, oneAddress);
                    load(serve, clusters, nodes, interval, 0, oneAddress, 1, false);
                }
                if (behindBalancer > 0) {
                    say("the same %d nodes from ONE trusted balancer address with X-Forwarded-For, %d s", nodes, behindBalancer);
                    load(serve, clusters, nodes, interval, 0, behindBalancer, 1, true);
                }
            }
        }
    }

    private static void load(ServeProcess serve, int clusters, int nodes, int interval, int warmup, int measure, int sources,
                             boolean forwardedFor) throws Exception {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        DoubleAccumulator peakRss = new DoubleAccumulator(Math::max, 0);
        try (OtlpFleet fleet = new OtlpFleet(serve.port, TOKEN, nodes, sources, clusters, TimeUnit.SECONDS.toNanos(interval))) {
            fleet.forwardedFor = forwardedFor;
            fleet.start();
            Thread.sleep(warmup * 1000L); // the warm-up is a length of time under load, not a condition
            say("warm-up done: load %s, RSS %.1f MiB", Machine.loadAverage(), Proc.statusMiB(serve.pid(), "VmRSS"));
            String loadBefore = Machine.loadAverage();
            double serveCpu0 = Proc.cpuMillis(serve.pid());
            java.util.Map<String, Double> threads0 = threadCpu(serve.pid());
            double selfCpu0 = Proc.selfCpuMillis();
            long t0 = System.nanoTime();
            fleet.measure(true);
            sampler.scheduleAtFixedRate(() -> peakRss.accumulate(Proc.statusMiB(serve.pid(), "VmRSS")), 0, 1, TimeUnit.SECONDS);
            Thread.sleep(measure * 1000L); // the measured window is a length of time under load
            fleet.measure(false);
            ScaleApply.diagnose(serve.pid(), "ingest-" + sources + "-sources" + (forwardedFor ? "-xff" : "")); // -Dbench.diagnose=DIR: heap, histogram, NMT
            double wall = (System.nanoTime() - t0) / 1e6;
            double serveCpu = Proc.cpuMillis(serve.pid()) - serveCpu0;
            double selfCpu = Proc.selfCpuMillis() - selfCpu0;
            java.util.Map<String, Double> byThread = new TreeMap<>();
            threadCpu(serve.pid()).forEach((name, ms) -> byThread.put(name, ms - threads0.getOrDefault(name, 0.0)));
            sampler.shutdownNow();
            Stats latency = fleet.latencies();
            Stats lag = fleet.lags();
            say("RESULT pushes measured %d in %.1f s (%.1f/s), body %d bytes; outcomes %s", latency.count(), wall / 1000,
                    latency.count() / (wall / 1000), fleet.bodyBytes.get(), new TreeMap<>(fleet.outcomes));
            say("RESULT serve CPU %.1f%% of one core (%.0f ms in %.1f s); RSS peak %.1f MiB, at end %.1f MiB, VmHWM %.1f MiB",
                    100 * serveCpu / wall, serveCpu, wall / 1000, peakRss.get(), Proc.statusMiB(serve.pid(), "VmRSS"),
                    Proc.statusMiB(serve.pid(), "VmHWM"));
            say("RESULT push latency ms: p50 %.2f, p99 %.2f, p99.9 %.2f, max %.2f; generator lag behind slot ms: p99 %.2f, max %.2f",
                    latency.median(), latency.percentile(99), latency.percentile(99.9), latency.max(), lag.percentile(99), lag.max());
            byThread.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(8)
                    .forEach(e -> say("RESULT   serve threads %-16s %.1f%% of one core", e.getKey(), 100 * e.getValue() / wall));
            say("RESULT generator CPU %.1f%% of one core; load average %s before, %s after", 100 * selfCpu / wall, loadBefore,
                    Machine.loadAverage());
        }
        serve.get("/metrics").body().lines()
                .filter(l -> l.startsWith("logship_ingest_requests_total") || l.startsWith("logship_delivery") && l.contains("bench-0000"))
                .limit(30).forEach(l -> say("metrics: %s", l));
    }

    /** serve's CPU (ms) by thread name, digits dropped so a pool's threads add up (/proc/PID/task/TID/stat). */
    private static java.util.Map<String, Double> threadCpu(long pid) {
        java.util.Map<String, Double> out = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0, Double::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended between listing and reading
                }
            }
        } catch (java.io.IOException e) {
            // no /proc: no split by thread
        }
        return out;
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[ingest] " + format + "%n", args);
        System.out.flush();
    }
}
