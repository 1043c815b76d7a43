package dev.logship.state;

import dev.logship.rollout.RolloutClock;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scaled rollout clock's anchor, {@code clock.json} in the data directory: the real instant at
 * which the clock showed a given time, with the scale and the asked start it ran with. The times
 * in {@code rollouts.json} are that clock's times, so a restart must continue it rather than
 * start it again: a clock started again at the real time now lies behind the saved times (bakes
 * grow longer), one started again at {@code --clock-start} jumps back. Written once, atomically
 * (as the rollout state is), when a scaled clock first runs on this directory; read on each start.
 */
public final class ClockAnchorFile {
    public static final String NAME = "clock.json";
    private static final Logger LOG = LoggerFactory.getLogger(ClockAnchorFile.class);

    /** As written: the format first, as in the rollout state. {@code clockStart} null when none was asked. */
    record AnchorJson(int format, double scale, Instant clockStart, Instant realAt, Instant shown) {}

    private ClockAnchorFile() {}

    /**
     * {@code fresh} continued from the anchor kept in {@code dataDir} when that anchor was made with
     * the same scale and asked start; otherwise {@code fresh} itself, whose anchor is kept from now on
     * (other settings start the clock anew). Real time ({@code !fresh.isScaled()}) keeps no anchor.
     */
    public static RolloutClock continued(Path dataDir, RolloutClock fresh) {
        if (!fresh.isScaled()) {
            return fresh;
        }
        Path file = dataDir.resolve(NAME);
        AnchorJson kept = read(file);
        if (kept != null && kept.scale() == fresh.scale() && java.util.Objects.equals(kept.clockStart(), fresh.askedStart())
                && kept.realAt() != null && kept.shown() != null) {
            RolloutClock continued = fresh.continuedFrom(kept.realAt(), kept.shown());
            LOG.info("rollout clock continued from {}: it showed {} at {} (scale {}), now {}", file, kept.shown(), kept.realAt(),
                    kept.scale(), continued.instant());
            return continued;
        }
        if (kept != null) {
            LOG.info("rollout clock started anew: {} was kept for scale {} and start {}, this serve runs scale {} and start {}", file,
                    kept.scale(), kept.clockStart(), fresh.scale(), fresh.askedStart());
        }
        // A failed write is logged by the writer; the clock then runs for this process only, as it did before anchors were kept.
        AtomicJsonFile.write(file, new AnchorJson(StateFormat.FORMAT, fresh.scale(), fresh.askedStart(), fresh.realOrigin(), fresh.start()));
        return fresh;
    }

    /** The kept anchor, null when there is none or it cannot be read (then it is set aside and the clock starts anew). */
    private static AnchorJson read(Path file) {
        try {
            return StateFormat.parse(file, AnchorJson.class);
        } catch (RolloutFile.UnreadableException e) {
            RolloutFile.setAside(file, "rollout clock anchor not restored", e);
            return null;
        }
    }
}
