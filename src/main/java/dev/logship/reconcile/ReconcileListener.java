package dev.logship.reconcile;

import java.time.Duration;

/**
 * What the controller reports as it works, for metrics. Owned here so reconcile stays free of
 * any metrics library; the web package implements it with Micrometer.
 */
public interface ReconcileListener {
    ReconcileListener NONE = new ReconcileListener() {};

    /** One fetch of the manifest source; {@code outcome} is "ok" or the failure reason. */
    default void fetched(Duration took, String outcome) {}

    /** One cluster run; {@code result} is synced, applied, out_of_sync, stalled or failed. */
    default void synced(String cluster, String result, Duration took) {}
}
