package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logship.localecs.LocalEcsConfig;
import dev.logship.localecs.LocalEcsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Try plan and apply against a local ECS by hand" recipe, as written there (the
 * local-ecs clusters and the plan/apply lines), against a local-ecs on a free port: it ends green.
 */
class ReadmeRecipeTest {
    private static final String README_ENDPOINT = "http://127.0.0.1:4566";

    @Test
    void theByHandRecipeEndsGreen() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String block = readme.substring(readme.indexOf("bin/logship local-ecs --port 4566"));
        block = block.substring(0, block.indexOf("```")).replace("\\\n", " ");
        List<String> lines = block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        LocalEcsConfig.Builder config = LocalEcsConfig.builder();
        Matcher cluster = Pattern.compile("--cluster (\\S+?)(?:/(\\S+))?:(\\d+)").matcher(lines.get(0));
        List<String> clusters = new ArrayList<>();
        while (cluster.find()) {
            clusters.add(cluster.group());
            if (cluster.group(2) == null) {
                config.cluster(cluster.group(1), Integer.parseInt(cluster.group(3)));
            } else {
                config.managedInstances(cluster.group(1), cluster.group(2), Integer.parseInt(cluster.group(3)));
            }
        }
        assertThat(clusters).contains("--cluster managed-ecs/managed:3");
        try (LocalEcsServer ecs = LocalEcsServer.start(config.build())) {
            List<CliRun> runs = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] args = Arrays.stream(line.replace(README_ENDPOINT, ecs.endpoint().toString()).split("\\s+")).skip(1)
                        .toArray(String[]::new);
                runs.add(CliRun.of(args));
            }
            CliRun last = runs.get(runs.size() - 1);
            runs.forEach(r -> System.out.println(r.out() + r.err()));
            assertThat(runs.get(0).out()).doesNotContain("not found");
            assertThat(runs.get(1).exitCode()).as(runs.get(1).out()).isZero();
            assertThat(last.exitCode()).as(last.out()).isZero();
            assertThat(last.out()).contains("Exit 0: in sync");
        }
    }
}
