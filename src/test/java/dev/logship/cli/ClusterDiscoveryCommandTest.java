package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.LocalEcs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ClusterSet over two accounts (each through its role, assumed at local-ecs's STS) and two
 * regions: plan and apply find the tagged clusters with the real SDK over HTTP, label them from
 * their tags, place selector forwarders on them, let a written Cluster override one, order them
 * in waves, and keep going (saying so) when one account denies access.
 */
class ClusterDiscoveryCommandTest {
    static final String A = "111111111111";
    static final String B = "222222222222";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One local-ecs for the class: each test gets it reset (no clusters, no denials) and creates the same five. */
    @RegisterExtension
    static final LocalEcs ECS = LocalEcs.with(LocalEcsConfig.builder().build());

    @TempDir
    Path repo;
    private LocalEcsServer ecs;

    static String clusterSet(String name, String accounts, String regions) {
        return """
                apiVersion: logship.dev/v1
                kind: ClusterSet
                metadata: {name: %s}
                spec:
                  accounts: %s
                  regions: %s
                  tagSelector: {matchLabels: {logship: "on"}}
                  labelsFromTags: {env: Environment}
                  labels: {source: discovered}
                """.formatted(name, accounts, regions);
    }

    static String roles(String... accounts) {
        List<String> out = new ArrayList<>();
        for (String account : accounts) {
            out.add("{roleArn: \"arn:aws:iam::" + account + ":role/logship\"}");
        }
        return "[" + String.join(", ", out) + "]";
    }

    static final String FORWARDER = """
            apiVersion: logship.dev/v1
            kind: LogForwarder
            metadata: {name: papertrail}
            spec:
              agent: fluentBit
              clusterSelector: {matchLabels: {env: prod}}
              routes: ["syslog+tls://logs.example.com:6514"]
            """;

    @BeforeEach
    void start() throws Exception {
        ecs = ECS.server();
        ecs.createCluster("pay", A, "us-east-1", Map.of("logship", "on", "Environment", "prod"), 2);
        ecs.createCluster("pay-eu", A, "eu-west-1", Map.of("logship", "on", "Environment", "staging"), 1);
        ecs.createCluster("web", B, "us-east-1", Map.of("logship", "on", "Environment", "prod"), 1);
        ecs.createCluster("batch", B, "us-east-1", Map.of("Environment", "prod"), 1); // not tagged logship=on
        ecs.createCluster("elsewhere", "333333333333", "us-east-1", Map.of("logship", "on", "Environment", "prod"), 1);
        write("fleet.yaml", clusterSet("fleet", roles(A, B), "[us-east-1, eu-west-1]"));
        write("papertrail.yaml", FORWARDER);
    }

    private void write(String file, String text) throws Exception {
        Files.writeString(repo.resolve(file), text);
    }

    private CliRun run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--repo", repo.toString(), "--ecs-endpoint", ecs.endpoint().toString(),
                "--assume-roles", "always"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Map<String, String> placements(CliRun plan) throws Exception {
        JsonNode json = JSON.readTree(plan.out());
        Map<String, String> out = new java.util.TreeMap<>();
        json.path("placements").path("papertrail").forEach(p -> out.put(p.path("cluster").asText(), p.path("why").asText()));
        return out;
    }

    @Test
    void planFindsTaggedClustersInEveryAccountAndRegionAndPlacesSelectorForwardersByTheirTagLabels() throws Exception {
        CliRun plan = run("plan", "--output", "json");
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(2);
        assertThat(placements(plan)).containsOnlyKeys("pay.us-east-1." + A, "web.us-east-1." + B)
                .containsValue("clusterSelector env=prod matches labels {env=prod, source=discovered}");
        JsonNode clusters = JSON.readTree(plan.out()).path("clusters");
        List<String> planned = new ArrayList<>();
        clusters.forEach(c -> planned.add(c.path("cluster").asText()));
        // pay-eu is discovered (staging: no forwarder selects it); batch has not the tag; 333... is not a covered account
        assertThat(planned).contains("pay-eu.eu-west-1." + A).doesNotContain("batch.us-east-1." + B)
                .noneMatch(n -> n.startsWith("elsewhere"));
        assertThat(ecs.stsCallCounts().get("AssumeRole")).isGreaterThanOrEqualTo(2);
        assertThat(ecs.callCountsByAccount().get(A)).containsKeys("ListClusters", "DescribeClusters");
        assertThat(ecs.callCountsByAccount().get(B)).containsKeys("ListClusters", "DescribeClusters");
    }

    @Test
    void applyCreatesTheForwarderOnDiscoveredClustersInTheirAccounts() throws Exception {
        CliRun apply = run("apply");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        JsonNode state = JSON.readTree(ecs.stateJson());
        assertThat(state.path("clusters").path("pay").path("services").has("papertrail")).isTrue();
        assertThat(state.path("clusters").path("web").path("services").has("papertrail")).isTrue();
        assertThat(state.path("clusters").path("pay-eu").path("services").has("papertrail")).isFalse();
        assertThat(state.path("clusters").path("batch").path("services").has("papertrail")).isFalse();
        CliRun again = run("plan");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    }

    @Test
    void aWrittenClusterOverridesTheDiscoveredOneOfTheSameEcsCluster() throws Exception {
        write("pay.yaml", """
                apiVersion: logship.dev/v1
                kind: Cluster
                metadata: {name: payments, labels: {env: prod}}
                spec: {clusterName: pay, region: us-east-1, roleArn: "arn:aws:iam::111111111111:role/logship"}
                """);
        CliRun plan = run("plan", "--output", "json");
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(2);
        assertThat(placements(plan)).containsOnlyKeys("payments", "web.us-east-1." + B);
    }

    @Test
    void twoSetsDiscoveringOneClusterIsAProblemAtTheLaterSetInFileOrder() throws Exception {
        write("again.yaml", clusterSet("again", roles(A), "[us-east-1]"));
        CliRun plan = run("plan");
        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.err()).contains("fleet.yaml:3:").contains("is discovered by ClusterSets \"again\" and \"fleet\"")
                .contains("nothing was planned or applied");
    }

    @Test
    void anAccountThatDeniesAccessIsSaidAndItsClustersAreLeftOut() throws Exception {
        ecs.denyAccounts(List.of(B));
        CliRun plan = run("plan", "--output", "json");
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(2);
        assertThat(plan.err()).contains("discovery: ClusterSet fleet: " + B + "/us-east-1: AccessDenied")
                .contains("left out of this run");
        assertThat(placements(plan)).containsOnlyKeys("pay.us-east-1." + A);
    }

    @Test
    void wavesSelectDiscoveredClustersByTheirTagLabels() throws Exception {
        write("rings.yaml", """
                apiVersion: logship.dev/v1
                kind: RolloutPolicy
                metadata: {name: rings}
                spec:
                  waves:
                    - {name: staging, selector: {env: staging}}
                    - {name: prod, selector: {env: prod}}
                """);
        write("papertrail.yaml", FORWARDER.replace("clusterSelector: {matchLabels: {env: prod}}", "clusterSelector: {}"));
        CliRun plan = run("plan");
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(2);
        String waves = plan.out().substring(plan.out().indexOf("Waves:"));
        assertThat(waves.indexOf("pay-eu.eu-west-1." + A)).isPositive()
                .isLessThan(waves.indexOf("pay.us-east-1." + A)).isLessThan(waves.indexOf("web.us-east-1." + B));
    }

    @Test
    void clustersListsWhatDiscoverySeesAndWhatEachWouldGetWithoutApplying() throws Exception {
        CliRun text = run("clusters");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("ClusterSet fleet: 4 discovered, 2 covered, 1 excluded by tags, 0 suspended, 1 without forwarders",
                "pay.us-east-1." + A + ": covered {env=prod, source=discovered}",
                "    + papertrail (clusterSelector env=prod matches labels {env=prod, source=discovered})",
                "pay-eu.eu-west-1." + A + ": no forwarder selects it {env=staging, source=discovered}",
                "batch.us-east-1." + B + ": excluded by tagSelector");
        JsonNode json = JSON.readTree(run("clusters", "--output", "json").out());
        assertThat(json.path("sets").path(0).path("covered").asInt()).isEqualTo(2);
        assertThat(json.path("clusters")).hasSize(4);
        assertThat(ecs.mutatingCallCounts()).as("clusters changes nothing").isEmpty();

        ecs.denyAccounts(List.of(B));
        CliRun failing = run("clusters");
        assertThat(failing.exitCode()).isEqualTo(3);
        assertThat(failing.out()).contains("failing: " + B + "/us-east-1: AccessDenied");
    }

    /** Issue 21: the set's defaults (suspend, allowEmpty, prune) are what its generated Clusters do under apply. */
    @Test
    void theSetsDefaultsAreWhatItsClustersDo() throws Exception {
        String fleet = clusterSet("fleet", roles(A, B), "[us-east-1, eu-west-1]");
        write("fleet.yaml", fleet + "  defaults: {suspend: true}\n");
        CliRun suspended = run("apply");
        System.out.println(suspended.out() + suspended.err());
        assertThat(ecs.mutatingCallCounts()).as("a suspended set's clusters get no ECS change").isEmpty();
        assertThat(runs("pay")).isFalse();

        write("fleet.yaml", fleet + "  defaults: {allowEmpty: true}\n");
        CliRun apply = run("apply");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(runs("pay")).isTrue();
        Files.delete(repo.resolve("papertrail.yaml")); // the clusters' only forwarder
        CliRun emptied = run("apply");
        System.out.println(emptied.out() + emptied.err());
        assertThat(runs("pay")).as("allowEmpty: the last forwarder is pruned").isFalse();
        assertThat(runs("web")).isFalse();

        write("papertrail.yaml", FORWARDER);
        assertThat(run("apply").exitCode()).isZero();
        write("fleet.yaml", fleet + "  defaults: {prune: false, allowEmpty: true}\n");
        Files.delete(repo.resolve("papertrail.yaml"));
        ecs.resetCallCounts();
        CliRun kept = run("apply");
        System.out.println(kept.out() + kept.err());
        assertThat(runs("pay")).as("prune: false keeps what Git no longer has").isTrue();
        assertThat(ecs.mutatingCallCounts()).doesNotContainKey("DeleteService");
    }

    private boolean runs(String cluster) throws Exception {
        JsonNode service = JSON.readTree(ecs.stateJson()).path("clusters").path(cluster).path("services").path("papertrail");
        return "ACTIVE".equals(service.path("status").asText());
    }
}
