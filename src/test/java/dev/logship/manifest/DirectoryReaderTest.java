package dev.logship.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryReaderTest {
    @TempDir
    Path root;

    @Test
    void readsYamlFilesRecursivelyWithSlashPathsAndSkipsDotDirectories() throws IOException {
        Files.createDirectories(root.resolve("prod/nested"));
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve("prod/cluster.yaml"), "a: 1");
        Files.writeString(root.resolve("prod/nested/fwd.yml"), "b: 2");
        Files.writeString(root.resolve("prod/README.md"), "# not a manifest");
        Files.writeString(root.resolve(".git/config.yaml"), "c: 3");

        Snapshot snapshot = DirectoryReader.read(root);

        assertThat(snapshot.files()).extracting(SourceFile::path).containsExactly("prod/cluster.yaml", "prod/nested/fwd.yml");
        assertThat(snapshot.revision().id()).matches("dir:[0-9a-f]{64}");
    }

    @Test
    void carriesSymlinksWithoutFollowingThemSoValidationReportsThem() throws IOException {
        Path outside = Files.createTempFile("outside", ".yaml");
        Files.writeString(outside, "secret: from-outside-the-tree");
        Files.createSymbolicLink(root.resolve("linked.yaml"), outside);

        Snapshot snapshot = DirectoryReader.read(root);

        assertThat(snapshot.files()).singleElement().satisfies(file -> {
            assertThat(file.kind()).isEqualTo(SourceFile.Kind.SYMLINK);
            assertThat(file.size()).isZero();
        });
        assertThat(Manifests.parse(snapshot).problems()).extracting(Problem::toString).containsExactly(
                "linked.yaml:1:1: (file): symbolic links are not followed: copy the manifest into the tree");
        Files.delete(outside);
    }

    @Test
    void revisionChangesWithContentAndNotOtherwise() throws IOException {
        Files.writeString(root.resolve("a.yaml"), "a: 1");
        String first = DirectoryReader.read(root).revision().id();
        assertThat(DirectoryReader.read(root).revision().id()).isEqualTo(first);
        Files.writeString(root.resolve("a.yaml"), "a: 2");
        assertThat(DirectoryReader.read(root).revision().id()).isNotEqualTo(first);
    }

    @Test
    void refusesAMissingRootOrAFile() throws IOException {
        assertThatThrownBy(() -> DirectoryReader.read(root.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        Path file = Files.writeString(root.resolve("file.yaml"), "a: 1");
        assertThatThrownBy(() -> DirectoryReader.read(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a directory");
    }

    @Test
    void carriesSymlinkedDirectoriesButIgnoresOtherLinks() throws IOException {
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("c.yaml"), "a: 1");
        Files.createSymbolicLink(root.resolve("shared"), outside);
        Files.createSymbolicLink(root.resolve("notes.txt"), outside.resolve("c.yaml"));

        assertThat(DirectoryReader.read(root).files()).extracting(SourceFile::path, SourceFile::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shared", SourceFile.Kind.SYMLINK));
        Files.delete(outside.resolve("c.yaml"));
        Files.delete(outside);
    }

    @Test
    void reportsSubmodulesFromAGitSnapshot() {
        Snapshot snapshot = new Snapshot(new dev.logship.model.Revision("abc", ""),
                java.util.List.of(new SourceFile("vendor/manifests", SourceFile.Kind.SUBMODULE, null)));
        assertThat(Manifests.parse(snapshot).problems()).extracting(Problem::toString).containsExactly(
                "vendor/manifests:1:1: (file): submodules are not read: copy the manifests into this repository");
    }

    @Test
    void theRevisionOfADirectoryGivesNoRouteAwayToAnyoneTryingEveryPort() throws Exception {
        String manifest = "kind: LogForwarder\nspec:\n  routes: [syslog+tls://logs3.papertrailapp.com:%d]\n";
        Files.writeString(root.resolve("f.yaml"), manifest.formatted(43121));
        String revision = DirectoryReader.read(root).revision().id();
        assertThat(DirectoryReader.read(root).revision().id()).as("equal trees, equal revisions").isEqualTo(revision);
        java.util.List<Integer> recovered = new java.util.ArrayList<>();
        for (int port = 1; port <= 65535; port++) {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (byte[] part : new byte[][] {"f.yaml".getBytes(), "FILE".getBytes(), manifest.formatted(port).getBytes()}) {
                sha.update(part);
                sha.update((byte) 0);
            }
            if (revision.equals("dir:" + java.util.HexFormat.of().formatHex(sha.digest()))) {
                recovered.add(port);
            }
        }
        assertThat(recovered).isEmpty();
    }
}
