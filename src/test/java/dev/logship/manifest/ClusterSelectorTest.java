package dev.logship.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.DesiredState;
import dev.logship.render.DesiredStates;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spec.clusterSelector: which Clusters a forwarder lands on, the problems of a bad selector, and why it lands where it does. */
class ClusterSelectorTest {
    private static String cluster(String name, String labels) {
        return "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: " + name + "\n  labels: " + labels
                + "\nspec:\n  region: us-east-1\n";
    }

    private static final String FLEET = cluster("prod-a", "{env: prod, tier: gold}") + "---\n"
            + cluster("prod-b", "{env: prod}") + "---\n" + cluster("stage", "{env: staging, tier: gold}") + "---\n"
            + cluster("dev", "{}");

    private static Manifests parse(String forwarderSpec) {
        return Manifests.parse(TestSnapshots.of("clusters/all.yaml", FLEET,
                "forwarders/f.yaml", TestSnapshots.forwarder("f", "routes: [\"syslog+tls://logs.example.com:514\"]\n" + forwarderSpec)));
    }

    @Test
    void matchLabelsAndExpressionsPickClustersFromAnyDirectory() {
        Manifests m = parse("clusterSelector:\n  matchLabels: {env: prod}\n  matchExpressions:\n"
                + "    - {key: tier, operator: NotIn, values: [silver]}\n");
        assertThat(m.problems()).isEmpty();
        assertThat(m.targets().get("f")).containsExactlyInAnyOrder("prod-a", "prod-b");
    }

    @Test
    void existsAndDoesNotExist() {
        assertThat(parse("clusterSelector: {matchExpressions: [{key: tier, operator: Exists}]}").targets().get("f"))
                .containsExactlyInAnyOrder("prod-a", "stage");
        assertThat(parse("clusterSelector: {matchExpressions: [{key: env, operator: DoesNotExist}]}").targets().get("f"))
                .containsExactly("dev");
    }

    @Test
    void selectorBesideClustersAddsToTheListedOnes() {
        Manifests m = parse("clusters: [dev]\nclusterSelector: {matchExpressions: [{key: env, operator: In, values: [staging]}]}");
        assertThat(m.problems()).isEmpty();
        assertThat(m.targets().get("f")).containsExactly("dev", "stage");
    }

    @Test
    void aSelectorMatchingNothingIsNoProblemAndPlacesNothing() {
        Manifests m = parse("clusterSelector: {matchLabels: {env: nowhere}}");
        assertThat(m.problems()).isEmpty();
        assertThat(m.targets().get("f")).isEmpty();
    }

    @Test
    void badSelectorsAreProblemsWithFileAndLine() {
        Manifests m = parse("clusterSelector:\n  matchLabels: {\"bad key!\": x}\n  matchExpressions:\n"
                + "    - {key: env, operator: Inn, values: [prod]}\n    - {key: env, operator: In}\n"
                + "    - {key: env, operator: Exists, values: [prod]}\n  matchLabel: {}\n");
        assertThat(m.problems()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                        .startsWith("forwarders/f.yaml:8:").contains("spec.clusterSelector.matchLabels.bad key!"))
                .anySatisfy(p -> assertThat(p).startsWith("forwarders/f.yaml:10:")
                        .contains("spec.clusterSelector.matchExpressions[0].operator").contains("did you mean In?"))
                .anySatisfy(p -> assertThat(p).startsWith("forwarders/f.yaml:11:")
                        .contains("matchExpressions[1].values: operator In needs at least one value"))
                .anySatisfy(p -> assertThat(p).startsWith("forwarders/f.yaml:12:")
                        .contains("matchExpressions[2].values: operator Exists takes no values"))
                .anySatisfy(p -> assertThat(p).startsWith("forwarders/f.yaml:13:")
                        .contains("spec.clusterSelector.matchLabel: unknown field; did you mean matchLabels?"));
    }

    @Test
    void renderSaysWhyEachForwarderLandsWhereItDoes() {
        DesiredState state = DesiredStates.read(TestSnapshots.of("clusters/all.yaml", FLEET, "forwarders/f.yaml",
                TestSnapshots.forwarder("f", "routes: [\"syslog+tls://logs.example.com:514\"]\nclusters: [dev]\n"
                        + "clusterSelector: {matchLabels: {tier: gold}}"))).state();
        assertThat(state.placements().get("f")).isEqualTo(Map.of(
                "dev", "listed in spec.clusters",
                "prod-a", "clusterSelector tier=gold matches labels {env=prod, tier=gold}",
                "stage", "clusterSelector tier=gold matches labels {env=staging, tier=gold}"));
        assertThat(state.cluster("prod-b").orElseThrow().forwarders()).isEmpty();
        assertThat(state.cluster("prod-a").orElseThrow().forwarders()).hasSize(1);
    }
}
