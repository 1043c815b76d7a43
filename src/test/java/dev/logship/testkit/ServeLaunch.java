package dev.logship.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link ServeProcess} is started: serve following {@code repo}'s main branch against an
 * ECS endpoint, bound to loopback on a free port, plus whatever options, environment (secrets
 * come from there, as operators give them), JVM and log files the test needs. The reliability
 * tests and the benchmarks differ only in these choices, so they share the process helper.
 */
public final class ServeLaunch {
    final List<String> options;
    final Map<String, String> env = new HashMap<>();
    List<String> java = JavaProcess.mainCommand("256m");
    Path logDir;
    Path log;

    private ServeLaunch(String repo, URI ecs, Path dataDir) {
        options = new ArrayList<>(List.of("serve", "--repo", repo, "--ref", "main", "--ecs-endpoint", ecs.toString(),
                "--bind", "127.0.0.1", "--data-dir", dataDir.toString()));
        logDir = dataDir.resolveSibling("logs");
    }

    /** serve --repo {@code repo} --ref main --ecs-endpoint {@code ecs} --data-dir {@code dataDir}; logs beside the data dir. */
    public static ServeLaunch of(String repo, URI ecs, Path dataDir) {
        return new ServeLaunch(repo, ecs, dataDir);
    }

    /** More options, as on the command line (e.g. "--poll-interval", "1h"). */
    public ServeLaunch options(String... more) {
        options.addAll(List.of(more));
        return this;
    }

    /** Environment for the process: LOGSHIP_WEBHOOK_SECRET and LOGSHIP_API_TOKEN here also sign the helper's calls. */
    public ServeLaunch env(Map<String, String> more) {
        env.putAll(more);
        return this;
    }

    /** The test classpath's JVM with this -Xmx (e.g. "64m" for behaviour under a small heap); 256m unless said. */
    public ServeLaunch heap(String heap) {
        java = JavaProcess.mainCommand(heap);
        return this;
    }

    /** Another java command line up to and including the main class (a benchmark's JVM flags or another build). */
    public ServeLaunch java(List<String> commandUpToMainClass) {
        java = List.copyOf(commandUpToMainClass);
        return this;
    }

    /** stdout and stderr of every start appended to one file (default: serve-N.out.log and .err.log in the log dir). */
    public ServeLaunch log(Path file) {
        log = file;
        return this;
    }

    /** Starts serve and waits until /healthz answers (a minute at most). */
    public ServeProcess start() {
        ServeProcess serve = new ServeProcess(this);
        try {
            serve.restart();
        } catch (RuntimeException | Error e) {
            serve.close(); // no caller holds it yet: a serve that never answered must not outlive the test
            throw e;
        }
        return serve;
    }

    /** Starts serve and returns at once (for a caller that times the start itself, {@link ServeProcess#awaitReady}). */
    public ServeProcess startNoWait() {
        ServeProcess serve = new ServeProcess(this);
        serve.launch();
        return serve;
    }

    JavaProcess launch(int port, int start) {
        List<String> command = new ArrayList<>(java);
        command.addAll(options);
        command.addAll(List.of("--port", String.valueOf(port)));
        Path out = log != null ? log : logDir.resolve("serve-" + start + ".out.log");
        Path err = log != null ? log : logDir.resolve("serve-" + start + ".err.log");
        return JavaProcess.start(command, env, out, err);
    }

    String repo() {
        return options.get(options.indexOf("--repo") + 1);
    }
}
