package dev.logship.localecs;

import java.util.concurrent.atomic.AtomicReference;

/** The faults in force; the configured latency is the floor that admin changes start from. */
final class FaultSettings {
    private final Faults initial;
    private final AtomicReference<Faults> current;

    FaultSettings(Faults initial) {
        this.initial = initial;
        this.current = new AtomicReference<>(initial);
    }

    Faults current() {
        return current.get();
    }

    void set(Faults faults) {
        current.set(faults);
    }

    void reset() {
        current.set(initial);
    }
}
