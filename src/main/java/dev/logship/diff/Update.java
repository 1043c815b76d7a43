package dev.logship.diff;

import dev.logship.model.DesiredForwarder;
import dev.logship.model.ForwarderKey;
import dev.logship.model.LiveService;
import dev.logship.model.ServiceSpec;
import java.util.List;
import java.util.Objects;

/** The service exists and is logship's (or adopted) but differs in the listed fields. */
public record Update(DesiredForwarder desired, ServiceSpec service, LiveService live, List<FieldDiff> diffs)
        implements Change {
    public Update {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(live, "live");
        diffs = List.copyOf(diffs);
        if (diffs.isEmpty()) {
            throw new IllegalArgumentException("an update needs at least one differing field");
        }
    }

    @Override
    public ForwarderKey key() {
        return desired.key();
    }

    @Override
    public Action action() {
        return Action.UPDATE;
    }

    @Override
    public String serviceName() {
        return service.serviceName();
    }

    public boolean needsTaskDefinition() {
        return diffs.stream().anyMatch(FieldDiff::touchesTaskDefinition);
    }

    public boolean needsServiceUpdate() {
        return diffs.stream().anyMatch(d -> !d.touchesTaskDefinition() && !d.touchesServiceTags());
    }

    public boolean needsTagging() {
        return diffs.stream().anyMatch(FieldDiff::touchesServiceTags);
    }
}
