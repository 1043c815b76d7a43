package dev.logship.fluentbit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real Fluent Bit for tests, looked up in this order: {@code LOGSHIP_FLUENT_BIT},
 * {@code fluent-bit} on PATH, the official package's {@code /opt/fluent-bit/bin/fluent-bit},
 * {@code ../shared/tools/fluent-bit/fluent-bit} beside the project, and (where a Docker daemon
 * answers) the binary copied out of the {@code fluent/fluent-bit:5.1.1} image. Tests that run it
 * carry {@link RequiresFluentBit}: without a binary they are skipped, unless
 * {@code LOGSHIP_REQUIRE_FLUENT_BIT=1} (set by .ci/run), where a skip must not pass as proof.
 */
public final class FluentBitBinary {
    /** The skip reason; scripts/report-fluent-bit-skips.sh counts the skips by this prefix. */
    static final String MISSING = "no Fluent Bit binary: set LOGSHIP_FLUENT_BIT, put fluent-bit on PATH, install the "
            + "official package (/opt/fluent-bit/bin/fluent-bit), provide ../shared/tools/fluent-bit/fluent-bit, "
            + "or start Docker (the binary is copied out of " + FluentBitFromDocker.IMAGE + ")";
    private static volatile Optional<Path> found;

    private FluentBitBinary() {}

    /** The binary, or a failed test (required) or a skipped one (not required) without it. */
    public static Path require() {
        Optional<Path> binary = find();
        if (binary.isEmpty()) {
            if (required()) {
                fail(MISSING + " (LOGSHIP_REQUIRE_FLUENT_BIT=1 turns this skip into a failure)");
            }
            assumeTrue(false, MISSING);
        }
        return binary.get();
    }

    /** CI sets LOGSHIP_REQUIRE_FLUENT_BIT=1 so the tests that run the real binary always run there. */
    public static boolean required() {
        String value = System.getenv("LOGSHIP_REQUIRE_FLUENT_BIT");
        return value != null && !value.isBlank() && !"0".equals(value) && !"false".equalsIgnoreCase(value);
    }

    /** Looked up once per test JVM: the Docker step can take seconds. */
    static Optional<Path> find() {
        Optional<Path> cached = found;
        if (cached == null) {
            synchronized (FluentBitBinary.class) {
                if (found == null) {
                    found = lookUp();
                }
                cached = found;
            }
        }
        return cached;
    }

    private static Optional<Path> lookUp() {
        String configured = System.getenv("LOGSHIP_FLUENT_BIT");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured).toAbsolutePath()).filter(Files::isExecutable);
        }
        Optional<Path> onDisk = candidates().stream().filter(Files::isExecutable).findFirst().map(Path::toAbsolutePath);
        return onDisk.isPresent() ? onDisk : FluentBitFromDocker.copyOut(projectRoot().resolve("target/fluent-bit"));
    }

    private static List<Path> candidates() {
        List<Path> paths = new ArrayList<>();
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, "fluent-bit"))
                .forEach(paths::add);
        paths.add(Path.of("/opt/fluent-bit/bin/fluent-bit"));
        paths.add(projectRoot().resolve("../shared/tools/fluent-bit/fluent-bit").normalize());
        return paths;
    }

    /** Surefire sets {@code basedir}; an IDE runs tests from the project root. */
    static Path projectRoot() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }
}
