package dev.logship.diff;

import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveService;
import java.util.Objects;

/**
 * A service logship created on this cluster whose forwarder is no longer in Git: delete it.
 * {@code reason} is set when the forwarder is still in Git but moved to a managed daemon (the
 * service is the old half of that replacement); null for a plain prune.
 */
public record Prune(ForwarderKey key, LiveService live, String reason) implements Change {
    public Prune {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(live, "live");
    }

    public Prune(ForwarderKey key, LiveService live) {
        this(key, live, null);
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
