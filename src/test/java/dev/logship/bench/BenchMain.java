package dev.logship.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the benchmark scenarios against local-ecs over HTTP and prints one table.
 * Not a test: run it with {@code mvn -B -Pbench verify} (see BENCHMARKS.md).
 *
 * <pre>
 * Options: --size full|tiny   --only 1b,2,3,5   --time-scale N   --repeats N   --clusters N (scenarios 3, 4)   --out FILE
 *          --accounts N --account-clusters M --accounts-time-scale T (scenario 7)
 *          --memory-clusters 1000,10000 (scenario 8)
 *          -Dbench.rolloutClusters=1000 (scenario 9)
 *          --baseline-classes DIR (an older build's target/classes, run side by side in scenarios 3 and 7)
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {}

    /** An older build to run side by side (null: none). */
    static Jvm baseline;

    public static void main(String[] args) throws Exception {
        Quiet.logs();
        BenchConfig config = parse(args);
        Path out = option(args, "--out") == null ? null : Path.of(option(args, "--out"));
        if (option(args, "--memory-clusters") != null) {
            System.setProperty("bench.memoryClusters", option(args, "--memory-clusters"));
        }
        baseline = option(args, "--baseline-classes") == null ? null : Jvm.baseline(option(args, "--baseline-classes"));
        String report = run(config);
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report);
        }
        System.exit(0); // SDK and server threads must not keep the JVM alive
    }

    static String run(BenchConfig config) throws Exception {
        Path work = Files.createTempDirectory("logship-bench");
        String machineBefore = Machine.describe();
        Instant start = Instant.now();
        List<Row> rows = new ArrayList<>();
        try {
            if (config.runs("1")) {
                rows.addAll(step("1", () -> PushToApplied.run(config, work)));
            }
            if (config.runs("1") || config.runs("1b")) {
                rows.addAll(step("1b", () -> PacedPushes.run(config, work)));
            }
            if (!config.only().isEmpty() && config.runs("1c")) { // only when asked: it runs 20 pushes at ECS's real rates (about a minute)
                rows.addAll(step("1c", () -> CleanUpBurst.run(config, work)));
            }
            if (config.runs("2")) {
                rows.addAll(step("2", () -> NoOpResync.run(config, work)));
            }
            if (config.runs("3") || config.runs("4")) {
                rows.addAll(step("3+4", () -> ScaleApply.run(config, work)));
            }
            if (config.runs("5")) {
                rows.addAll(step("5", () -> GitAtSize.run(config, work)));
            }
            if (config.runs("6")) {
                rows.addAll(step("6", () -> Footprint.run(config, work)));
            }
            if (config.runs("8")) {
                rows.addAll(step("8", () -> ServeMemory.run(config, work, baseline)));
            }
            if (config.runs("9")) {
                rows.addAll(step("9", () -> RolloutAtScale.run(config, work)));
            }
            if (config.runs("7")) {
                rows.addAll(step("7", () -> ManyAccounts.run(config, work, baseline)));
            }
        } finally {
            deleteTree(work);
        }
        long seconds = java.time.Duration.between(start, Instant.now()).toSeconds();
        return "logship benchmarks (" + config.name() + " size, time scale " + Format.number(config.timeScale())
                + ", repeats " + config.repeats() + ", " + seconds + " s)\n"
                + "machine: " + machineBefore + "; load average at the end " + Machine.loadAverage() + "\n\n"
                + Format.table(rows);
    }

    interface Scenario {
        List<Row> run() throws Exception;
    }

    private static List<Row> step(String name, Scenario scenario) throws Exception {
        long t = System.nanoTime();
        System.err.println("[bench] scenario " + name + " ...");
        List<Row> rows = scenario.run();
        System.err.printf("[bench] scenario %s done in %.1f s%n", name, (System.nanoTime() - t) / 1e9);
        return rows;
    }

    static BenchConfig parse(String[] args) {
        String size = option(args, "--size");
        BenchConfig config = "tiny".equals(size) ? BenchConfig.tiny() : BenchConfig.full();
        if (size != null && !size.equals("tiny") && !size.equals("full")) {
            throw new IllegalArgumentException("--size must be full or tiny, got " + size);
        }
        String only = option(args, "--only");
        if (only != null) {
            Set<String> chosen = new HashSet<>(Arrays.asList(only.split(",")));
            config = config.only(chosen);
        }
        if (option(args, "--time-scale") != null) {
            config = config.withTimeScale(Double.parseDouble(option(args, "--time-scale")));
        }
        if (option(args, "--clusters") != null) {
            config = config.withScaleClusters(Integer.parseInt(option(args, "--clusters")));
        }
        if (option(args, "--accounts") != null || option(args, "--account-clusters") != null
                || option(args, "--accounts-time-scale") != null) {
            config = config.withAccounts(
                    option(args, "--accounts") == null ? config.accounts() : Integer.parseInt(option(args, "--accounts")),
                    option(args, "--account-clusters") == null ? config.accountClusters() : Integer.parseInt(option(args, "--account-clusters")),
                    option(args, "--accounts-time-scale") == null ? config.accountsTimeScale()
                            : Double.parseDouble(option(args, "--accounts-time-scale")));
        }
        if (option(args, "--repeats") != null) {
            config = config.withRepeats(Integer.parseInt(option(args, "--repeats")));
        }
        return config;
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
