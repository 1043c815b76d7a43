package dev.logship.diff;

import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveService;
import dev.logship.model.ServiceSpec;
import java.util.Objects;

/** The scheduling strategy changed (ECS cannot update it): delete, wait for INACTIVE, create. */
public record Recreate(DesiredForwarder desired, ServiceSpec service, LiveService live) implements Change {
    public Recreate {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(live, "live");
    }

    @Override
    public ForwarderKey key() {
        return desired.key();
    }

    @Override
    public Action action() {
        return Action.RECREATE;
    }

    @Override
    public String serviceName() {
        return service.serviceName();
    }
}
