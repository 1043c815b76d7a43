package dev.logship.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.Snapshot;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Parsing a new commit re-reads only the files whose path or bytes changed. */
class ParsedFilesTest {
    private final String dir = "t" + UUID.randomUUID().toString().substring(0, 8);

    private Snapshot tree(String image, String secondForwarderImage) {
        return TestSnapshots.of(
                dir + "/cluster.yaml", TestSnapshots.cluster("prod-" + dir, "us-east-1"),
                dir + "/a.yaml", TestSnapshots.forwarder("a-" + dir, "  image: " + image + "\n  routes: [syslog://logs.example.com:514]\n"),
                dir + "/b.yaml", TestSnapshots.forwarder("b-" + dir, "  image: " + secondForwarderImage + "\n  routes: [syslog://logs.example.com:514]\n"));
    }

    @Test
    void aOneFileChangeParsesOnlyThatFileAndGivesWhatAFreshParseGives() {
        Manifests first = Manifests.parse(tree("gliderlabs/logspout:v3.2.13", "gliderlabs/logspout:v3.2.13"));
        long before = ParsedFiles.SHARED.parses();
        Manifests changed = Manifests.parse(tree("gliderlabs/logspout:v3.2.14", "gliderlabs/logspout:v3.2.13"));
        assertThat(ParsedFiles.SHARED.parses() - before).isEqualTo(1);
        assertThat(first.ok()).isTrue();
        assertThat(changed.forwarders()).extracting(ForwarderManifest::image)
                .containsExactlyInAnyOrder("gliderlabs/logspout:v3.2.14", "gliderlabs/logspout:v3.2.13");
        assertThat(changed.clusters()).isEqualTo(first.clusters());
        assertThat(changed.targets()).isEqualTo(first.targets());
    }

    @Test
    void anUnchangedBrokenFileStillReportsItsProblemEveryTime() {
        Snapshot broken = TestSnapshots.of(dir + "/cluster.yaml", TestSnapshots.cluster("prod-" + dir, "us-east-1"),
                dir + "/bad.yaml", "apiVersion: logship.dev/v1\nkind: LogForwarder\nmetadata: {name: x}\nspec:\n  routes: [syslog://h:1]\n  colour: red\n");
        Manifests once = Manifests.parse(broken);
        long before = ParsedFiles.SHARED.parses();
        Manifests again = Manifests.parse(broken);
        assertThat(ParsedFiles.SHARED.parses()).isEqualTo(before);
        assertThat(once.ok()).isFalse();
        assertThat(again.problems()).isEqualTo(once.problems());
        assertThat(again.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(dir + "/bad.yaml");
            assertThat(p.line()).isEqualTo(6);
        });
    }

    @Test
    void theSameBytesUnderAnotherPathAreParsedForThatPath() {
        String text = TestSnapshots.cluster("c-" + dir, "us-east-1");
        Manifests here = Manifests.parse(TestSnapshots.of(dir + "/one/cluster.yaml", text));
        Manifests there = Manifests.parse(TestSnapshots.of(dir + "/two/cluster.yaml", text));
        assertThat(here.clusters().get(0).directory()).isEqualTo(dir + "/one");
        assertThat(there.clusters().get(0).directory()).isEqualTo(dir + "/two");
    }
}
