package dev.logship.diff;

import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveService;
import java.util.Objects;

/** Live equals desired after normalisation. */
public record NoChange(DesiredForwarder desired, LiveService live) implements Change {
    public NoChange {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(live, "live");
    }

    @Override
    public ForwarderKey key() {
        return desired.key();
    }

    @Override
    public Action action() {
        return Action.NO_CHANGE;
    }

    @Override
    public String serviceName() {
        return live.serviceName();
    }
}
