package dev.logship.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house's figures from ARCHITECTURE.md, held by a test so they cannot drift silently: no
 * main source file (Java, or the page's scripts) over 250 lines, and the median Java file under
 * 60. Cycles and upward imports are held by {@link PackageRulesTest}. A file that outgrows the
 * limit is named with its length, so the fix (split it along a seam) starts from the message.
 */
class HouseFiguresTest {
    private static final int MAX_LINES = 250;
    private static final int MEDIAN_BELOW = 60;

    @Test
    void noMainFileIsOverTwoHundredFiftyLines() throws IOException {
        Map<String, Integer> tooLong = new TreeMap<>();
        for (Path file : sources(Path.of("src/main/java"), ".java")) {
            lines(file, tooLong);
        }
        for (Path file : sources(Path.of("src/main/resources/web"), ".js")) {
            lines(file, tooLong);
        }
        tooLong.values().removeIf(n -> n <= MAX_LINES);
        assertThat(tooLong).as("files over " + MAX_LINES + " lines").isEmpty();
    }

    @Test
    void theMedianJavaFileStaysShort() throws IOException {
        List<Integer> lengths = sources(Path.of("src/main/java"), ".java").stream().map(HouseFiguresTest::count).sorted().toList();
        assertThat(lengths).as("main Java files").hasSizeGreaterThan(100);
        assertThat(lengths.get(lengths.size() / 2)).as("the median main Java file's lines").isLessThan(MEDIAN_BELOW);
    }

    private static List<Path> sources(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void lines(Path file, Map<String, Integer> into) {
        into.put(file.toString(), count(file));
    }

    private static int count(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return (int) lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
