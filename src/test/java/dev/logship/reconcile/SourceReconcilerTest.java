package dev.logship.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.manifest.TestSnapshots;
import dev.logship.model.DesiredState;
import dev.logship.model.Revision;
import dev.logship.model.Snapshot;
import dev.logship.render.DesiredStates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A commit logship itself fails on is Stalled (InternalError), logged with a stack trace, and never lost. */
class SourceReconcilerTest {
    private static final String SECRET = "syslog+tls://logs7.papertrailapp.com:41234";

    private Snapshot current;
    private final List<DesiredState> accepted = new ArrayList<>();

    private final ManifestSource source = HeldSource.of(() -> current);

    private static Snapshot commit(String id) {
        Snapshot files = TestSnapshots.of("c.yaml", TestSnapshots.cluster("prod", "us-east-1"),
                "f.yaml", TestSnapshots.forwarder("pt", "routes: [\"" + SECRET + "\"]"));
        return new Snapshot(new Revision(id, "commit " + id), files.files());
    }

    @Test
    void aCommitLogshipFailsOnIsStalledWithInternalErrorAndAStackTraceInTheLog() {
        StatusStore store = new StatusStore(SourceStatus.notFetched("repo", "main", "."), 50);
        SourceReconciler run = new SourceReconciler(source, store, ReconcileListener.NONE, accepted::add, snapshot -> {
            if (snapshot.revision().id().startsWith("bbbb")) {
                throw new IllegalStateException("a bug that quotes " + SECRET);
            }
            return DesiredStates.read(snapshot);
        });
        current = commit("aaaa000000000000000000000000000000000000");
        run.reconcile();
        assertThat(store.source().revision()).isEqualTo(current.revision().id());

        current = commit("bbbb000000000000000000000000000000000000");
        String log = stderrOf(run::reconcile);

        // the commit is not lost: it is Stalled with reason InternalError, the previous one stays in force
        assertThat(run.inForce().revision().id()).startsWith("aaaa");
        assertThat(accepted).hasSize(1);
        assertThat(run.stall().reason()).isEqualTo("InternalError");
        assertThat(store.source().revision()).startsWith("bbbb");
        assertThat(store.source().error()).startsWith("InternalError: unexpected IllegalStateException in reading revision bbbb")
                .contains("aaaa00000000 stays in force");
        ClusterStatus cluster = store.cluster("prod").orElseThrow();
        assertThat(cluster.condition(Condition.STALLED).holds()).isTrue();
        assertThat(cluster.condition(Condition.STALLED).reason()).isEqualTo("InternalError");
        assertThat(store.events()).anyMatch(e -> e.type().equals("InternalError"));

        // "stack trace in the log as incident X": X is in the log, with the frames, and without the secret
        Matcher incident = Pattern.compile("incident ([0-9a-f]{8})").matcher(store.source().error());
        assertThat(incident.find()).isTrue();
        assertThat(log).contains("incident " + incident.group(1)).contains("java.lang.IllegalStateException")
                .contains("\tat dev.logship.reconcile.SourceReconcilerTest").doesNotContain(SECRET);

        // the same commit fetched again stays stalled; the next good commit is accepted
        run.reconcile();
        assertThat(store.source().error()).startsWith("InternalError: ");
        current = commit("cccc000000000000000000000000000000000000");
        run.reconcile();
        assertThat(run.inForce().revision().id()).startsWith("cccc");
        assertThat(run.stall()).isNull();
        assertThat(store.source().error()).isNull();
    }

    @Test
    void aFetchedCommitIsNotShownAsCurrentBeforeItWasAcceptedOrStalled() {
        StatusStore store = new StatusStore(SourceStatus.notFetched("repo", "main", "."), 50);
        List<String> shownWhileReading = new ArrayList<>();
        SourceReconciler run = new SourceReconciler(source, store, ReconcileListener.NONE, accepted::add, snapshot -> {
            shownWhileReading.add(String.valueOf(store.source().revision()));
            return DesiredStates.read(snapshot);
        });
        current = commit("aaaa000000000000000000000000000000000000");
        run.reconcile();
        current = commit("bbbb000000000000000000000000000000000000");
        run.reconcile();
        assertThat(shownWhileReading).containsExactly("null", "aaaa000000000000000000000000000000000000");
        assertThat(store.source().revision()).startsWith("bbbb");
    }

    /** The console appender writes to the System.err of the moment of each call. */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
