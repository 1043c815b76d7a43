package dev.logship.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.delivery.ScrapeTarget;
import dev.logship.delivery.ScrapeTargets;
import dev.logship.manifest.TestSnapshots;
import dev.logship.model.DesiredCluster;
import dev.logship.model.DesiredForwarder;
import dev.logship.model.DesiredState;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import dev.logship.sync.SyncResult;
import dev.logship.testkit.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/**
 * Prometheus service discovery's lister against local-ecs over the real SDK: a cluster with two EC2
 * nodes and a Managed Instances provider of two, one forwarder as a DAEMON service and one as a
 * managed daemon, both applied by logship; every node carries its scrape address. Each forwarder
 * is listed on exactly the nodes that run its task, named by EC2 instance id, at the port its own
 * task renders for Fluent Bit's HTTP server (here each its health check's: 2021 and 2022). Two more
 * forwarders run there whose tasks serve no metrics (logspout, and Fluent Bit without
 * {@code prometheusMetrics}): they are not listed, not even on the nodes whose attribute is
 * {@code host:port}, and their tasks are not read.
 */
class ScrapeTargetsAgainstLocalEcsTest {
    private static final String SCRAPED = "agent: fluentBit\nimage: fluent/fluent-bit:5.1.1-debug\n"
            + "routes: [\"syslog+tls://logs.example.com:6514\"]\nprometheusMetrics: true\n";
    private static final String SERVICE = SCRAPED + "healthCheck: {port: 2021}\n";
    private static final String DAEMON = SCRAPED + "healthCheck: {port: 2022}\n"
            + "scheduling: managedDaemon\nmanagedDaemon:\n  capacityProviders: [managed]\n";
    /** Forwarders whose rendered tasks serve no metrics: nothing listens for Prometheus on their nodes. */
    private static final String LOGSPOUT = "routes: [\"syslog+tls://logs.example.com:6514\"]\n";
    private static final String UNSCRAPED = "agent: fluentBit\nimage: fluent/fluent-bit:5.1.1-debug\n"
            + "routes: [\"syslog+tls://logs.example.com:6514\"]\n";

    @Test
    void listsTheNodesOfServicesAndOfManagedDaemonsAtEachForwardersRenderedPortAndNoForwarderWithoutMetrics() {
        try (LocalEcsHarness ecs = new LocalEcsHarness(Map.of("prod", 2));
             EcsClient sdk = ecs.sdk("us-east-1")) {
            ecs.server.setManagedInstances("prod", "managed", 2);
            DesiredState state = applied(ecs, TestSnapshots.forwarder("svc", SERVICE), TestSnapshots.forwarder("md", DAEMON),
                    TestSnapshots.forwarder("logspout", LOGSPOUT), TestSnapshots.forwarder("plain", UNSCRAPED));
            Map<String, String> hostByEc2 = new TreeMap<>();
            List<ContainerInstance> nodes = describeNodes(sdk);
            for (int i = 0; i < nodes.size(); i++) {
                String host = "10.0.0." + (i + 1);
                hostByEc2.put(nodes.get(i).ec2InstanceId(), host);
                // Every other node says host:port, as nodes set up for a port of their own used to: the port never counts.
                String value = i % 2 == 0 ? host + ":9100" : host;
                int n = i;
                sdk.putAttributes(r -> r.cluster("prod").attributes(Attribute.builder().name(EcsScrapeTargets.ADDRESS).value(value)
                        .targetType("container-instance").targetId(nodes.get(n).containerInstanceArn()).build()));
            }
            Set<String> managed = nodes.stream().filter(n -> "managed".equals(n.capacityProviderName()))
                    .map(ContainerInstance::ec2InstanceId).collect(Collectors.toCollection(TreeSet::new));
            assertThat(managed).hasSize(2);
            ScrapeTargets lister = ecs.gateways.scrapeTargets(() -> state);
            Waits.until("every forwarder task runs", Duration.ofSeconds(30),
                    () -> byForwarder(lister.targets().targets()).getOrDefault("md", Set.of()).size() == 2
                            && running(sdk, state, "logspout") > 0 && running(sdk, state, "plain") > 0);

            ecs.server.resetCallCounts();
            List<ScrapeTarget> targets = lister.targets().targets();
            Map<String, Long> calls = new TreeMap<>(ecs.server.callCounts());
            calls.values().removeIf(v -> v == 0);
            System.out.println("SD listing of 1 cluster, " + nodes.size() + " nodes, 1 service + 1 managed daemon scraped, 2 services without metrics: "
                    + calls.values().stream().mapToLong(Long::longValue).sum() + " ECS calls " + calls + ", " + targets.size() + " targets");

            Map<String, Set<String>> listed = byForwarder(targets);
            assertThat(listed).as("forwarders without a rendered metrics port, though their tasks run")
                    .doesNotContainKeys("logspout", "plain");
            assertThat(listed.get("md")).as("the managed daemon's nodes").isEqualTo(managed);
            assertThat(listed.get("svc")).as("the service's nodes").isNotEmpty();
            for (ScrapeTarget t : targets) {
                assertThat(t.cluster()).isEqualTo("prod");
                assertThat(t.address()).isEqualTo(hostByEc2.get(t.node()) + (t.forwarder().equals("svc") ? ":2021" : ":2022"));
            }
            assertThat(calls).containsOnlyKeys("ListTasks", "DescribeTasks", "DescribeContainerInstances");
            assertThat(calls.get("ListTasks")).as("the tasks of forwarders without metrics are not read").isEqualTo(2);
            printResyncReads(ecs, state);
        }
    }

    /**
     * What the controller's no-op resync of the same cluster reads, for comparison (docs/serve.md: why
     * discovery does not reuse it): its task reads cover only health-checked or short services, and it
     * reads node attributes only for perNodePort or short services, never a managed daemon's tasks.
     */
    private static void printResyncReads(LocalEcsHarness ecs, DesiredState state) {
        ecs.server.resetCallCounts();
        state.clusters().forEach(ecs.synchronizer::sync);
        Map<String, Long> calls = new TreeMap<>(ecs.server.callCounts());
        calls.values().removeIf(v -> v == 0);
        System.out.println("no-op resync of the same cluster: " + calls.values().stream().mapToLong(Long::longValue).sum()
                + " ECS calls " + calls);
    }

    /** The tree with one cluster {@code prod} and these forwarders, rendered and applied by logship's own sync. */
    static DesiredState applied(LocalEcsHarness ecs, String... forwarders) {
        String[] files = new String[2 + 2 * forwarders.length];
        files[0] = "c.yaml";
        files[1] = TestSnapshots.cluster("prod", "us-east-1");
        for (int i = 0; i < forwarders.length; i++) {
            files[2 + 2 * i] = "f" + i + ".yaml";
            files[3 + 2 * i] = forwarders[i];
        }
        ReadResult read = DesiredStates.read(TestSnapshots.of(files));
        assertThat(read.problems()).isEmpty();
        for (DesiredCluster cluster : read.state().clusters()) {
            SyncResult result = ecs.synchronizer.sync(cluster);
            assertThat(result.failures()).as("sync of " + cluster.target().name()).isEmpty();
        }
        return read.state();
    }

    /** Tasks ECS runs for this forwarder of {@code prod}, read with the plain SDK. */
    private static int running(EcsClient sdk, DesiredState state, String forwarder) {
        DesiredForwarder f = state.clusters().get(0).forwarders().stream()
                .filter(d -> d.key().forwarder().equals(forwarder)).findFirst().orElseThrow();
        String service = f.workload().match(s -> s.serviceName(), d -> null);
        return sdk.describeServices(r -> r.cluster("prod").services(service)).services().get(0).runningCount();
    }

    static List<ContainerInstance> describeNodes(EcsClient sdk) {
        List<String> arns = sdk.listContainerInstances(r -> r.cluster("prod")).containerInstanceArns();
        return sdk.describeContainerInstances(r -> r.cluster("prod").containerInstances(arns)).containerInstances();
    }

    static Map<String, Set<String>> byForwarder(List<ScrapeTarget> targets) {
        return targets.stream().collect(Collectors.groupingBy(ScrapeTarget::forwarder, TreeMap::new,
                Collectors.mapping(ScrapeTarget::node, Collectors.toCollection(TreeSet::new))));
    }
}
