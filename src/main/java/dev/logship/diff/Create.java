package dev.logship.diff;

import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.ServiceSpec;
import java.util.Objects;

/** The service does not exist: register (or reuse) the task definition and create the service. */
public record Create(DesiredForwarder desired, ServiceSpec service) implements Change {
    public Create {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(service, "service");
    }

    @Override
    public ForwarderKey key() {
        return desired.key();
    }

    @Override
    public Action action() {
        return Action.CREATE;
    }

    @Override
    public String serviceName() {
        return service.serviceName();
    }
}
