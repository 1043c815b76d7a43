package dev.logship.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.DaemonSpec;
import dev.logship.render.CliDaemonJson;
import dev.logship.render.CliInputJson;
import dev.logship.render.ReadResult;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile manifests (issue 7): trees mutated from the shipped examples end in a precise problem
 * list or a valid desired state, never an exception, a hang or a partial state. 250 tries with a
 * fixed seed in the default suite, 1,000 in -Preliability; {@code -Djqwik.tries.default=10000} runs
 * more (docs/reliability-fuzz.md).
 */
class ManifestFuzzTest {

    /** One mutation with the seed that fixes its every choice. */
    record Step(Mutation mutation, long seed) {
        @Override
        public String toString() {
            return mutation + "@" + seed;
        }
    }

    /** The examples after a sequence of steps; toString is enough to replay the case. */
    record MutatedTree(List<Step> steps) {
        ManifestTree build() {
            ManifestTree tree = ManifestTree.examples();
            for (Step step : steps) {
                step.mutation().apply(tree, new Random(step.seed()));
            }
            return tree;
        }
    }

    @Provide
    Arbitrary<MutatedTree> mutatedTrees() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Mutation.class), Arbitraries.longs()).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(4).map(MutatedTree::new);
    }

    @Property(seed = "7020261124")
    void everyMutatedTreeEndsInPreciseProblemsOrAValidState(@ForAll("mutatedTrees") MutatedTree tree) {
        ReadResult result = ReadInvariants.readAndCheck(tree.build().snapshot());
        if (result.ok()) {
            // A valid state must also render: what render prints and apply sends comes from here.
            result.state().clusters().forEach(cluster -> cluster.forwarders().forEach(forwarder -> {
                String name = cluster.target().clusterName();
                String family = forwarder.taskDefinition().family();
                if (forwarder.workload() instanceof DaemonSpec daemon) { // the examples hold a managed daemon too
                    assertThat(CliDaemonJson.registerDaemonTaskDefinition(forwarder.taskDefinition(), true)).isNotEmpty();
                    assertThat(CliDaemonJson.createDaemon(daemon, name, family)).isNotEmpty();
                    return;
                }
                assertThat(CliInputJson.registerTaskDefinition(forwarder.taskDefinition(), true)).isNotEmpty();
                assertThat(CliInputJson.createService(forwarder.service(), name, family, true)).isNotEmpty();
            }));
        }
        tree.steps().forEach(step -> Statistics.label("mutation").collect(step.mutation()));
        Statistics.label("outcome").collect(result.ok() ? "valid state" : "problems");
    }

    @AfterContainer
    static void reportSlowestCase() {
        System.out.println("slowest single read: " + ReadInvariants.slowest().toMillis() + " ms");
    }

    /**
     * Every pair of boundary lengths for the Cluster and the forwarder name (issue 10: a 255-character
     * Cluster with a forwarder of 8 or fewer characters threw): problems or a state, never an exception.
     */
    @Example
    void namesAtTheirLimitsInEveryCombinationEndInProblemsOrAValidState() {
        java.util.Random random = new java.util.Random(10);
        for (int clusterLength : BoundaryNames.LENGTHS) {
            for (int forwarderLength : BoundaryNames.LENGTHS) {
                String cluster = BoundaryNames.name(clusterLength, random);
                String forwarder = BoundaryNames.name(forwarderLength, random);
                ManifestTree tree = ManifestTree.examples();
                tree.putText("edge/cluster.yaml", "apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: " + cluster
                        + "\nspec:\n  clusterName: " + cluster + "\n  region: ap-south-1\n");
                tree.putText("edge/forwarder.yaml", "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata:\n  name: "
                        + forwarder + "\nspec:\n  routes: [\"udp://a.example.com:1\"]\n");
                ReadResult result = ReadInvariants.readAndCheck(tree.snapshot());
                boolean fits = clusterLength <= 255 && forwarderLength <= 247 && clusterLength + 1 + forwarderLength <= 256;
                assertThat(result.ok()).as("cluster %d, forwarder %d characters: %s", clusterLength, forwarderLength,
                        result.problems()).isEqualTo(fits);
            }
        }
    }

    /** The baseline every mutation starts from; were it broken, every case would end in problems. */
    @Example
    void theUnmutatedExamplesAreValid() {
        assertThat(ReadInvariants.readAndCheck(ManifestTree.examples().snapshot()).ok()).isTrue();
    }
}
