package dev.logship.bench;

import dev.logship.testkit.ServeLaunch;
import dev.logship.testkit.ServeProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code logship serve} as the benchmarks run it (the test kit's {@link ServeProcess}): a JVM of
 * its own with the bench's flags, so its memory and CPU are its own, following a bare repository
 * on disk, polling rarely (pushes arrive as signed webhooks), its output in one log file.
 */
final class BenchServe {
    static final String SECRET = "bench-webhook-secret";

    private BenchServe() {}

    static ServeProcess start(Path bare, URI ecs, Path dataDir, Path log, int maxParallel) {
        return start(bare, ecs, dataDir, log, maxParallel, Jvm.CURRENT);
    }

    /**
     * In a JVM of the given build and flags (a time scale for pacing goes in its flags as
     * -Dlogship.ecs.timeScale), with more serve options (e.g. "--clock-scale", "60"). Returns at
     * once: the caller times {@link ServeProcess#awaitReady}.
     */
    static ServeProcess start(Path bare, URI ecs, Path dataDir, Path log, int maxParallel, Jvm jvm, String... extra) {
        List<String> java = new ArrayList<>(jvm.command(dev.logship.cli.Main.class));
        String classpath = System.getProperty("bench.serve.classpath"); // e.g. a build of another branch
        if (classpath != null) {
            java.set(java.indexOf("-cp") + 1, classpath);
        }
        return ServeLaunch.of(bare.toString(), ecs, dataDir).java(java).log(log)
                .env(jvm.environment()).env(Map.of("LOGSHIP_WEBHOOK_SECRET", SECRET))
                .options("--poll-interval", "60s", "--resync-interval", "5m", "--max-parallel", String.valueOf(maxParallel))
                .options(extra).startNoWait();
    }
}
