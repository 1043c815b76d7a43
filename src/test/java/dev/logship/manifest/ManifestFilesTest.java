package dev.logship.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files are manifests (one rule for Git and directories), and an empty one is a problem, not a prune. */
class ManifestFilesTest {
    @TempDir Path root;

    @Test
    void extensionsMatchInAnyCaseOnDiskAsInGit() throws Exception {
        Files.writeString(root.resolve("a.YAML"), "a: 1");
        Files.writeString(root.resolve("b.Yml"), "b: 1");
        Files.writeString(root.resolve("c.yaml.bak"), "c: 1");
        assertThat(DirectoryReader.read(root).files()).extracting(SourceFile::path).containsExactly("a.YAML", "b.Yml");
        for (String name : List.of("x.yaml", "x.yml", "x.YAML", "x.YML", "dir/x.Yaml")) {
            assertThat(ManifestNames.isManifest(name)).as(name).isTrue();
        }
        assertThat(ManifestNames.isManifest("x.yaml.orig")).isFalse();
        assertThat(ManifestNames.isManifest("yaml")).isFalse();
    }

    @Test
    void anEmptyOrCommentOnlyFileIsAProblemAtItsFirstLine() {
        for (String text : List.of("", "# being written\n", "\n\n")) {
            Snapshot snapshot = new Snapshot(new Revision("r", "t"), List.of(
                    SourceFile.file("prod/cluster.yaml", ("apiVersion: logship.dev/v1\nkind: Cluster\nmetadata:\n  name: prod\n"
                            + "spec:\n  clusterName: prod-ecs\n  region: us-east-1\n").getBytes(StandardCharsets.UTF_8)),
                    SourceFile.file("prod/papertrail.yaml", text.getBytes(StandardCharsets.UTF_8))));
            Manifests manifests = Manifests.parse(snapshot);
            assertThat(manifests.ok()).as("%s", text).isFalse();
            assertThat(manifests.problems()).as(manifests.problems().toString()).filteredOn(p -> p.file().equals("prod/papertrail.yaml")).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(1);
                assertThat(p.message()).contains("no YAML document", "nothing is applied or pruned");
            });
        }
    }
}
