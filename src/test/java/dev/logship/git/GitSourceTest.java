package dev.logship.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import dev.logship.reconcile.SourceUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {
    private static final String CLUSTER = "apiVersion: logship.dev/v1\nkind: Cluster\n";

    @TempDir Path tmp;
    RemoteRepo remote;
    Path dataDir;

    @BeforeEach
    void setUp() throws Exception {
        remote = new RemoteRepo(tmp);
        dataDir = tmp.resolve("data");
    }

    @AfterEach
    void tearDown() {
        remote.close();
    }

    private GitSource source(String repo, String ref, String path) {
        return new GitSource(new GitSourceConfig(repo, ref, path, dataDir, GitCredentials.none()));
    }

    private static String text(Snapshot snapshot, String path) {
        return snapshot.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .map(f -> new String(f.content(), StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void readsOnlyYamlManifestsUnderThePathAtTheDefaultBranch() throws Exception {
        RevCommit c = remote.commit("Add prod cluster", Map.of(
                "clusters/prod.yaml", CLUSTER, "clusters/sub/papertrail.yml", "kind: LogForwarder\n",
                "clusters/README.md", "docs", "other/ignored.yaml", "x: 1\n"));
        remote.push("main");

        try (GitSource source = source(remote.uri(), null, "clusters/")) {
            FetchOutcome outcome = source.fetchOutcome();

            assertThat(outcome.snapshot().files()).extracting(SourceFile::path).containsExactly("prod.yaml", "sub/papertrail.yml");
            assertThat(text(outcome.snapshot(), "prod.yaml")).isEqualTo(CLUSTER);
            assertThat(outcome.snapshot().revision().id()).isEqualTo(c.name());
            assertThat(outcome.snapshot().revision().description()).isEqualTo("Add prod cluster");
            assertThat(outcome.resolvedRef()).isEqualTo("refs/heads/main");
            assertThat(outcome.blobIds()).containsOnlyKeys("prod.yaml", "sub/papertrail.yml");
            assertThat(Files.isDirectory(source.mirrorDirectory().resolve("objects"))).isTrue();
            assertThat(source.mirrorDirectory()).startsWith(dataDir);
        }
    }

    @Test
    void acceptsAPlainLocalPathToTheRepository() throws Exception {
        remote.commit("one", Map.of("a.yaml", CLUSTER));
        remote.push("main");

        try (GitSource source = source(remote.bare.toString(), "main", "")) {
            assertThat(source.fetch().files()).extracting(SourceFile::path).containsExactly("a.yaml");
        }
    }

    @Test
    void fetchesIncrementallyAndKeepsBlobIdsOfUnchangedFiles() throws Exception {
        remote.commit("one", Map.of("a.yaml", "a: 1\n", "b.yaml", "b: 1\n"));
        remote.push("main");
        try (GitSource source = source(remote.uri(), "main", "")) {
            FetchOutcome first = source.fetchOutcome();
            FetchOutcome again = source.fetchOutcome();
            assertThat(again.changed()).isFalse();

            RevCommit second = remote.commit("two", Map.of("b.yaml", "b: 2\n"));
            remote.push("main");
            FetchOutcome next = source.fetchOutcome();

            assertThat(next.changed()).isTrue();
            assertThat(next.previous()).contains(first.commitId());
            assertThat(next.commitId()).isEqualTo(second.name());
            assertThat(next.historyRewritten()).isFalse();
            assertThat(next.blobIds().get("a.yaml")).isEqualTo(first.blobIds().get("a.yaml"));
            assertThat(next.blobIds().get("b.yaml")).isNotEqualTo(first.blobIds().get("b.yaml"));
            assertThat(text(next.snapshot(), "b.yaml")).isEqualTo("b: 2\n");
        }
    }

    @Test
    void reusesTheMirrorOnDiskAcrossRestarts() throws Exception {
        remote.commit("one", Map.of("a.yaml", "a: 1\n"));
        remote.push("main");
        Path mirror;
        try (GitSource source = source(remote.uri(), "main", "")) {
            source.fetch();
            mirror = source.mirrorDirectory();
        }
        remote.commit("two", Map.of("a.yaml", "a: 2\n"));
        remote.push("main");
        try (GitSource restarted = source(remote.uri(), "main", "")) {
            assertThat(restarted.mirrorDirectory()).isEqualTo(mirror);
            assertThat(text(restarted.fetch(), "a.yaml")).isEqualTo("a: 2\n");
        }
    }

    @Test
    void followsABranchATagOrACommitId() throws Exception {
        RevCommit first = remote.commit("v1", Map.of("a.yaml", "v: 1\n"));
        remote.push("main");
        remote.pushTag("v1.0");
        remote.branch("staging");
        remote.commit("staging change", Map.of("a.yaml", "v: staging\n"));
        remote.push("staging");
        remote.checkout("main");
        remote.commit("v2", Map.of("a.yaml", "v: 2\n"));
        remote.push("main");

        try (GitSource branch = source(remote.uri(), "staging", "");
             GitSource tag = source(remote.uri(), "v1.0", "");
             GitSource commit = source(remote.uri(), first.name().substring(0, 10), "");
             GitSource fullRef = source(remote.uri(), "refs/heads/main", "")) {
            assertThat(text(branch.fetch(), "a.yaml")).isEqualTo("v: staging\n");
            assertThat(text(tag.fetch(), "a.yaml")).isEqualTo("v: 1\n");
            assertThat(tag.lastGood().orElseThrow().resolvedRef()).isEqualTo("refs/tags/v1.0");
            assertThat(commit.fetch().revision().id()).isEqualTo(first.name());
            assertThat(text(fullRef.fetch(), "a.yaml")).isEqualTo("v: 2\n");
        }
    }

    @Test
    void followsTheRemotesDefaultBranchWhenNoRefIsGiven() throws Exception {
        remote.commit("main", Map.of("a.yaml", "on: main\n"));
        remote.push("main");
        remote.branch("trunk");
        remote.commit("trunk", Map.of("a.yaml", "on: trunk\n"));
        remote.push("trunk");
        remote.setRemoteDefaultBranch("trunk");

        try (GitSource source = source(remote.uri(), null, "")) {
            assertThat(text(source.fetch(), "a.yaml")).isEqualTo("on: trunk\n");
            assertThat(source.lastGood().orElseThrow().resolvedRef()).isEqualTo("refs/heads/trunk");
        }
    }

    @Test
    void reportsSymlinksAndSubmodulesWithoutFollowingThem() throws Exception {
        Path secret = tmp.resolve("outside-secret.yaml");
        Files.writeString(secret, "password: hunter2\n");
        remote.commit("one", Map.of("m/a.yaml", CLUSTER));
        remote.commitSymlink("link", "m/evil.yaml", secret.toString());
        RemoteRepo other = new RemoteRepo(tmp.resolve("other"));
        other.commit("sub", Map.of("x.yaml", "x: 1\n"));
        other.push("main");
        remote.git.submoduleAdd().setPath("m/vendored").setURI(other.uri()).call().close();
        remote.git.commit().setMessage("submodule").setAuthor("T", "t@e").setCommitter("T", "t@e").call();
        remote.push("main");
        other.close();

        try (GitSource source = source(remote.uri(), "main", "m")) {
            Snapshot snapshot = source.fetch();
            assertThat(snapshot.files()).extracting(SourceFile::path, SourceFile::kind).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("a.yaml", SourceFile.Kind.FILE),
                    org.assertj.core.groups.Tuple.tuple("evil.yaml", SourceFile.Kind.SYMLINK),
                    org.assertj.core.groups.Tuple.tuple("vendored", SourceFile.Kind.SUBMODULE));
            SourceFile link = snapshot.files().get(1);
            assertThat(new String(link.content(), StandardCharsets.UTF_8)).isEqualTo(secret.toString()).doesNotContain("hunter2");
        }
    }

    @Test
    void aMissingManifestPathIsAnErrorNotAnEmptySnapshot() throws Exception {
        remote.commit("one", Map.of("a.yaml", CLUSTER));
        remote.push("main");
        try (GitSource source = source(remote.uri(), "main", "nope")) {
            assertThatThrownBy(source::fetch).isInstanceOf(SourceUnavailableException.class)
                    .hasMessageContaining("nope")
                    .extracting(e -> ((SourceUnavailableException) e).reason()).isEqualTo("PathNotFound");
        }
    }

    @Test
    void flagsAForcePushButStillReturnsTheNewCommit() throws Exception {
        RevCommit base = remote.commit("base", Map.of("a.yaml", "v: 1\n"));
        remote.commit("to be rewritten", Map.of("a.yaml", "v: 2\n"));
        remote.push("main");
        try (GitSource source = source(remote.uri(), "main", "")) {
            source.fetch();
            remote.resetHard(base);
            RevCommit rewritten = remote.commit("rewritten", Map.of("a.yaml", "v: 3\n"));
            remote.forcePush("main");

            FetchOutcome outcome = source.fetchOutcome();
            assertThat(outcome.commitId()).isEqualTo(rewritten.name());
            assertThat(outcome.historyRewritten()).isTrue();
            assertThat(source.lastFetchRewroteHistory()).isTrue();

            remote.commit("normal", Map.of("a.yaml", "v: 4\n"));
            remote.push("main");
            assertThat(source.fetchOutcome().historyRewritten()).isFalse();
            assertThat(source.lastFetchRewroteHistory()).isFalse();
        }
    }

    @Test
    void aDeletedBranchIsRefNotFoundAndTheLastGoodSnapshotStays() throws Exception {
        remote.commit("main", Map.of("a.yaml", "v: main\n"));
        remote.push("main");
        remote.branch("feature");
        RevCommit feature = remote.commit("feature", Map.of("a.yaml", "v: feature\n"));
        remote.push("feature");
        try (GitSource source = source(remote.uri(), "feature", "")) {
            source.fetch();
            remote.checkout("main");
            remote.deleteRemoteBranch("feature");

            assertThatThrownBy(source::fetch).isInstanceOf(SourceUnavailableException.class)
                    .hasMessageContaining("feature")
                    .extracting(e -> ((SourceUnavailableException) e).reason()).isEqualTo("RefNotFound");
            assertThat(source.lastGood().orElseThrow().commitId()).isEqualTo(feature.name());
        }
    }

    @Test
    void aMissingRepositoryIsRemoteUnreachable() throws Exception {
        // Digits and words in the path must not be read as an HTTP status or an auth failure.
        try (GitSource source = source(tmp.resolve("403-authentication-401/does-not-exist.git").toUri().toString(), null, "")) {
            assertThatThrownBy(source::fetch).isInstanceOf(SourceUnavailableException.class)
                    .extracting(e -> ((SourceUnavailableException) e).reason()).isEqualTo("RemoteUnreachable");
            assertThat(source.lastGood()).isEmpty();
        }
    }

    @Test
    void anEmptyRemoteHasNoDefaultBranch() throws Exception {
        try (GitSource source = source(remote.uri(), null, "")) {
            assertThatThrownBy(source::fetch).isInstanceOf(SourceUnavailableException.class)
                    .hasMessageContaining("--ref")
                    .extracting(e -> ((SourceUnavailableException) e).reason()).isEqualTo("RefNotFound");
        }
    }

    @Test
    void aStaleLockInTheMirrorFailsTheFetchInsteadOfServingTheOldCommit() throws Exception {
        remote.commit("one", Map.of("a.yaml", "v: 1\n"));
        remote.push("main");
        try (GitSource source = source(remote.uri(), "main", "")) {
            String first = source.fetch().revision().id();
            Files.writeString(source.mirrorDirectory().resolve("refs/heads/main.lock"), "left by a crash\n");
            remote.commit("two", Map.of("a.yaml", "v: 2\n"));
            remote.push("main");

            assertThatThrownBy(source::fetch).isInstanceOf(SourceUnavailableException.class)
                    .hasMessageContaining("refs/heads/main").hasMessageContaining(".lock")
                    .extracting(e -> ((SourceUnavailableException) e).reason()).isEqualTo("MirrorFailed");
            assertThat(source.lastGood().orElseThrow().commitId()).isEqualTo(first);
        }
    }

    @Test
    void tracksTheConfiguredRefOrTheDefaultBranchOnceKnown() throws Exception {
        remote.commit("one", Map.of("a.yaml", "v: 1\n"));
        remote.push("main");
        try (GitSource pinned = source(remote.uri(), "v1", ""); GitSource following = source(remote.uri(), null, "")) {
            assertThat(pinned.trackedRef()).isEqualTo("v1");
            assertThat(following.trackedRef()).isNull();
            following.fetch();
            assertThat(following.trackedRef()).isEqualTo("refs/heads/main");
        }
    }
}
