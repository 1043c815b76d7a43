package dev.logship.fluentbit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.model.TaskDefinitionSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * One node of a cluster, run as ECS's agent would: whenever the task definition deployed to the
 * cluster changes (as serve observes it in local-ecs), the running Fluent Bit is stopped and the
 * new revision's container starts in a fresh {@link NodeNamespace}, with its own syslog receiver
 * on {@link NodeServices#SYSLOG_PORT} and its telemetry relayed to serve's ingest. The node's
 * Docker log directory, tail state and trust store outlive each incarnation, as on a real host.
 * {@code specOf} answers which rendered revision an ARN is (the test knows its commits). The node
 * may already run a revision when it starts (a fleet that ran the forwarder before this rollout):
 * ECS deploying that same revision then restarts nothing.
 */
final class EcsDrivenNode implements AutoCloseable {
    static final String CONTAINER_ID = "a1b2c3d4e5f6" + "0".repeat(52);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path tmp;
    private final String cluster;
    private final int servePort;
    private final Function<String, TaskDefinitionSpec> specOf;
    private final Map<String, String> secrets;
    private final Path containers;
    private final Path state;
    private final Path hostname;
    private final Map<String, Path> etc = new LinkedHashMap<>();
    private final Path receiverKeys;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Thread thread = new Thread(this::run, "ecs-driven-node");
    /** The task definition ARNs this node has run, in order (each start of a new revision). */
    final List<String> ran = new CopyOnWriteArrayList<>();
    private volatile boolean stop;
    private volatile Throwable failure;
    private NodeNamespace namespace;
    private TaskDefinitionSpec runningSpec;
    private UnixRelay relay;
    private int incarnation;

    EcsDrivenNode(Path tmp, String cluster, int servePort, Function<String, TaskDefinitionSpec> specOf, Map<String, String> secrets)
            throws Exception {
        this.tmp = tmp;
        this.cluster = cluster;
        this.servePort = servePort;
        this.specOf = specOf;
        this.secrets = secrets;
        containers = Files.createDirectories(tmp.resolve("node/var/lib/docker/containers"));
        state = Files.createDirectories(tmp.resolve("node/var/lib/logship/pt"));
        hostname = Files.writeString(tmp.resolve("node/etc-hostname"), "node-7\n");
        receiverKeys = tmp.resolve("node/receiver.p12");
        String pem = TestCertificate.create(receiverKeys, FluentBitEndToEndTest.RECEIVER_HOST);
        Path certs = Files.createDirectories(tmp.resolve("node/etc-ssl-certs"));
        Files.writeString(certs.resolve("ca-certificates.crt"), pem);
        Files.writeString(certs.resolve(TestCertificate.subjectHash(certs.resolve("ca-certificates.crt")) + ".0"), pem);
        etc.put("/etc/ssl/certs", certs);
        etc.put("/etc/hosts", Files.writeString(tmp.resolve("node/etc-hosts"), "127.0.0.1 localhost " + FluentBitEndToEndTest.RECEIVER_HOST + "\n"));
        etc.put("/etc/resolv.conf", Files.writeString(tmp.resolve("node/etc-resolv.conf"), "nameserver 127.0.0.1\n"));
    }

    /** Starts the node already running {@code spec} (before ECS deploys anything), then follows ECS. */
    EcsDrivenNode startRunning(TaskDefinitionSpec spec) throws Exception {
        launch(spec);
        return start();
    }

    EcsDrivenNode start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** The container whose json-file log the forwarder tails (registered with each incarnation's agent API). */
    DockerLogs app() throws Exception {
        return new DockerLogs(containers, CONTAINER_ID);
    }

    /** Throws what went wrong in the node's loop, if anything. */
    void check() {
        if (failure != null) {
            throw new AssertionError("the node failed: " + failure, failure);
        }
    }

    /** The first incarnation's Fluent Bit log from its start, and the current one's ends. */
    String diagnostics() {
        NodeNamespace ns = namespace;
        String first = "";
        try {
            Path log = tmp.resolve("ns-1/fluent-bit.log");
            String text = Files.exists(log) ? Files.readString(log) : "(none)";
            first = "\n--- first fluent-bit.log, from its start ---\n" + text.substring(0, Math.min(3000, text.length()));
        } catch (java.io.IOException e) {
            first = "\n--- first fluent-bit.log: " + e;
        }
        return first + (ns == null ? "\n(no forwarder running)" : ns.diagnostics());
    }

    private void run() {
        try {
            String running = null;
            while (!stop) {
                String deployed = deployed();
                if (deployed != null && !deployed.equals(running)) {
                    replace(deployed);
                    running = deployed;
                }
                Thread.sleep(100); // the agent's poll of its own state; not a test wait
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** The task definition the cluster's forwarder runs, as serve observed it in local-ecs (null before it runs). */
    private String deployed() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servePort
                + "/api/v1/clusters/" + cluster)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode f = JSON.readTree(r.body()).path("forwarders").path(0);
        return f.path("running").asInt() > 0 && f.hasNonNull("taskDefinition") ? f.path("taskDefinition").asText() : null;
    }

    private void replace(String arn) throws Exception {
        TaskDefinitionSpec spec = specOf.apply(arn);
        if (!spec.equals(runningSpec)) {
            stopCurrent();
            launch(spec);
        }
        ran.add(arn);
    }

    private void launch(TaskDefinitionSpec spec) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ns-" + (++incarnation)));
        Path services = Files.createDirectories(dir.resolve("services"));
        Files.copy(receiverKeys, services.resolve("receiver.p12"));
        Files.writeString(services.resolve("agent.properties"), CONTAINER_ID + "=web/app\n");
        relay = UnixRelay.unixToTcp(services.resolve("ingest.sock"), servePort);
        namespace = NodeNamespace.start(spec, Map.of("/var/lib/docker/containers", containers,
                "/var/lib/logship/pt", state, "/etc/hostname", hostname), secrets, etc, dir, "node-7");
        runningSpec = spec;
    }

    private void stopCurrent() throws Exception {
        if (namespace != null) {
            namespace.close();
            namespace = null;
            runningSpec = null;
        }
        if (relay != null) {
            relay.close();
            relay = null;
        }
    }

    @Override
    public void close() throws Exception {
        stop = true;
        thread.interrupt();
        thread.join(30_000);
        stopCurrent();
    }
}
