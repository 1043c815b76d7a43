package dev.logship.bench;

import java.nio.file.Path;
import java.util.List;

final class GitAtSize {
    private GitAtSize() {}

    static List<Row> run(BenchConfig config, Path work) {
        return List.of();
    }
}
