package dev.logship.render;

import dev.logship.manifest.Problem;
import dev.logship.model.DesiredState;
import java.util.List;

/**
 * The outcome of reading manifests: a desired state only when there are no problems at all.
 * {@code internalError} is set when logship itself failed on the input (a bug, not a bad
 * manifest): the problems then hold one line saying so, so every caller that prints problems
 * still says something clear, and the controller can stall the commit with reason InternalError.
 * {@code warnings} (same shape as problems, e.g. an unmaintained agent) never stop a tree from applying.
 */
public record ReadResult(DesiredState state, List<Problem> problems, RuntimeException internalError, List<Problem> warnings) {
    public ReadResult(DesiredState state, List<Problem> problems, RuntimeException internalError) {
        this(state, problems, internalError, List.of());
    }

    public ReadResult {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        if (state != null && !problems.isEmpty()) {
            throw new IllegalArgumentException("a state with problems must not be applied");
        }
        if (state == null && problems.isEmpty()) {
            throw new IllegalArgumentException("either a state or problems");
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    static ReadResult rendered(DesiredState state, List<Problem> warnings) {
        return new ReadResult(state, List.of(), null, warnings);
    }

    static ReadResult failed(List<Problem> problems) {
        return new ReadResult(null, problems, null);
    }

    /**
     * logship failed on this input. Only the exception's type and where it was thrown go into
     * the problem: its message might quote manifest content (and routes are secret).
     */
    static ReadResult internal(RuntimeException e) {
        StackTraceElement[] trace = e.getStackTrace();
        String at = trace.length == 0 ? "" : " at " + trace[0].getClassName().replaceFirst(".*\\.", "") + "."
                + trace[0].getMethodName() + ":" + trace[0].getLineNumber();
        return new ReadResult(null, List.of(new Problem("(logship)", 1, 1, "(internal)",
                "logship failed on these manifests with " + e.getClass().getSimpleName() + at
                        + "; this is a bug in logship, not in the manifests: please report it"
                        + " (LOGSHIP_DEBUG=1 prints the stack trace)")), e);
    }
}
