package dev.logship.diff;

import dev.logship.model.LiveDaemon;
import java.util.List;
import java.util.Objects;

/**
 * What one managed daemon needs: create it, update it (with what differs, for {@code plan}),
 * nothing, prune it (this installation's and no longer in Git), or a conflict (a same-named
 * daemon that is not this installation's: reported, never touched). {@code desired} is null for
 * a prune; {@code live} is null for a create.
 */
public record DaemonChange(Kind kind, String daemonName, DaemonDiffer.Desired desired, LiveDaemon live,
        List<String> differences, String reason) {

    public enum Kind { CREATE, UPDATE, NO_CHANGE, PRUNE, CONFLICT }

    public DaemonChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(daemonName, "daemonName");
        differences = List.copyOf(differences);
    }

    public boolean mutates() {
        return kind == Kind.CREATE || kind == Kind.UPDATE || kind == Kind.PRUNE;
    }
}
