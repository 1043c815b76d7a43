package dev.logship.bench;

import dev.logship.aws.RateLimits;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Fleet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Scenarios 3 and 4: a cold apply of a large fleet on an empty local-ecs with ECS's token
 * buckets on (scaled in time), by logship in a process of its own and by the naive script
 * on a fresh local-ecs with the same buckets; then both again on unchanged input.
 */
final class ScaleApply {
    static final String S3 = "3 cold apply";
    static final String S4 = "4 naive script";

    private ScaleApply() {}

    /** What local-ecs saw during one phase. */
    record Seen(Map<String, Long> calls, Map<String, Long> errors) {
        long total() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }

        long throttled() {
            return errors.entrySet().stream().filter(e -> e.getKey().endsWith("ThrottlingException")).mapToLong(Map.Entry::getValue).sum();
        }

        long ok(String action) {
            long failed = errors.entrySet().stream().filter(e -> e.getKey().startsWith(action + ":")).mapToLong(Map.Entry::getValue).sum();
            return calls.getOrDefault(action, 0L) - failed;
        }

        long mutatingOk() {
            return LocalEcsServer.MUTATING_ACTIONS.stream().mapToLong(this::ok).sum();
        }

        static Seen of(LocalEcsServer ecs) {
            Seen seen = new Seen(new TreeMap<>(ecs.callCounts()), new TreeMap<>(ecs.errorCounts()));
            ecs.resetCallCounts();
            return seen;
        }
    }

    record WorkerResult(long wallMs, int steps, int failures, double cpuMs, double hwmMiB, double rssMiB, String failureKinds) {
        static WorkerResult parse(String line) {
            String[] f = line.split(" ");
            return new WorkerResult(Long.parseLong(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]), Double.parseDouble(f[7]), f[8]);
        }
    }

    static List<Row> run(BenchConfig config, Path work) throws Exception {
        Fleet fleet = FleetShapes.mostlyOne(config.scaleClusters());
        Path manifests = work.resolve("scale");
        fleet.writeTo(manifests);
        double t = config.timeScale();
        int services = fleet.services();
        double boundMs = boundMillis(fleet, t);
        String scope = fleet.clusters().size() + " clusters, " + services + " services";
        List<Row> rows = new ArrayList<>();

        WorkerRun shipped = runWorker(fleet, manifests, t, config.threads(), RateLimits.ecsDefaults().share());
        WorkerResult cold = shipped.cold();
        WorkerResult second = shipped.second();
        Seen logshipCold = shipped.seenCold();
        Seen logshipSecond = shipped.seenSecond();
        double idleRss = shipped.idleRss();
        rows.add(Row.single(S3, "logship wall (" + scope + ", time scale " + Format.number(t) + ")", seconds(cold.wallMs()),
                String.format(Locale.ROOT, "%s (%s)", seconds(boundMs), boundText(fleet, t)), boundMs > 0 ? cold.wallMs() / boundMs : Double.NaN));
        rows.add(Row.single(S3, "throttling errors reaching logship's status", String.valueOf(countThrottling(cold.failureKinds())),
                "0", Double.NaN));
        rows.add(Row.info(S3, "failures in status (all kinds)", cold.failures() + " " + cold.failureKinds()));
        rows.add(Row.info(S3, "ThrottlingException answers from local-ecs (retried by the SDK)", String.valueOf(logshipCold.throttled())));
        rows.add(Row.info(S3, "peak RSS of the logship process (VmHWM)", Format.number(cold.hwmMiB()) + " MiB"));
        rows.add(Row.info(S3, "CPU time of the logship process during the apply", seconds(cold.cpuMs())
                + String.format(Locale.ROOT, " (%.0f%% of one core)", 100 * cold.cpuMs() / cold.wallMs())));
        rows.add(Row.info(S3, "ECS calls, cold apply", logshipCold.total() + " " + logshipCold.calls()));
        rows.add(Row.info(S3, "second run: wall / mutating calls / revisions",
                seconds(second.wallMs()) + " / " + logshipSecond.mutatingOk() + " / " + logshipSecond.ok("RegisterTaskDefinition")));

        WorkerRun flagged = runWorker(fleet.nodes(), manifests, t, config.threads(), RateLimits.ecsDefaults().share(),
                Jvm.CURRENT.withFlags("this build, serve flags", Jvm.SERVE_FLAGS), false);
        rows.add(Row.info(S3, "with serve's JVM flags (" + String.join(" ", Jvm.SERVE_FLAGS) + "): peak RSS / wall / CPU",
                Format.number(flagged.cold().hwmMiB()) + " MiB / " + seconds(flagged.cold().wallMs()) + " / " + seconds(flagged.cold().cpuMs())));
        if (BenchMain.baseline != null) {
            WorkerRun before = runWorker(fleet.nodes(), manifests, t, config.threads(), RateLimits.ecsDefaults().share(),
                    BenchMain.baseline, false);
            rows.add(Row.info(S3, "before (baseline build " + BenchMain.baseline.classesDir() + "): ECS calls, cold apply",
                    before.seenCold().total() + " " + before.seenCold().calls()));
            rows.add(Row.info(S3, "before: wall / peak RSS / CPU, JVM defaults", seconds(before.cold().wallMs()) + " / "
                    + Format.number(before.cold().hwmMiB()) + " MiB / " + seconds(before.cold().cpuMs())));
            rows.add(Row.info(S3, "before: second run calls / wall", before.seenSecond().total() + " / " + seconds(before.second().wallMs())));
        }

        WorkerRun full = runWorker(fleet, manifests, t, config.threads(), 1.0);
        rows.add(Row.single(S3, "logship wall with pacing at 100% of ECS's rates (shipped: 90%)", seconds(full.cold().wallMs()),
                seconds(boundMs), boundMs > 0 ? full.cold().wallMs() / boundMs : Double.NaN));
        rows.add(Row.info(S3, "   at 100%: ThrottlingException answers / throttling errors in status",
                full.seenCold().throttled() + " / " + countThrottling(full.cold().failureKinds())));

        if (config.runs("4")) {
            rows.addAll(ScriptSideBySide.run(fleet, t, cold, logshipCold, second, logshipSecond));
        }
        rows.add(Row.info(S3, "RSS of the idle logship process after the runs (VmRSS)", Format.number(idleRss) + " MiB"));
        return rows;
    }

    /** @param ecsCpuColdMs CPU time of this bench process (local-ecs, serving the worker) during the cold apply */
    record WorkerRun(WorkerResult cold, WorkerResult second, Seen seenCold, Seen seenSecond, double idleRss, double ecsCpuColdMs) {}

    /** logship in a process of its own against a fresh throttling local-ecs: cold apply, then the same again. */
    static WorkerRun runWorker(Fleet fleet, Path manifests, double t, int threads, double share) throws Exception {
        return runWorker(fleet.nodes(), manifests, t, threads, share, Jvm.CURRENT, false);
    }

    /** As above for any set of clusters, in a JVM of the given build and flags, optionally assuming each Cluster's role. */
    static WorkerRun runWorker(Map<String, Integer> nodes, Path manifests, double t, int threads, double share, Jvm jvm,
            boolean assumeRoles) throws Exception {
        try (LocalEcsServer ecs = Ecs.start(nodes, t)) {
            List<String> cmd = jvm.command(ApplyWorker.class, ecs.endpoint().toString(), manifests.toString(),
                    String.valueOf(t), String.valueOf(threads), String.valueOf(share), assumeRoles ? "assume-roles" : "base-credentials");
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(jvm.environment());
            Process worker = builder.start();
            double ecsCpu0 = Proc.selfCpuMillis(); // the bench process is otherwise idle: this is local-ecs's CPU
            try (BufferedReader out = new BufferedReader(new InputStreamReader(worker.getInputStream()));
                    PrintWriter in = new PrintWriter(worker.getOutputStream(), true)) {
                WorkerResult cold = WorkerResult.parse(expect(out, "RESULT"));
                double ecsCpuCold = Proc.selfCpuMillis() - ecsCpu0;
                Seen seenCold = Seen.of(ecs);
                diagnose(worker.pid(), jvm.label());
                in.println("go");
                WorkerResult second = WorkerResult.parse(expect(out, "RESULT"));
                Seen seenSecond = Seen.of(ecs);
                in.println("go");
                double idleRss = Double.parseDouble(expect(out, "IDLE").split(" ")[1]);
                return new WorkerRun(cold, second, seenCold, seenSecond, idleRss, ecsCpuCold);
            } finally {
                if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            }
        }
    }

    /**
     * With {@code -Dbench.diagnose=DIR}: where the worker's memory goes right after the cold
     * apply (jcmd heap info, class histogram, native memory summary when tracking is on).
     */
    static void diagnose(long pid, String label) {
        String dir = System.getProperty("bench.diagnose");
        if (dir == null) {
            return;
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String tag = label.replaceAll("[^A-Za-z0-9]+", "-");
        for (String command : List.of("GC.heap_info", "GC.class_histogram", "VM.native_memory")) {
            try {
                List<String> cmd = new ArrayList<>(List.of(jcmd, String.valueOf(pid), command));
                if (command.equals("VM.native_memory")) {
                    cmd.add("summary");
                }
                new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(Path.of(dir, tag + "-" + command + ".txt").toFile()).start().waitFor();
            } catch (IOException | InterruptedException e) {
                System.err.println("[bench] jcmd " + command + " failed: " + e);
            }
        }
    }

    /**
     * The fastest any client could go under ECS's buckets (which start full): per bucket, the
     * calls a cold apply cannot avoid beyond the burst, at the sustained rate; the slowest
     * bucket wins. CreateService per service (service modify 50/5), RegisterTaskDefinition per
     * distinct content (20/1), ListServices per cluster (service read 100/20).
     */
    static double boundMillis(Fleet fleet, double timeScale) {
        double create = Math.max(0, fleet.services() - 50) / 5.0;
        double register = Math.max(0, fleet.distinctContents() - 20) / 1.0;
        double list = Math.max(0, fleet.clusters().size() - 100) / 20.0;
        return Math.max(create, Math.max(register, list)) * 1000 / timeScale;
    }

    private static String boundText(Fleet fleet, double t) {
        return String.format(Locale.ROOT, "%d CreateService at 5/s after a burst of 50, / time scale %s", fleet.services(), Format.number(t));
    }

    private static long countThrottling(String kinds) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Throttling=(\\d+)").matcher(kinds);
        long n = 0;
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }

    static String seconds(double ms) {
        return Format.number(ms / 1000) + " s";
    }

    static List<String> javaCommand(Class<?> main, String... args) {
        return Jvm.CURRENT.command(main, args);
    }

    private static String expect(BufferedReader out, String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            System.err.println("[worker] " + line);
        }
        throw new IOException("worker ended before printing " + prefix);
    }
}
