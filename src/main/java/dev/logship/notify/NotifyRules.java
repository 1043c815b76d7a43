package dev.logship.notify;

import dev.logship.model.AddressRange;
import java.nio.file.Path;
import java.util.List;

/**
 * Where notifier URLs may point and come from, so a manifest in Git cannot turn serve against its
 * own network or secrets: https only unless {@code allowHttp}; no loopback, link-local, private or
 * other non-public address unless its block is in {@code allowPrivate}; {@code urlFrom.file} only
 * under {@code urlFileDir} (none: refused). {@code urlFrom.env} is always limited to LOGSHIP_NOTIFY_*.
 */
public record NotifyRules(boolean allowHttp, List<String> allowPrivate, Path urlFileDir) {
    /** The prefix every {@code urlFrom.env} variable must have. */
    public static final String ENV_PREFIX = "LOGSHIP_NOTIFY_";
    /** The most a {@code urlFrom.file} may hold: a URL, not a file of any size. */
    public static final int MAX_FILE_BYTES = 8 * 1024;

    public NotifyRules {
        allowPrivate = allowPrivate == null ? List.of() : allowPrivate.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        allowPrivate.forEach(cidr -> {
            try {
                AddressRange.parse(cidr);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--notify-allow-private: " + e.getMessage());
            }
        });
    }

    /** https to public addresses only, no URL files. */
    public static NotifyRules strict() {
        return new NotifyRules(false, List.of(), null);
    }

    List<AddressRange> allowedRanges() {
        return allowPrivate.stream().map(AddressRange::parse).toList();
    }
}
