package dev.logship.model;

import java.util.List;
import java.util.Objects;

/** The manifest files at one revision, paths relative to the manifest root, sorted. */
public record Snapshot(Revision revision, List<SourceFile> files) {
    public Snapshot {
        Objects.requireNonNull(revision, "revision");
        files = Immutable.list(files).stream()
                .sorted((a, b) -> a.path().compareTo(b.path()))
                .toList();
    }
}
