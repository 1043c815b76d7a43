package dev.logship.model;

import java.util.Objects;

/**
 * One entry of a manifest tree as read from Git or a directory. Symlinks and submodules are
 * carried (not followed) so validation can report them as problems.
 */
public record SourceFile(String path, Kind kind, byte[] content) {
    public enum Kind { FILE, SYMLINK, SUBMODULE }

    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        content = content == null ? new byte[0] : content.clone();
    }

    public static SourceFile file(String path, byte[] content) {
        return new SourceFile(path, Kind.FILE, content);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }
}
