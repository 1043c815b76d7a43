package dev.logship.fluentbit;

import dev.logship.model.ContainerSpec;
import dev.logship.model.MountPoint;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.model.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a rendered forwarder container the way ECS would on one node, without Docker: in new
 * mount, network and UTS namespaces ({@code unshare -m -n -u}), a chroot whose bind mounts are
 * the task definition's host volumes at its container paths (the test's directories standing
 * in for the node's), the image's entrypoint {@code /fluent-bit/bin/fluent-bit} with the
 * container's command unchanged (or the command alone when it names its program, as on the images
 * without an entrypoint, whose /bin/sh and curl the chroot takes from this machine), and its environment plus resolved secrets as the process
 * environment (never on a command line). {@link NodeServices} runs in the same network
 * namespace. Kill and restart the forwarder with {@link #kill9()} and {@link #restart()}.
 */
final class NodeNamespace implements AutoCloseable {
    static final String ENTRYPOINT = "/fluent-bit/bin/fluent-bit";
    final Path dir;
    final Path services;
    final Path log;
    private final Process process;

    private NodeNamespace(Path dir, Process process) {
        this.dir = dir;
        this.services = dir.resolve("services");
        this.log = dir.resolve("fluent-bit.log");
        this.process = process;
    }

    /**
     * @param nodePaths the node's host paths the task definition names, mapped to test directories
     * @param secrets   the secret store ECS would read ({@code valueFrom} to value)
     * @param etc       files for the chroot's /etc (hosts, ssl/certs/ca-certificates.crt, ...)
     */
    static NodeNamespace start(TaskDefinitionSpec taskDefinition, Map<String, Path> nodePaths, Map<String, String> secrets,
                               Map<String, Path> etc, Path dir, String hostname) throws Exception {
        ContainerSpec container = taskDefinition.containers().get(0);
        Path root = Files.createDirectories(dir.resolve("root"));
        Path services = Files.createDirectories(dir.resolve("services"));
        List<String> mounts = new ArrayList<>();
        bind(mounts, root, FluentBitBinary.require(), ENTRYPOINT, true);
        for (String system : List.of("/lib", "/lib64", "/usr", "/etc/ld.so.cache", "/etc/nsswitch.conf")) {
            if (Files.exists(Path.of(system))) {
                bind(mounts, root, Path.of(system), system, true);
            }
        }
        if (Files.isSymbolicLink(Path.of("/bin")) && !Files.exists(root.resolve("bin"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(root.resolve("bin"), Files.readSymbolicLink(Path.of("/bin")));
        } else if (!Files.isSymbolicLink(Path.of("/bin"))) {
            bind(mounts, root, Path.of("/bin"), "/bin", true);
        }
        bind(mounts, root, Path.of("/dev"), "/dev", false);
        bind(mounts, root, Path.of("/proc"), "/proc", false);
        for (var file : etc.entrySet()) {
            bind(mounts, root, file.getValue(), file.getKey(), true);
        }
        for (MountPoint mount : container.mountPoints()) {
            Volume volume = taskDefinition.volumes().stream().filter(v -> v.name().equals(mount.sourceVolume()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no volume " + mount.sourceVolume()));
            Path onNode = Optional.ofNullable(nodePaths.get(volume.hostSourcePath())).orElseThrow(() ->
                    new IllegalStateException("the test gives no directory for host path " + volume.hostSourcePath()));
            bind(mounts, root, onNode, mount.containerPath(), mount.readOnly());
        }
        String script = String.join("\n",
                "set -e",
                "ip link set lo up",
                "hostname " + hostname,
                String.join("\n", mounts),
                "mkdir -p " + root + "/tmp && mount -t tmpfs tmpfs " + root + "/tmp",
                "set +e",
                "\"$LOGSHIP_TEST_JAVA\" -cp \"$LOGSHIP_TEST_CP\" " + NodeServices.class.getName() + " " + services
                        + " > " + dir.resolve("services.log") + " 2>&1 &",
                "SERVICES=$!",
                "while [ ! -e " + services.resolve("ready") + " ]; do sleep 0.05; done",
                "while :; do",
                "  chroot " + root + " " + (container.command().get(0).startsWith("/") ? "" : ENTRYPOINT + " ")
                        + "\"$@\" >> " + dir.resolve("fluent-bit.log") + " 2>&1",
                "  echo \"exit $?\" >> " + dir.resolve("exits"),
                "  while [ ! -e " + dir.resolve("restart") + " ]; do",
                "    if [ -e " + dir.resolve("stop") + " ]; then kill $SERVICES; exit 0; fi; sleep 0.05",
                "  done",
                "  rm -f " + dir.resolve("restart"),
                "done");
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "-n", "-u", "--fork", "sh", "-c", script, "node"));
        command.addAll(container.command());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("namespace.log").toFile());
        Map<String, String> env = pb.environment();
        String cp = System.getProperty("java.class.path");
        env.clear();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("LOGSHIP_TEST_JAVA", ProcessHandle.current().info().command().orElse("java"));
        env.put("LOGSHIP_TEST_CP", cp);
        env.putAll(container.environment());
        for (var secret : container.secrets().entrySet()) {
            env.put(secret.getKey(), EcsSecrets.resolve(secret.getValue(), secrets));
        }
        return new NodeNamespace(dir, pb.start());
    }

    private static void bind(List<String> mounts, Path root, Path source, String target, boolean readOnly) throws IOException {
        Path at = root.resolve(target.substring(1));
        if (Files.isDirectory(source)) {
            Files.createDirectories(at);
        } else {
            Files.createDirectories(at.getParent());
            if (!Files.exists(at)) {
                Files.createFile(at);
            }
        }
        String flags = source.toString().equals("/dev") ? "--rbind" : "--bind";
        mounts.add("mount " + flags + " " + source + " " + at + (readOnly ? " && mount -o remount,ro,bind " + at : ""));
    }

    /** The running Fluent Bit (the chroot's child of the namespace's shell), if any. */
    Optional<ProcessHandle> fluentBit() {
        return process.descendants().filter(p -> {
            try {
                return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "comm")).trim().equals("fluent-bit");
            } catch (IOException e) {
                return false; // already gone
            }
        }).findFirst();
    }

    /**
     * Runs a container health command ({@code CMD-SHELL text}) as ECS would: inside the running
     * forwarder's network, mounts and root; returns its exit status and output.
     */
    Map.Entry<Integer, String> exec(String shellCommand) throws Exception {
        ProcessHandle fb = Waits.until("Fluent Bit runs", Duration.ofSeconds(20), this::fluentBit);
        Process p = new ProcessBuilder("nsenter", "-t", String.valueOf(fb.pid()), "-n", "-m", "-r", "-w", "--",
                "/bin/sh", "-c", shellCommand).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return Map.entry(p.waitFor(), out);
    }

    /** Every command line in the namespace, as {@code ps} shows them. */
    List<String> commandLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (ProcessHandle p : process.descendants().toList()) {
            Path cmdline = Path.of("/proc", String.valueOf(p.pid()), "cmdline");
            if (Files.exists(cmdline)) {
                lines.add(new String(Files.readAllBytes(cmdline)).replace('\0', ' '));
            }
        }
        return lines;
    }

    /** The ends of the namespace's, the services' and Fluent Bit's own output, for a failure message. */
    String diagnostics() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("namespace.log", "services.log", "fluent-bit.log", "exits")) {
            try {
                String text = Files.exists(dir.resolve(name)) ? Files.readString(dir.resolve(name)) : "(none)";
                out.append("\n--- ").append(name).append(" ---\n").append(text.substring(Math.max(0, text.length() - 3000)));
            } catch (IOException e) {
                out.append("\n--- ").append(name).append(": ").append(e);
            }
        }
        return out.toString();
    }

    long kill9() throws Exception {
        ProcessHandle fb = Waits.until("Fluent Bit runs", Duration.ofSeconds(20), this::fluentBit);
        new ProcessBuilder("kill", "-9", String.valueOf(fb.pid())).start().waitFor();
        Waits.until("Fluent Bit is gone", Duration.ofSeconds(20), () -> fb.isAlive() ? Optional.empty() : Optional.of(true));
        return fb.pid();
    }

    void restart() throws IOException {
        Files.writeString(dir.resolve("restart"), "");
    }

    /** Resident set size of the running Fluent Bit, in KiB. */
    long rssKib() throws Exception {
        ProcessHandle fb = Waits.until("Fluent Bit runs", Duration.ofSeconds(20), this::fluentBit);
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(fb.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Override
    public void close() throws Exception {
        Files.writeString(dir.resolve("stop"), "");
        fluentBit().ifPresent(ProcessHandle::destroy);
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
