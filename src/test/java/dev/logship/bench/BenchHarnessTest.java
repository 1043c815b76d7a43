package dev.logship.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness still runs end to end at a tiny size. Timings are never asserted here;
 * only that scenarios report their figures against a bound, with the machine and commit they
 * came from. The default suite runs a quick smoke (the table, scenarios 2 and 5 in this JVM);
 * every scenario at the tiny size (serve and worker processes: about 86 s) is
 * {@link BenchEveryScenarioTest}, which only -Preliability runs.
 */
class BenchHarnessTest {

    @Test
    void theHarnessReportsOneTableWithItsMachineAndCommit() throws Exception {
        String report = BenchMain.run(BenchConfig.tiny().only(Set.of("2", "5")));

        assertThat(report).contains("machine: ").contains(" cores").contains("memory").contains("commit ");
        assertThat(report).contains("| scenario | figure | median | spread | bound / target | ratio |");
        assertThat(report).contains("| 2 no-op resync | ECS calls, warm").contains("| 2 no-op resync | mutating calls in a no-op resync | 0 |");
        assertThat(report).contains("| 5 git at size | one-file change: total");
        assertThat(report).doesNotContain("| 3 cold apply |").doesNotContain("| 6 footprint |");
    }

    @Test
    void optionsPickScenariosSizeAndTimeScale() {
        BenchConfig config = BenchMain.parse(new String[] {"--size", "tiny", "--only", "2,5", "--time-scale", "20", "--repeats", "2"});
        assertThat(config.name()).isEqualTo("tiny");
        assertThat(config.runs("2")).isTrue();
        assertThat(config.runs("3")).isFalse();
        assertThat(config.timeScale()).isEqualTo(20);
        assertThat(config.repeats()).isEqualTo(2);
    }
}
