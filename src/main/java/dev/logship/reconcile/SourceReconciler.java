package dev.logship.reconcile;

import dev.logship.manifest.Problem;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source run, as phases: fetch -> parse and render -> accept or stall. A valid new commit
 * becomes the desired state in force and is handed to {@code onAccepted} (which triggers every
 * cluster). An invalid one stalls every cluster and changes nothing else; a failed fetch is
 * reported on the source and the last good commit stays in force.
 */
final class SourceReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(SourceReconciler.class);
    private static final int PROBLEMS_SHOWN = 20;

    private final ManifestSource source;
    private final StatusStore store;
    private final ReconcileListener listener;
    private final Consumer<DesiredState> onAccepted;
    private volatile Function<Snapshot, ReadResult> reader;
    private FleetDiscovery fleet;
    private Snapshot acceptedSnapshot;
    private volatile DesiredState inForce;
    private volatile Stall stall;
    private volatile String lastSeen;
    private volatile CommitGate gate = CommitGate.OPEN;
    private String lastFailure;

    SourceReconciler(ManifestSource source, StatusStore store, ReconcileListener listener, Consumer<DesiredState> onAccepted) {
        this(source, store, listener, onAccepted, DesiredStates::read);
    }

    /** {@code reader} is {@link DesiredStates#read} except in tests that make it fail like a bug would. */
    SourceReconciler(ManifestSource source, StatusStore store, ReconcileListener listener, Consumer<DesiredState> onAccepted,
                     Function<Snapshot, ReadResult> reader) {
        this.reader = reader;
        this.source = source;
        this.store = store;
        this.listener = listener;
        this.onAccepted = onAccepted;
    }

    /** From now on, commits are checked for a trusted signature (serve's --verify-signatures). */
    void gate(CommitGate newGate) {
        gate = newGate;
    }

    /** Reads every snapshot with the clusters its ClusterSets discover (before the first fetch). */
    synchronized void useFleet(FleetDiscovery discovery) {
        this.fleet = discovery;
        this.reader = discovery::read;
        discovery.start(this::rediscover);
    }

    void stopDiscovery() {
        if (fleet != null) {
            fleet.stop();
        }
    }

    /**
     * Discovery's own run: lists the sets of the commit in force again and, when the clusters
     * changed, puts the commit re-read with them in force (no new revision); a conflict the new
     * clusters bring stalls it like a bad commit, the last good state staying in force.
     */
    synchronized void rediscover() {
        Snapshot snapshot = acceptedSnapshot;
        if (fleet == null || snapshot == null) {
            return;
        }
        Revision revision = snapshot.revision();
        ReadResult read = fleet.refresh(snapshot, revision.id());
        if (read == null) {
            fleet.covered(inForce);
        } else if (read.internalError() != null) {
            stall(revision, Stall.INTERNAL_ERROR, InternalErrors.log(LOG, "reading discovered clusters", read.internalError()));
        } else if (!read.ok()) {
            stall(revision, read.problems());
        } else {
            if (stall != null && stall.revision().equals(revision.id())) {
                stall = null; // the conflict discovery brought is gone
                store.updateSource(s -> s.with(revision.id(), revision.description(), s.fetchedAt(), null));
            }
            store.track(read.state());
            inForce = read.state();
            fleet.covered(read.state());
            onAccepted.accept(read.state());
        }
    }

    DesiredState inForce() {
        return inForce;
    }

    Stall stall() {
        return stall;
    }

    /** The commit the last successful fetch found at the ref (accepted or stalled), or null before one. */
    String lastFetched() {
        return lastSeen;
    }

    synchronized TriggerQueue.RunResult reconcile() {
        Snapshot snapshot = fetch();
        if (snapshot == null) {
            return TriggerQueue.RunResult.FAILURE;
        }
        Revision revision = snapshot.revision();
        lastFailure = null;
        Stall current = stall;
        // The revision shown stays the one in force (or stalled) until this one is accepted or stalled below.
        store.updateSource(s -> s.with(s.revision(), s.revisionMessage(), Instant.now(),
                current != null && current.revision().equals(s.revision()) ? current.reason() + ": " + current.message() : null));
        if (revision.id().equals(lastSeen)) {
            return TriggerQueue.RunResult.SUCCESS;
        }
        String previous = lastSeen;
        lastSeen = revision.id();
        if (previous != null && source.lastFetchRewroteHistory()) {
            store.record(Event.of(null, "HistoryRewritten", "the ref was moved to " + revision.shortId()
                    + ", which does not descend from " + previous.substring(0, Math.min(12, previous.length()))
                    + " (force-push); following it", revision.id()));
        }
        String signature = null;
        CommitSignature verdict = null;
        if (gate.verifies()) {
            try {
                verdict = gate.verifier().verify(revision.id());
            } catch (SourceUnavailableException e) {
                verdict = CommitSignature.refused(CommitSignature.Status.BAD, null, null, e.getMessage());
            }
            signature = verdict.describe();
            if (!verdict.isTrusted() && gate.policy() == SignaturePolicy.ENFORCE) {
                stall(revision, Stall.UNTRUSTED_COMMIT, "revision " + revision.shortId() + ": " + signature
                        + "; --verify-signatures enforce: nothing of it is applied");
                return TriggerQueue.RunResult.SUCCESS;
            }
            if (!verdict.isTrusted()) {
                LOG.warn("revision {}: {}; applied anyway (--verify-signatures warn)", revision.shortId(), signature);
                store.record(Event.of(null, "UntrustedCommit", "revision " + revision.shortId() + ": " + signature
                        + "; applied anyway (--verify-signatures warn)", revision.id()));
            }
        }
        try {
            ReadResult read = reader.apply(snapshot);
            if (read.internalError() != null) {
                stall(revision, Stall.INTERNAL_ERROR, InternalErrors.log(LOG, "reading revision " + revision.shortId(),
                        read.internalError()) + "; nothing of it is applied");
            } else if (!read.ok()) {
                stall(revision, read.problems());
            } else {
                acceptedSnapshot = snapshot;
                accept(read.state(), signature, verdict);
            }
        } catch (RuntimeException e) {
            stall(revision, Stall.INTERNAL_ERROR, InternalErrors.log(LOG, "reading revision " + revision.shortId(), e)
                    + "; nothing of it is applied");
        }
        return TriggerQueue.RunResult.SUCCESS;
    }

    private Snapshot fetch() {
        long start = System.nanoTime();
        try {
            Snapshot snapshot = source.fetch();
            listener.fetched(Duration.ofNanos(System.nanoTime() - start), "ok");
            return snapshot;
        } catch (SourceUnavailableException e) {
            failed(start, e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            // The log gets types and frames only: an unexpected message might carry a URL with credentials.
            failed(start, "FetchFailed", InternalErrors.log(LOG, "fetch", e));
        }
        return null;
    }

    private void failed(long start, String reason, String message) {
        listener.fetched(Duration.ofNanos(System.nanoTime() - start), reason);
        String error = reason + ": " + message;
        store.updateSource(s -> s.with(s.revision(), s.revisionMessage(), s.fetchedAt(),
                error + (inForce == null ? "" : "; still applying " + inForce.revision().shortId())));
        if (!error.equals(lastFailure)) {
            store.record(Event.of(null, "FetchFailed", error, inForce == null ? null : inForce.revision().id()));
            lastFailure = error;
        }
    }

    private void stall(Revision revision, List<Problem> problems) {
        String listed = problems.stream().limit(PROBLEMS_SHOWN).map(Problem::toString).collect(Collectors.joining("; "));
        stall(revision, Stall.VALIDATION_FAILED, "revision " + revision.shortId() + " has " + problems.size()
                + " problem(s), nothing of it is applied: " + listed + (problems.size() > PROBLEMS_SHOWN ? "; ..." : ""));
    }

    /** The commit is not applied; the one in force (if any) stays, and every cluster says so. */
    private void stall(Revision revision, String reason, String detail) {
        String message = detail + (inForce == null ? "" : " (" + inForce.revision().shortId() + " stays in force)");
        Stall next = new Stall(revision.id(), reason, message);
        stall = next;
        store.updateSource(s -> s.with(revision.id(), revision.description(), s.fetchedAt(), reason + ": " + message));
        for (String cluster : store.clusterNames()) {
            store.updateCluster(cluster, c -> new ClusterStatus(c.name(), c.clusterName(), c.region(), c.syncStatus(),
                    c.health(), c.healthMessage(), Conditions.stalled(next), revision.id(), c.lastAppliedRevision(),
                    c.lastSyncTime(), c.lastSyncDurationMillis(), c.lastError(), c.pendingPlan(), c.forwarders(), c.labels())
                    .keepingTransitionsOf(c));
        }
        store.record(Event.of(null, reason.equals(Stall.INTERNAL_ERROR) ? reason : "Stalled", reason.equals(Stall.VALIDATION_FAILED)
                || reason.equals(Stall.INTERNAL_ERROR) ? message : reason + ": " + message, revision.id()));
    }

    private void accept(DesiredState state, String signature, CommitSignature verdict) {
        store.track(state);
        inForce = state;
        if (fleet != null) {
            fleet.covered(state);
        }
        stall = null;
        Revision revision = state.revision();
        CommitInForce commit = CommitInForce.of(revision.id(), gate.verifies() ? gate.policy() : SignaturePolicy.OFF, verdict);
        store.updateSource(s -> new SourceStatus(s.repo(), s.ref(), s.path(), revision.id(), revision.description(),
                s.fetchedAt(), null, signature, commit));
        store.record(Event.of(null, "NewRevision", "accepted " + ClusterReconciler.describe(state.revision()) + " for "
                + state.clusters().size() + " cluster(s)", state.revision().id()));
        onAccepted.accept(state);
    }
}
