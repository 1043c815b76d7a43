package dev.logship.manifest;

import dev.logship.model.NotifierSpec;
import java.util.Objects;

/** A parsed {@code kind: Notifier} and where it was defined. */
public record NotifierManifest(NotifierSpec notifier, Position position) {
    public NotifierManifest {
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(position, "position");
    }

    public String name() {
        return notifier.name();
    }
}
