package dev.logship.fluentbit;

import dev.logship.fluentbit.receivers.ArrivalLog;
import dev.logship.fluentbit.receivers.Destination;
import dev.logship.fluentbit.receivers.DestinationServices;
import dev.logship.model.ContainerSpec;
import dev.logship.model.TaskDefinitionSpec;
import dev.logship.model.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A node whose forwarder ships to the destinations of {@link Destination}: the forwarder runs in
 * its {@link NodeNamespace} with the rendered command and environment unchanged, plus what the ECS
 * agent adds for a task with a task role ({@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}); the
 * receivers ({@link DestinationServices}) run in the same network namespace, entered with
 * {@code nsenter}, each on its own loopback address that the node's /etc/hosts gives the real
 * service names (AWS regional endpoints, Datadog's intake) and the test's own names; the node
 * trusts their certificate. Linux and root only, like {@link FluentBitEndToEndTest}.
 */
final class DestinationNode implements AutoCloseable {
    final Path containers;
    final NodeNamespace namespace;
    final Path services;
    private final Process receivers;

    private DestinationNode(Path containers, NodeNamespace namespace, Process receivers) {
        this.containers = containers;
        this.namespace = namespace;
        this.services = namespace.services;
        this.receivers = receivers;
    }

    /**
     * @param secrets the node's secret store (SSM name or Secrets Manager ARN to value) for the task's {@code secrets}
     * @param buckets the S3 buckets that exist
     */
    static DestinationNode start(Path tmp, TaskDefinitionSpec taskDefinition, Map<String, String> secrets, Set<String> buckets)
            throws Exception {
        Path containers = Files.createDirectories(tmp.resolve("node/var/lib/docker/containers"));
        Path hostname = Files.writeString(tmp.resolve("node/etc-hostname"), "node-7\n");
        Path dir = Files.createDirectories(tmp.resolve("ns"));
        Path services = Files.createDirectories(dir.resolve("services"));
        String syslogPem = TestCertificate.create(services.resolve("receiver.p12"), FluentBitEndToEndTest.RECEIVER_HOST);
        String pem = DestinationCertificate.create(services.resolve("destinations.p12"), Destination.allHostNames());
        Files.write(services.resolve("s3-buckets"), buckets);
        Files.writeString(services.resolve("agent.properties"), "");
        Path certs = Files.createDirectories(tmp.resolve("node/etc-ssl-certs"));
        Files.writeString(certs.resolve("ca-certificates.crt"), syslogPem + pem);
        // OpenSSL looks certificates up in /etc/ssl/certs by subject hash (what update-ca-certificates links).
        for (var cert : Map.of("syslog.pem", syslogPem, "destinations.pem", pem).entrySet()) {
            Path file = Files.writeString(certs.resolve(cert.getKey()), cert.getValue());
            Files.writeString(certs.resolve(TestCertificate.subjectHash(file) + ".0"), cert.getValue());
        }
        Map<String, Path> etc = new LinkedHashMap<>();
        etc.put("/etc/ssl/certs", certs);
        etc.put("/etc/hosts", Files.writeString(tmp.resolve("node/etc-hosts"),
                "127.0.0.1 localhost " + FluentBitEndToEndTest.RECEIVER_HOST + "\n" + Destination.hostsLines()));
        etc.put("/etc/resolv.conf", Files.writeString(tmp.resolve("node/etc-resolv.conf"), "nameserver 127.0.0.1\n"));
        Map<String, Path> nodePaths = new TreeMap<>(Map.of("/var/lib/docker/containers", containers, "/etc/hostname", hostname));
        for (Volume volume : taskDefinition.volumes()) {
            if (volume.hostSourcePath().startsWith("/var/lib/logship/")) {
                nodePaths.put(volume.hostSourcePath(), Files.createDirectories(tmp.resolve("node" + volume.hostSourcePath())));
            }
        }
        NodeNamespace ns = NodeNamespace.start(withTaskRole(taskDefinition), nodePaths, secrets, etc, dir, "node-7");
        try {
            return new DestinationNode(containers, ns, startReceivers(dir, services));
        } catch (Exception | AssertionError e) {
            ns.close();
            throw e;
        }
    }

    /** What the ECS agent adds to a container's environment when its task has a task role. */
    private static TaskDefinitionSpec withTaskRole(TaskDefinitionSpec td) {
        ContainerSpec c = td.containers().get(0);
        Map<String, String> environment = new TreeMap<>(c.environment());
        environment.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", DestinationServices.CREDENTIALS_RELATIVE_URI);
        ContainerSpec withRole = new ContainerSpec(c.name(), c.image(), c.cpu(), c.memory(), c.memoryReservation(),
                c.essential(), c.command(), environment, c.secrets(), c.portMappings(), c.mountPoints(), c.healthCheck());
        return new TaskDefinitionSpec(td.family(), td.networkMode(), td.requiresCompatibilities(), List.of(withRole),
                td.volumes(), td.placementConstraints(), td.tags(), td.executionRoleArn());
    }

    /** Starts the receivers inside the namespace once its loopback is up (the node's own services answer). */
    private static Process startReceivers(Path dir, Path services) throws Exception {
        Waits.until("the node's services are up", Duration.ofSeconds(90),
                () -> Optional.of(true).filter(x -> Files.exists(services.resolve("ready"))));
        ProcessHandle unshare = ProcessHandle.current().children().filter(p -> commandLine(p).contains(dir + "/services"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no unshare process for " + dir));
        String java = ProcessHandle.current().info().command().orElse("java");
        // C1 and the serial GC: the receivers start in a second JVM on a busy machine, and need no peak performance.
        String script = "ip addr add " + Destination.ECS_CREDENTIALS_ADDRESS + "/32 dev lo && exec \"$0\" "
                + "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -cp \"$1\" "
                + DestinationServices.class.getName() + " " + services;
        Process process = new ProcessBuilder("nsenter", "--net=/proc/" + unshare.pid() + "/ns/net", "--", "sh", "-c", script,
                java, System.getProperty("java.class.path")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("destinations.log").toFile()).start();
        Waits.until("the receivers listen", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the receivers exited: " + Files.readString(dir.resolve("destinations.log")));
            }
            return Optional.of(true).filter(x -> Files.exists(services.resolve("destinations-ready")));
        });
        return process;
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")));
        } catch (java.io.IOException e) {
            return ""; // gone
        }
    }

    /** Registers a container with the fake ECS agent and returns its json-file log. */
    DockerLogs container(String id, String family, String name) throws Exception {
        Files.writeString(services.resolve("agent.properties"), id + "=" + family + "/" + name + "\n", StandardOpenOption.APPEND);
        return new DockerLogs(containers, id);
    }

    List<Arrival> arrivals(Destination destination) throws Exception {
        return Arrival.read(ArrivalLog.arrivals(services, destination));
    }

    /** Requests a receiver refused for breaking its protocol (JSON lines); a test expects none. */
    List<String> rejections() throws Exception {
        Path file = ArrivalLog.rejections(services);
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    List<String> calls() throws Exception {
        Path file = ArrivalLog.calls(services);
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** Takes a destination down (connections refused) and returns once it is. */
    void down(Destination destination) throws Exception {
        Files.writeString(services.resolve("down-" + destination.kind), "");
        Waits.until(destination.kind + " is down", Duration.ofSeconds(10),
                () -> Optional.of(true).filter(x -> Files.exists(services.resolve("closed-" + destination.kind))));
    }

    void up(Destination destination) throws Exception {
        Files.delete(services.resolve("down-" + destination.kind));
        Waits.until(destination.kind + " is up", Duration.ofSeconds(10),
                () -> Optional.of(true).filter(x -> !Files.exists(services.resolve("closed-" + destination.kind))));
    }

    /** The namespace's diagnostics plus the receivers' own output and refusals, for a failure message. */
    String diagnostics() throws Exception {
        Path log = namespace.dir.resolve("destinations.log");
        return namespace.diagnostics() + "\n--- destinations.log ---\n" + (Files.exists(log) ? Files.readString(log) : "(none)")
                + "\n--- rejected ---\n" + String.join("\n", rejections().subList(0, Math.min(20, rejections().size())));
    }

    @Override
    public void close() throws Exception {
        try {
            namespace.close();
        } finally {
            receivers.destroy();
            receivers.waitFor();
        }
    }
}
