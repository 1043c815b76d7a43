package dev.logship.manifest;

import static dev.logship.manifest.TestSnapshots.cluster;
import static dev.logship.manifest.TestSnapshots.forwarder;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EcsLimitsTest {

    private static List<String> problems(String... pathsAndContents) {
        return Manifests.parse(TestSnapshots.of(pathsAndContents)).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void clusterAndForwarderNamesMustFitTheOwnershipTag() {
        String longCluster = "c".repeat(200);
        String longForwarder = "f".repeat(100);
        assertThat(problems("c.yaml", cluster(longCluster, "us-east-1"),
                "f.yaml", forwarder(longForwarder, "clusters: [" + longCluster + "]\nroutes: [udp://a.example.com:1]")))
                .containsExactly("f.yaml:6:14: spec.clusters[0]: \"" + longCluster + "/ffffffff...\" is longer than the 256 "
                        + "characters of the logship.dev/forwarder tag; shorten the Cluster or LogForwarder name");
    }

    @Test
    void aMaximalClusterNameWithAShortForwarderNameIsAProblemNotACrash() {
        String longest = "c".repeat(EcsRules.MAX_NAME);
        assertThat(problems("c.yaml", cluster(longest, "us-east-1"),
                "f.yaml", forwarder("pt", "clusters: [" + longest + "]\nroutes: [udp://a.example.com:1]")))
                .singleElement().asString().startsWith("f.yaml:6:14: spec.clusters[0]: \"ccc")
                .endsWith("...(260 characters) is longer than the 256 characters of the logship.dev/forwarder tag; "
                        + "shorten the Cluster or LogForwarder name");
    }

    @Test
    void namesTooLongForTheOwnershipTagAreAProblemForForwardersFoundByDirectoryToo() {
        String cluster = "c".repeat(9);
        String forwarder = "f".repeat(247);
        assertThat(problems("prod/c.yaml", cluster(cluster, "us-east-1"),
                "prod/f.yaml", forwarder(forwarder, "routes: [udp://a.example.com:1]")))
                .singleElement().asString().startsWith("prod/f.yaml:").contains(": metadata.name: \"ccccccccc/ffffffff...\" is longer than "
                        + "the 256 characters of the logship.dev/forwarder tag");
    }

    @Test
    void tagsUseOnlyCharactersAwsAccepts() {
        assertThat(problems("c.yaml", cluster("prod", "us-east-1"),
                "f.yaml", forwarder("pt", "routes: [udp://a.example.com:1]\ntags:\n  \"team#1\": ok\n  owner: \"a<b>\"\n  fine: \"x y:z/@+=.-_\"")))
                .containsExactly(
                        "f.yaml:8:5: spec.tags.team#1: tag keys may contain only letters, numbers, spaces and + - = . _ : / @",
                        "f.yaml:9:5: spec.tags.owner: tag values may contain only letters, numbers, spaces and + - = . _ : / @");
    }

    @Test
    void twoClustersMayNotManageTheSameEcsCluster() {
        assertThat(problems("a.yaml", cluster("a", "us-east-1"),
                "b.yaml", cluster("b", "us-east-1").replace("spec:\n", "spec:\n  clusterName: a\n")))
                .containsExactly("b.yaml:6:16: spec.clusterName: ECS cluster us-east-1/a is already managed by Cluster \"a\" "
                        + "(a.yaml:4); two Clusters would prune each other's forwarders");
    }

    @Test
    void sameEcsClusterNameInAnotherRegionIsAnotherCluster() {
        assertThat(problems("a.yaml", cluster("a", "us-east-1"),
                "b.yaml", cluster("b", "eu-west-1").replace("spec:\n", "spec:\n  clusterName: a\n"))).isEmpty();
    }
}
