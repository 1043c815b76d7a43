package dev.logship.git;

import dev.logship.model.Snapshot;
import dev.logship.reconcile.ManifestSource;
import dev.logship.reconcile.SourceUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Follows one ref of a Git remote through a bare mirror under the data directory. Each
 * {@link #fetch()} fetches incrementally, resolves the ref and reads the manifests as blobs.
 * The last good outcome survives failures, and a force-push is flagged rather than refused.
 * Thread-safe: fetches are serialised.
 */
public final class GitSource implements ManifestSource, AutoCloseable {
    private static final RefSpec[] MIRROR_SPECS = {
        new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*")};

    private static final Set<RefUpdate.Result> UPDATED = EnumSet.of(RefUpdate.Result.NEW, RefUpdate.Result.FORCED,
            RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.NO_CHANGE, RefUpdate.Result.RENAMED);

    private final GitSourceConfig config;
    private final RemoteUrl remote;
    private final GitCredentials credentials;
    private final Path mirrorDir;
    private final SshSessions ssh;
    private Repository mirror;
    private FetchOutcome lastGood;
    private FetchOutcome last;

    public GitSource(GitSourceConfig config) {
        this.config = config;
        this.remote = RemoteUrl.parse(config.repo());
        GitCredentials given = config.credentials();
        this.credentials = given.isPresent() ? given : remote.embedded().withSsh(given.sshKeyFile(), given.knownHostsFile());
        this.mirrorDir = config.dataDir().resolve("git").resolve(hash(remote.safeUrl()) + ".git");
        this.ssh = remote.isSsh() ? new SshSessions(credentials, config.dataDir()) : null;
    }

    @Override
    public Snapshot fetch() throws SourceUnavailableException {
        return fetchOutcome().snapshot();
    }

    /** Fetches and returns the full outcome (blob ids, force-push flag, duration). */
    public synchronized FetchOutcome fetchOutcome() throws SourceUnavailableException {
        long start = System.nanoTime();
        Repository repo = openMirror();
        FetchResult result = fetchInto(repo);
        try {
            RefResolver.Resolved target = RefResolver.resolve(repo, config.ref() == null ? remoteHead(result) : null, config.ref());
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
        return mirrorDir;
    }

    @Override
    public synchronized void close() {
        if (mirror != null) {
            mirror.close();
            mirror = null;
        }
        if (ssh != null) {
            ssh.close();
        }
    }

    private Repository openMirror() throws SourceUnavailableException {
        if (mirror != null) {
            return mirror;
        }
        try {
            if (Files.isDirectory(mirrorDir.resolve("objects"))) {
                mirror = new FileRepositoryBuilder().setGitDir(mirrorDir.toFile()).setMustExist(true).build();
            } else {
                Files.createDirectories(mirrorDir.getParent());
                mirror = Git.init().setBare(true).setGitDir(mirrorDir.toFile()).call().getRepository();
            }
            // Protocol v2 lets the server send only the refs we fetch, not every ref of a big repo.
            var settings = mirror.getConfig();
            if (settings.getString("protocol", null, "version") == null) {
                settings.setInt("protocol", null, "version", 2);
                settings.save();
            }
            return mirror;
        } catch (IOException | GitAPIException e) {
            throw FetchFailures.mirrorFailed(e, credentials);
        }
    }

    private FetchResult fetchInto(Repository repo) throws SourceUnavailableException {
        FetchResult result;
        try (Git git = Git.wrap(repo)) {
            var fetch = git.fetch()
                    .setRemote(remote.safeUrl())
                    .setRefSpecs(MIRROR_SPECS)
                    .setRemoveDeletedRefs(true)
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setTimeout((int) Math.max(1, config.timeout().toSeconds()));
            if (credentials.isPresent()) {
                fetch.setCredentialsProvider(new UsernamePasswordCredentialsProvider(credentials.username(), credentials.secret()));
            }
            if (ssh != null) {
                fetch.setTransportConfigCallback(ssh::configure);
            }
            result = fetch.call();
        } catch (GitAPIException | RuntimeException e) {
            throw FetchFailures.classify(e, remote.safeUrl(), credentials);
        }
        for (TrackingRefUpdate update : result.getTrackingRefUpdates()) {
            // JGit reports a ref it could not update (e.g. a lock left by a crash) without throwing;
            // reading on would silently serve the old commit as if it were current.
            if (!UPDATED.contains(update.getResult())) {
                throw FetchFailures.mirrorFailed(new IOException("could not update " + update.getLocalName()
                        + " in " + mirrorDir + " (" + update.getResult() + "); remove stale *.lock files there"), credentials);
            }
        }
        return result;
    }

    /**
     * The remote's HEAD. Protocol v2 only advertises refs matching the fetch refspecs, so when
     * the fetch did not bring HEAD along, ask for it with ls-remote (one extra round trip).
     */
    private Ref remoteHead(FetchResult fetched) throws SourceUnavailableException {
        Ref head = fetched.getAdvertisedRef(Constants.HEAD);
        if (head != null) {
            return head;
        }
        try {
            var lsRemote = Git.lsRemoteRepository().setRemote(remote.safeUrl())
                    .setTimeout((int) Math.max(1, config.timeout().toSeconds()));
            if (credentials.isPresent()) {
                lsRemote.setCredentialsProvider(new UsernamePasswordCredentialsProvider(credentials.username(), credentials.secret()));
            }
            if (ssh != null) {
                lsRemote.setTransportConfigCallback(ssh::configure);
            }
            return lsRemote.callAsMap().get(Constants.HEAD);
        } catch (GitAPIException | RuntimeException e) {
            throw FetchFailures.classify(e, remote.safeUrl(), credentials);
        }
    }

    private static boolean rewritesHistory(Repository repo, String previous, ObjectId current) throws IOException {
        if (previous == null || previous.equals(current.name())) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectId old = ObjectId.fromString(previous);
            if (!repo.getObjectDatabase().has(old)) {
                return true;
            }
            return !walk.isMergedInto(walk.parseCommit(old), walk.parseCommit(current));
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
