package dev.logship.git;

import dev.logship.model.Snapshot;
import dev.logship.reconcile.CommitVerifier;
import dev.logship.reconcile.ManifestSource;
import dev.logship.reconcile.SourceUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;

/**
 * Follows one ref of a Git remote through a bare {@link Mirror} under the data directory. Each
 * {@link #fetch()} fetches incrementally, resolves the ref and reads the manifests as blobs.
 * The last good outcome survives failures, and a force-push is flagged rather than refused.
 * Thread-safe: fetches are serialised.
 */
public final class GitSource implements ManifestSource, AutoCloseable {
    private final GitSourceConfig config;
    private final RemoteUrl remote;
    private final GitCredentials credentials;
    private final Mirror mirror;
    private FetchOutcome lastGood;
    private FetchOutcome last;

    public GitSource(GitSourceConfig config) {
        this.config = config;
        this.remote = RemoteUrl.parse(config.repo());
        GitCredentials given = config.credentials();
        this.credentials = given.isPresent() ? given : remote.embedded().withSsh(given.sshKeyFile(), given.knownHostsFile());
        this.mirror = new Mirror(remote, credentials, config.dataDir(), config.timeout());
    }

    @Override
    public Snapshot fetch() throws SourceUnavailableException {
        return fetchOutcome().snapshot();
    }

    /** Fetches and returns the full outcome (blob ids, force-push flag, duration). */
    public synchronized FetchOutcome fetchOutcome() throws SourceUnavailableException {
        long start = System.nanoTime();
        FetchResult result = mirror.fetch();
        Repository repo = mirror.open();
        try {
            RefResolver.Resolved target = RefResolver.resolve(repo, config.ref() == null ? mirror.remoteHead(result) : null, config.ref());
            CommitReader.Read read = CommitReader.read(repo, target.commit(), config.path());
            String previous = lastGood == null ? null : lastGood.commitId();
            FetchOutcome outcome = new FetchOutcome(read.snapshot(), read.blobIds(), target.name(), previous,
                    rewritesHistory(repo, previous, target.commit()), Duration.ofNanos(System.nanoTime() - start));
            lastGood = outcome;
            last = outcome;
            return outcome;
        } catch (IOException e) {
            throw FetchFailures.mirrorFailed(e, credentials);
        }
    }

    /** The manifests of a commit still in the mirror (a rollback target restored after a restart). */
    @Override
    public synchronized Optional<Snapshot> at(String revisionId) {
        try {
            Repository repo = mirror.open();
            ObjectId id = ObjectId.fromString(revisionId);
            if (!repo.getObjectDatabase().has(id)) {
                return Optional.empty();
            }
            return Optional.of(CommitReader.read(repo, id, config.path()).snapshot());
        } catch (IOException | SourceUnavailableException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Checks the signatures of this source's commits (those fetched into the mirror) against {@code signers}. */
    public CommitVerifier verifier(TrustedSigners signers) {
        return revisionId -> {
            synchronized (this) {
                return signers.verify(mirror.open(), revisionId);
            }
        };
    }

    /** The most recent successful fetch, kept through later failures. */
    public synchronized Optional<FetchOutcome> lastGood() {
        return Optional.ofNullable(lastGood);
    }

    /** Whether the most recent successful fetch moved the ref to a commit that is not a descendant. */
    public synchronized boolean lastFetchRewroteHistory() {
        return last != null && last.historyRewritten();
    }

    /** The ref being followed: the configured one, else the default branch found by the last fetch (null before it). */
    public synchronized String trackedRef() {
        return config.ref() != null ? config.ref() : lastGood == null ? null : lastGood.resolvedRef();
    }

    @Override
    public String describe() {
        return remote.safeUrl() + (config.ref() == null ? "" : "@" + config.ref())
                + (config.path().isEmpty() ? "" : " path " + config.path());
    }

    public Path mirrorDirectory() {
        return mirror.directory();
    }

    @Override
    public synchronized void close() {
        mirror.close();
    }

    private static boolean rewritesHistory(Repository repo, String previous, ObjectId current) throws IOException {
        if (previous == null || previous.equals(current.name())) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectId old = ObjectId.fromString(previous);
            if (!repo.getObjectDatabase().has(old)) {
                return true; // the old commit is gone from the mirror: it was only reachable from rewritten history
            }
            return !walk.isMergedInto(walk.parseCommit(old), walk.parseCommit(current));
        }
    }
}
