package dev.logship.manifest;

import java.util.Objects;

/**
 * One thing wrong with the manifests, precise enough to fix without guessing: the file
 * (relative to the manifest root), 1-based line and column, the field path
 * ({@code spec.routes[0]}) and a message that says what was expected.
 */
public record Problem(String file, int line, int column, String field, String message) implements Comparable<Problem> {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        // Field and message quote the file's own keys and values: keep them one short, printable line.
        field = ProblemText.readable(field);
        message = ProblemText.readable(message);
    }

    /** A problem about a whole file (encoding, size, symlink), reported at its first character. */
    public static Problem ofFile(String file, String message) {
        return new Problem(file, 1, 1, "(file)", message);
    }

    @Override
    public int compareTo(Problem other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + field + ": " + message;
    }
}
