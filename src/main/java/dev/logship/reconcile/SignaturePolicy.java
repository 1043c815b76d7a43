package dev.logship.reconcile;

import java.util.Locale;

/**
 * {@code --verify-signatures}: {@code off} applies every commit; {@code warn} applies an
 * unsigned or untrusted one and says so (event and log); {@code enforce} stalls it: nothing of it
 * is applied and the commit in force stays.
 */
public enum SignaturePolicy {
    OFF, WARN, ENFORCE;

    /** off, warn or enforce, in any case. */
    public static SignaturePolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--verify-signatures " + text + ": expected off, warn or enforce");
        }
    }
}
