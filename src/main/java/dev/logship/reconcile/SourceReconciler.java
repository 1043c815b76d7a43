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
import java.util.stream.Collectors;

/**
 * The source run, as phases: fetch -> parse and render -> accept or stall. A valid new commit
 * becomes the desired state in force and is handed to {@code onAccepted} (which triggers every
 * cluster). An invalid one stalls every cluster and changes nothing else; a failed fetch is
 * reported on the source and the last good commit stays in force.
 */
final class SourceReconciler {
    private static final int PROBLEMS_SHOWN = 20;

    private final ManifestSource source;
    private final StatusStore store;
    private final ReconcileListener listener;
    private final Consumer<DesiredState> onAccepted;
    private volatile DesiredState inForce;
    private volatile Stall stall;
    private String lastSeen;
    private String lastFailure;

    SourceReconciler(ManifestSource source, StatusStore store, ReconcileListener listener, Consumer<DesiredState> onAccepted) {
        this.source = source;
        this.store = store;
        this.listener = listener;
        this.onAccepted = onAccepted;
    }

    DesiredState inForce() {
        return inForce;
    }

    Stall stall() {
        return stall;
    }

    synchronized TriggerQueue.RunResult reconcile() {
        Snapshot snapshot = fetch();
        if (snapshot == null) {
            return TriggerQueue.RunResult.FAILURE;
        }
        Revision revision = snapshot.revision();
        lastFailure = null;
        Stall current = stall;
        store.updateSource(s -> new SourceStatus(s.repo(), s.ref(), s.path(), revision.id(), revision.description(),
                Instant.now(), current != null && current.revision().equals(revision.id()) ? current.message() : null));
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
        ReadResult read = DesiredStates.read(snapshot);
        if (!read.ok()) {
            stall(revision, read.problems());
        } else {
            accept(read.state());
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
            // Only the type: an unexpected message might carry a URL with credentials.
            failed(start, "FetchFailed", "unexpected " + e.getClass().getSimpleName());
        }
        return null;
    }

    private void failed(long start, String reason, String message) {
        listener.fetched(Duration.ofNanos(System.nanoTime() - start), reason);
        String error = reason + ": " + message;
        store.updateSource(s -> new SourceStatus(s.repo(), s.ref(), s.path(), s.revision(), s.revisionMessage(),
                s.fetchedAt(), error + (inForce == null ? "" : "; still applying " + inForce.revision().shortId())));
        if (!error.equals(lastFailure)) {
            store.record(Event.of(null, "FetchFailed", error, inForce == null ? null : inForce.revision().id()));
            lastFailure = error;
        }
    }

    private void stall(Revision revision, List<Problem> problems) {
        String listed = problems.stream().limit(PROBLEMS_SHOWN).map(Problem::toString).collect(Collectors.joining("; "));
        String message = "revision " + revision.shortId() + " has " + problems.size() + " problem(s), nothing of it is applied"
                + (inForce == null ? "" : " (ECS stays on the older commit " + inForce.revision().shortId() + ")") + ": " + listed
                + (problems.size() > PROBLEMS_SHOWN ? "; ..." : "");
        Stall next = new Stall(revision.id(), message);
        stall = next;
        store.updateSource(s -> new SourceStatus(s.repo(), s.ref(), s.path(), s.revision(), s.revisionMessage(),
                s.fetchedAt(), "ValidationFailed: " + message));
        for (String cluster : store.clusterNames()) {
            store.updateCluster(cluster, c -> new ClusterStatus(c.name(), c.clusterName(), c.region(), c.syncStatus(),
                    c.health(), c.healthMessage(), Conditions.stalled(next), revision.id(), c.lastAppliedRevision(),
                    c.lastSyncTime(), c.lastSyncDurationMillis(), c.lastError(), c.pendingPlan(), c.forwarders(), c.labels())
                    .keepingTransitionsOf(c));
        }
        store.record(Event.of(null, "Stalled", message, revision.id()));
    }

    private void accept(DesiredState state) {
        inForce = state;
        stall = null;
        store.track(state);
        store.record(Event.of(null, "NewRevision", "accepted " + ClusterReconciler.describe(state.revision()) + " for "
                + state.clusters().size() + " cluster(s)", state.revision().id()));
        onAccepted.accept(state);
    }
}
