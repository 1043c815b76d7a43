package dev.logship.reconcile;

import dev.logship.model.Snapshot;
import java.util.function.Supplier;

/** A manifest source that serves whatever snapshot the test holds at each fetch (no Git, no directory). */
final class HeldSource {
    private HeldSource() {}

    static ManifestSource of(Supplier<Snapshot> held) {
        return new ManifestSource() {
            @Override
            public Snapshot fetch() {
                return held.get();
            }

            @Override
            public String describe() {
                return "test";
            }
        };
    }
}
