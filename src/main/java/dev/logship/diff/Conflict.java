package dev.logship.diff;

import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveService;
import java.util.Objects;

/**
 * A same-named service exists that logship does not own (no ownership tags, or owned by
 * another forwarder). It is reported and never touched, unless the forwarder says adopt.
 */
public record Conflict(DesiredForwarder desired, LiveService live, String reason) implements Change {
    public Conflict {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ForwarderKey key() {
        return desired.key();
    }

    @Override
    public Action action() {
        return Action.CONFLICT;
    }

    @Override
    public String serviceName() {
        return live.serviceName();
    }
}
