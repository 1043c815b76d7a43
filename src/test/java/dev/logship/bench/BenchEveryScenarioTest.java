package dev.logship.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every bench scenario at the tiny size, serve and worker processes included (about 86 s):
 * run by -Preliability only (the default suite excludes this class rather than skipping it;
 * {@link BenchHarnessTest} is the default suite's quick smoke).
 */
class BenchEveryScenarioTest {

    @Test
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
}
