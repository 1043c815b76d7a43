package dev.logship.cli;

import dev.logship.diff.DesiredDiff;
import dev.logship.git.LocalRevisions;
import dev.logship.git.SourceFactory;
import dev.logship.model.DesiredState;
import dev.logship.model.Snapshot;
import dev.logship.reconcile.ManifestSource;
import dev.logship.reconcile.SourceUnavailableException;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import dev.logship.rollout.WavePlan;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code plan --base REF --head REF}: the desired-state change a pull request makes, from Git
 * alone (no ECS, no credentials), so a CI job can post it as a review comment. Exit 2 when the
 * head changes anything, 0 when it changes nothing, 1 when the head does not validate.
 */
final class PullRequestPlan {
    private PullRequestPlan() {}

    static int run(SyncOptionsMixin options, String base, String head, PrintWriter out, PrintWriter err)
            throws SourceUnavailableException {
        ReadResult headRead = DesiredStates.read(snapshot(options, head));
        ReadResult baseRead = DesiredStates.read(snapshot(options, base));
        if (!headRead.ok()) {
            if (options.output == SyncOptionsMixin.Format.markdown) {
                out.print(DesiredDiffText.invalidMarkdown(head, headRead.problems().stream().map(Object::toString).toList()));
                out.flush();
            }
            headRead.problems().forEach(err::println);
            err.println("Exit 1: the head (" + head + ") has " + headRead.problems().size()
                    + " problem(s) in its manifests; serve would stall it and apply nothing.");
            return 1;
        }
        DesiredState after = headRead.state();
        DesiredState before = baseRead.ok() ? baseRead.state() : null;
        DesiredDiff diff = DesiredDiff.between(before, after);
        List<WavePlan> waves = WavePlan.of(after, after.clusters().stream().map(c -> c.target().name()).toList(),
                diff.clusters()::contains);
        DesiredDiffText text = new DesiredDiffText(label(base, baseRead), label(head, headRead), diff, waves,
                before == null ? baseRead.problems().size() : 0);
        switch (options.output) {
            case json -> out.print(Json.write(text.data()) + "\n");
            case markdown -> out.print(text.markdown());
            default -> out.print(text.text());
        }
        // a comment or a document stays clean: the verdict goes beside it
        (options.output == SyncOptionsMixin.Format.text ? out : err).println(text.verdict());
        out.flush();
        err.flush();
        return diff.isEmpty() ? 0 : PlanCommand.CHANGES_PENDING;
    }

    private static String label(String ref, ReadResult read) {
        return read.ok() ? ref + " (" + read.state().revision().shortId() + ")" : ref;
    }

    /** A local checkout is read at any revision it has; a URL through a mirror of its branches and tags. */
    private static Snapshot snapshot(SyncOptionsMixin options, String ref) throws SourceUnavailableException {
        String repo = options.source.repo;
        if (!repo.contains("://") && Files.isDirectory(Path.of(repo)) && SourceFactory.isGit(repo)) {
            return LocalRevisions.read(Path.of(repo), ref, options.source.path);
        }
        try (TemporaryDirectory temporary = TemporaryDirectory.create("logship-pr-plan")) {
            ManifestSource source = ManifestSources.open(repo, ref, options.source.path, temporary.path(), options.source.credentials());
            try {
                return source.fetch();
            } finally {
                if (source instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        // the snapshot is read; only a temporary mirror is left behind
                    }
                }
            }
        }
    }
}
