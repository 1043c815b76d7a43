package dev.logship.model;

import java.util.Objects;

/**
 * What a desired state was read from: a Git commit id, or for a plain directory a content
 * hash prefixed with {@code dir:}. {@code description} is for people (commit subject, path).
 */
public record Revision(String id, String description) {
    public Revision {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
    }

    public String shortId() {
        return id.startsWith("dir:") ? id.substring(0, Math.min(id.length(), 16)) : id.substring(0, Math.min(id.length(), 12));
    }
}
