package dev.logship.web;

/**
 * Where one cluster stands in the rollout of the commit in force, in the words the table, the
 * rollout panel, the summary and the API all use (one source, so they cannot disagree).
 * {@code wave} is 1-based; {@code text} is the sentence a person reads ("Waiting: wave 2 of 2
 * (staging), starts after wave 1 bakes").
 */
record RolloutPlace(State state, String policy, int wave, int waves, String waveName, String text) {
    /** The states a cluster can be in; {@link #held()} ones wait for others and are never failing. */
    enum State {
        Waiting, Held, Unchanged, InFlight, Baking, Done, Failed, RollingBack, RolledBack;

        /** Not yet reached by the rollout (its wave has not started, or the rollout halted before it). */
        boolean held() {
            return this == Waiting || this == Held;
        }

        /** The word the rollout panel uses for it (camel case, as the API's phase names). */
        String key() {
            return Character.toLowerCase(name().charAt(0)) + name().substring(1);
        }
    }

    /** "wave 2 of 2 (staging)". */
    String where() {
        return "wave " + wave + " of " + waves + (waveName == null || waveName.isEmpty() ? "" : " (" + waveName + ")");
    }
}
