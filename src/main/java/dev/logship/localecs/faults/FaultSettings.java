package dev.logship.localecs.faults;

import java.util.concurrent.atomic.AtomicReference;

/** The faults in force; the configured latency is the floor that admin changes start from. */
public final class FaultSettings {
    private final Faults initial;
    private final AtomicReference<Faults> current;

    public FaultSettings(Faults initial) {
        this.initial = initial;
        this.current = new AtomicReference<>(initial);
    }

    public Faults current() {
        return current.get();
    }

    public void set(Faults faults) {
        current.set(faults);
    }

    public void reset() {
        current.set(initial);
    }
}
