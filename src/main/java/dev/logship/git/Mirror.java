package dev.logship.git;

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
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The bare mirror of one remote under {@code <dataDir>/git/<hash of the URL>.git}: opens or
 * creates it, fetches branches and tags into it (incrementally, pruning deleted refs) and asks
 * the remote for its HEAD. Not thread-safe: {@link GitSource} serialises calls.
 */
final class Mirror implements AutoCloseable {
    private static final RefSpec[] SPECS = {
        new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*")};
    private static final Set<RefUpdate.Result> UPDATED = EnumSet.of(RefUpdate.Result.NEW, RefUpdate.Result.FORCED,
            RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.NO_CHANGE, RefUpdate.Result.RENAMED);

    private final RemoteUrl remote;
    private final GitCredentials credentials;
    private final Duration timeout;
    private final Path dir;
    private final SshSessions ssh;
    private Repository repo;

    Mirror(RemoteUrl remote, GitCredentials credentials, Path dataDir, Duration timeout) {
        this.remote = remote;
        this.credentials = credentials;
        this.timeout = timeout;
        this.dir = dataDir.resolve("git").resolve(hash(remote.safeUrl()) + ".git");
        this.ssh = remote.isSsh() ? new SshSessions(credentials, dataDir) : null;
    }

    Path directory() {
        return dir;
    }

    Repository open() throws SourceUnavailableException {
        if (repo != null) {
            return repo;
        }
        try {
            if (Files.isDirectory(dir.resolve("objects"))) {
                repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
            } else {
                Files.createDirectories(dir.getParent());
                repo = Git.init().setBare(true).setGitDir(dir.toFile()).call().getRepository();
            }
            // Protocol v2 lets the server send only the refs we fetch, not every ref of a big repo.
            var settings = repo.getConfig();
            if (settings.getString("protocol", null, "version") == null) {
                settings.setInt("protocol", null, "version", 2);
                settings.save();
            }
            // JGit's auto gc after a fetch runs detached by default: a thread that outlives a one-shot
            // plan/apply whose temporary mirror is already deleted, failing on gc.log.lock. Run it in line.
            if (settings.getString("gc", null, "autoDetach") == null) {
                settings.setBoolean("gc", null, "autoDetach", false);
                settings.save();
            }
            return repo;
        } catch (IOException | GitAPIException e) {
            throw FetchFailures.mirrorFailed(e, credentials);
        }
    }

    FetchResult fetch() throws SourceUnavailableException {
        FetchResult result;
        try (Git git = Git.wrap(open())) {
            result = authenticate(git.fetch().setRemote(remote.safeUrl()).setRefSpecs(SPECS)
                    .setRemoveDeletedRefs(true).setTagOpt(TagOpt.NO_TAGS)).call();
        } catch (GitAPIException | RuntimeException e) {
            throw FetchFailures.classify(e, remote.safeUrl(), credentials);
        }
        for (TrackingRefUpdate update : result.getTrackingRefUpdates()) {
            // JGit reports a ref it could not update (e.g. a lock left by a crash) without throwing;
            // reading on would silently serve the old commit as if it were current.
            if (!UPDATED.contains(update.getResult())) {
                throw FetchFailures.mirrorFailed(new IOException("could not update " + update.getLocalName()
                        + " in " + dir + " (" + update.getResult() + "); remove stale *.lock files there"), credentials);
            }
        }
        return result;
    }

    /**
     * The remote's HEAD. Protocol v2 only advertises refs matching the fetch refspecs, so when
     * the fetch did not bring HEAD along, ask for it with ls-remote (one extra round trip).
     */
    Ref remoteHead(FetchResult fetched) throws SourceUnavailableException {
        Ref head = fetched.getAdvertisedRef(Constants.HEAD);
        if (head != null) {
            return head;
        }
        try {
            return authenticate(Git.lsRemoteRepository().setRemote(remote.safeUrl())).callAsMap().get(Constants.HEAD);
        } catch (GitAPIException | RuntimeException e) {
            throw FetchFailures.classify(e, remote.safeUrl(), credentials);
        }
    }

    private <C extends TransportCommand<C, ?>> C authenticate(C command) {
        command.setTimeout((int) Math.max(1, timeout.toSeconds()));
        if (credentials.isPresent()) {
            command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(credentials.username(), credentials.secret()));
        }
        if (ssh != null) {
            command.setTransportConfigCallback(ssh::configure);
        }
        return command;
    }

    @Override
    public void close() {
        if (repo != null) {
            repo.close();
            repo = null;
        }
        if (ssh != null) {
            ssh.close();
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
