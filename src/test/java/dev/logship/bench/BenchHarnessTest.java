package dev.logship.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The benchmark harness still runs end to end at a tiny size. Timings are never asserted here;
 * only that scenarios report their figures against a bound, with the machine and commit they
 * came from. The default suite runs a quick smoke (the table, scenarios 2 and 5 in this JVM);
 * every scenario at the tiny size (serve and worker processes: about 86 s) runs with
 * {@code -Dbench.smoke=all}, which -Preliability sets.
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
    @EnabledIfSystemProperty(named = "bench.smoke", matches = "all")
    void everyScenarioRunsAtATinySizeAndReportsOneTable() throws Exception {
        String report = BenchMain.run(BenchConfig.tiny());

        assertThat(report).contains("machine: ").contains(" cores").contains("memory").contains("commit ");
        assertThat(report).contains("| scenario | figure | median | spread | bound / target | ratio |");
        assertThat(report).contains("| 2 no-op resync | ECS calls, warm").contains("| 2 no-op resync | mutating calls in a no-op resync | 0 |");
        assertThat(report).contains("| 3 cold apply | logship wall").contains("| 3 cold apply | throttling errors reaching logship's status | 0 |");
        assertThat(report).contains("| 4 naive script | second run: revisions registered, script vs logship | 14 | n=1 | logship 0 |");
        assertThat(report).contains("| 5 git at size | one-file change: total");
        assertThat(report).contains("| 1 push to applied | push + webhook -> UpdateService (3 pushes)");
        assertThat(report).contains("| 6 footprint | start to ready, 3 clusters").contains("| 6 footprint | idle CPU, 12 clusters");
        assertThat(report).contains("| 9 rollout | push to last wave done (12 clusters, waves 1/1/4/6");
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
