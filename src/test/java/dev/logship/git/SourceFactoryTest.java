package dev.logship.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.model.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFactoryTest {
    @TempDir Path tmp;

    @Test
    void tellsGitRepositoriesAndUrlsFromPlainDirectories() throws Exception {
        try (RemoteRepo remote = new RemoteRepo(tmp)) {
            Path plain = Files.createDirectories(tmp.resolve("plain"));
            assertThat(SourceFactory.isGit(remote.bare.toString())).as("bare repository").isTrue();
            assertThat(SourceFactory.isGit(remote.work.toString())).as("working tree").isTrue();
            assertThat(SourceFactory.isGit("https://github.com/acme/m.git")).isTrue();
            assertThat(SourceFactory.isGit("git@github.com:acme/m.git")).isTrue();
            assertThat(SourceFactory.isGit(plain.toString())).isFalse();
            assertThatThrownBy(() -> SourceFactory.open(plain.toString(), null, "", tmp.resolve("data"), null))
                    .hasMessageContaining("read it as a directory");
        }
    }

    @Test
    void readsCommittedManifestsOfAWorkingTreeNotItsUncommittedFiles() throws Exception {
        try (RemoteRepo repo = new RemoteRepo(tmp)) {
            repo.commit("committed", Map.of("a.yaml", "v: committed\n"));
            Files.writeString(repo.work.resolve("a.yaml"), "v: edited but not committed\n");
            Files.writeString(repo.work.resolve("b.yaml"), "v: untracked\n");

            try (GitSource source = SourceFactory.open(repo.work.toString(), "main", "", tmp.resolve("data"), null)) {
                var files = source.fetch().files();
                assertThat(files).extracting(SourceFile::path).containsExactly("a.yaml");
                assertThat(new String(files.get(0).content())).isEqualTo("v: committed\n");
            }
        }
    }
}
