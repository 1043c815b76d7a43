package dev.logship.diff;

import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveService;
import java.util.Objects;

/** A service logship created on this cluster whose forwarder is no longer in Git: delete it. */
public record Prune(ForwarderKey key, LiveService live) implements Change {
    public Prune {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(live, "live");
    }

    @Override
    public Action action() {
        return Action.PRUNE;
    }

    @Override
    public String serviceName() {
        return live.serviceName();
    }
}
