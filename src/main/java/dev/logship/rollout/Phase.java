package dev.logship.rollout;

/** Where one cluster is in a rollout. */
public enum Phase {
    /** Its wave has not reached it yet (or it waits for a free maxConcurrent slot). */
    PENDING,
    /** Applied; not yet Healthy on the new commit. Counts against maxConcurrent. */
    IN_FLIGHT,
    /** Healthy on the new commit since {@code healthySince}; done once bakeTime has passed. */
    BAKING,
    DONE,
    /** Went Degraded: the rollout halts. */
    FAILED,
    /** Being returned to the last commit that was Healthy there. */
    ROLLING_BACK,
    ROLLED_BACK;

    /** Whether the rollout changed this cluster (so a rollback must return it). */
    boolean touched() {
        return this == IN_FLIGHT || this == BAKING || this == DONE || this == FAILED;
    }
}
