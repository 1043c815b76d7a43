package dev.logship.discovery;

import java.time.Instant;

/** One account and region a set could not list: why, since when, and whether an earlier list is kept in its place. */
public record ScopeFailure(String account, String region, String reason, String message, Instant since, boolean keptLastGood) {
    @Override
    public String toString() {
        return account + "/" + region + ": " + reason + ": " + message
                + (keptLastGood ? " (keeping the last good list)" : " (no list yet: none of its clusters are known)");
    }
}
