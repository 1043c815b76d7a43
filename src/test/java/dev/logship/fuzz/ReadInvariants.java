package dev.logship.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.logship.manifest.Problem;
import dev.logship.model.Snapshot;
import dev.logship.model.SourceFile;
import dev.logship.render.DesiredStates;
import dev.logship.render.ReadResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every read of any tree, however hostile, must satisfy. The position rule, made precise:
 * <ul>
 *   <li>a problem names an entry of the snapshot; the one exception is the empty-tree problem,
 *       which names {@code "."} with field {@code (tree)};</li>
 *   <li>line and column are 1-based and never 0: file-level problems (field {@code (file)}:
 *       size, binary, symlink, submodule) sit at 1:1, invalid UTF-8 at its first bad byte;</li>
 *   <li>in a regular file the line exists: at most one more than the file's YAML line breaks;</li>
 *   <li>field and message are never blank, one line without control or format characters
 *       (a hostile file must not inject terminal escapes into validate's output), and short.</li>
 * </ul>
 * And the outcome is all or nothing: problems and no state, or a state and no problems.
 */
final class ReadInvariants {
    /**
     * A hang or an alias blow-up would run for minutes; a real case takes well under 0.5 s (the
     * slowest, a 1 MiB file, ~0.3 s). 60 s is a hang guard, not a speed goal: 5 s timed out on a
     * 2-core machine at load 25 (the slowest case is printed as a figure instead).
     */
    static final Duration PER_CASE = Duration.ofSeconds(60);
    private static final java.util.concurrent.atomic.AtomicLong SLOWEST_NANOS = new java.util.concurrent.atomic.AtomicLong();
    static final int MAX_TEXT = 1000;

    private ReadInvariants() {}

    /** Reads the snapshot within the time bound and checks every rule; returns the result for more checks. */
    static ReadResult readAndCheck(Snapshot snapshot) {
        long start = System.nanoTime();
        ReadResult result = assertTimeoutPreemptively(PER_CASE, () -> DesiredStates.read(snapshot),
                "reading the tree took longer than " + PER_CASE);
        SLOWEST_NANOS.accumulateAndGet(System.nanoTime() - start, Math::max);
        assertThat(result).isNotNull();
        // read() turns an exception (a bug) into a problem so no commit vanishes; the fuzzer still counts it a failure
        assertThat(result.internalError()).as("logship failed on the tree: %s", result.problems()).isNull();
        if (result.problems().isEmpty()) {
            assertThat(result.state()).as("a tree without problems renders a state").isNotNull();
            return result;
        }
        assertThat(result.state()).as("never a partial apply: no state when there is any problem").isNull();
        Map<String, SourceFile> entries = snapshot.files().stream()
                .collect(Collectors.toMap(SourceFile::path, Function.identity(), (a, b) -> a));
        for (Problem problem : result.problems()) {
            checkPosition(problem, entries);
        }
        return result;
    }

    private static void checkPosition(Problem problem, Map<String, SourceFile> entries) {
        String shown = problem.toString();
        String where = "problem " + (shown.length() > 300 ? shown.substring(0, 300) + "..." : shown);
        assertThat(problem.message()).as(where).isNotBlank();
        assertThat(problem.field()).as(where).isNotBlank();
        for (String text : new String[] {problem.message(), problem.field()}) {
            assertThat(text.length()).as(where + ": stays readable, not an echo of a huge value").isLessThanOrEqualTo(MAX_TEXT);
            assertThat(text.codePoints().filter(ReadInvariants::isControl).findAny())
                    .as(where + ": one line, no control characters (terminal escapes) from the file").isEmpty();
        }
        assertThat(problem.line()).as(where + ": line is 1-based").isGreaterThanOrEqualTo(1);
        assertThat(problem.column()).as(where + ": column is 1-based").isGreaterThanOrEqualTo(1);
        if (problem.file().equals(".")) {
            assertThat(problem.field()).as(where + ": only the tree-level problem names \".\"").isEqualTo("(tree)");
            return;
        }
        assertThat(entries).as(where + ": names a file of the tree").containsKey(problem.file());
        SourceFile entry = entries.get(problem.file());
        if (entry.kind() != SourceFile.Kind.FILE) {
            assertThat(problem.line()).as(where).isEqualTo(1);
            return;
        }
        assertThat(problem.line()).as(where + ": line exists in the file").isLessThanOrEqualTo(yamlLineBreaks(entry.content()) + 1);
    }

    /** The slowest read so far in this JVM, for the figures in docs/reliability-fuzz.md. */
    static Duration slowest() {
        return Duration.ofNanos(SLOWEST_NANOS.get());
    }

    static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    /** Line breaks as YAML counts them: \r\n, \r, \n, NEL, LS, PS (so SnakeYAML's lines are in range). */
    static int yamlLineBreaks(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        int breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                breaks++;
            }
        }
        return breaks;
    }
}
