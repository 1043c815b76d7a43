package dev.logship.reliability;

import dev.logship.testkit.EcsClients;
import dev.logship.testkit.Fleet;
import dev.logship.testkit.JavaProcess;
import dev.logship.testkit.Waits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@code logship local-ecs} as its own process on a fixed port, keeping its state in a file, so
 * it can be killed and restarted on the same endpoint with everything it held.
 */
final class LocalEcsProcess implements AutoCloseable {
    final int port = JavaProcess.freePort();
    final Path stateFile;
    private final Path logDir;
    private final List<String> args;
    private JavaProcess process;
    private int starts;

    private LocalEcsProcess(Path dir, List<String> args) {
        this.stateFile = dir.resolve("local-ecs-state.json");
        this.logDir = dir.resolve("logs");
        this.args = args;
    }

    /** Clusters {@code name-ecs} with {@code nodes} nodes each; {@code extra} options as on the command line. */
    static LocalEcsProcess start(Path dir, List<String> clusters, int nodes, String... extra) {
        List<String> args = new ArrayList<>(List.of("local-ecs", "--task-start-delay", "20"));
        args.add("--cluster");
        args.add(String.join(",", clusters.stream().map(c -> c + "-ecs:" + nodes).toList()));
        args.addAll(List.of(extra));
        LocalEcsProcess ecs = new LocalEcsProcess(dir, args);
        ecs.startProcess();
        return ecs;
    }

    private void startProcess() {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--port", String.valueOf(port), "--state", stateFile.toString()));
        process = JavaProcess.start(logDir, "local-ecs-" + (starts++), Map.of(), all);
        Waits.until("local-ecs listens on " + port, Duration.ofSeconds(30), this::listening);
    }

    boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    void kill() {
        process.kill();
    }

    void restart() {
        startProcess();
    }

    EcsClient sdk() {
        return EcsClients.of(endpoint(), Fleet.REGION);
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
