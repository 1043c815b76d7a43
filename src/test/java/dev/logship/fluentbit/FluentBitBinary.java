package dev.logship.fluentbit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real Fluent Bit for tests: {@code LOGSHIP_FLUENT_BIT}, then {@code fluent-bit} on PATH,
 * then {@code ../shared/tools/fluent-bit/fluent-bit}. Without one a test is skipped, except
 * under {@code CI=true}, where a missing binary fails (a skip must not pass as proof).
 */
public final class FluentBitBinary {
    private FluentBitBinary() {}

    public static Path require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String message = "no Fluent Bit binary: set LOGSHIP_FLUENT_BIT, put fluent-bit on PATH, or provide "
                    + "../shared/tools/fluent-bit/fluent-bit";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        return found.get();
    }

    static Optional<Path> find() {
        String configured = System.getenv("LOGSHIP_FLUENT_BIT");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                                .map(d -> Path.of(d, "fluent-bit")),
                        Stream.of(Path.of("../shared/tools/fluent-bit/fluent-bit")))
                .filter(Files::isExecutable).findFirst().map(Path::toAbsolutePath);
    }
}
