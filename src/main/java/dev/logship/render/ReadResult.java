package dev.logship.render;

import dev.logship.manifest.Problem;
import dev.logship.model.DesiredState;
import java.util.List;

/**
 * The outcome of reading manifests: a desired state only when there are no problems at all.
 * {@code warnings} (same shape as problems) never stop a tree from applying.
 */
public record ReadResult(DesiredState state, List<Problem> problems, List<Problem> warnings) {
    public ReadResult(DesiredState state, List<Problem> problems) {
        this(state, problems, List.of());
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
        return new ReadResult(state, List.of(), warnings);
    }

    static ReadResult failed(List<Problem> problems) {
        return new ReadResult(null, problems);
    }
}
