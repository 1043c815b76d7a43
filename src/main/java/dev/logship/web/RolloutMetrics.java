package dev.logship.web;

import dev.logship.reconcile.Event;
import dev.logship.rollout.Rollout;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * Rollouts in Prometheus, per policy (one rollout per policy for the commit in force), refreshed
 * at each scrape: {@code logship_rollout_clusters} by phase (pending, inFlight, baking, done,
 * failed, rollingBack, rolledBack), {@code logship_rollout_wave} (the current wave, 0 once every
 * wave is done), {@code logship_rollout_halted} (1 while halted); and
 * {@code logship_rollout_halts_total}, counted from the Halted events as they happen.
 */
public final class RolloutMetrics {
    private final MultiGauge clusters;
    private final MultiGauge wave;
    private final MultiGauge halted;
    private final Counter halts;

    public RolloutMetrics(MeterRegistry registry) {
        clusters = MultiGauge.builder("logship.rollout.clusters").description("Clusters of each rollout by phase").register(registry);
        wave = MultiGauge.builder("logship.rollout.wave").description("The current wave of each rollout (1 = first; 0 = all done)")
                .register(registry);
        halted = MultiGauge.builder("logship.rollout.halted").description("1 while the rollout is halted").register(registry);
        halts = Counter.builder("logship.rollout.halts").description("Rollouts halted (a cluster went Degraded)").register(registry);
    }

    /** Before a scrape: the rollouts in force now (rows of earlier commits' rollouts go away). */
    public void refresh(List<Rollout> rollouts) {
        List<MultiGauge.Row<?>> phaseRows = new ArrayList<>();
        List<MultiGauge.Row<?>> waveRows = new ArrayList<>();
        List<MultiGauge.Row<?>> haltedRows = new ArrayList<>();
        for (Rollout r : rollouts) {
            Tags policy = Tags.of("policy", r.policy());
            r.counts().forEach((phase, n) -> phaseRows.add(MultiGauge.Row.of(policy.and("phase", RolloutViews.name(phase)), n)));
            waveRows.add(MultiGauge.Row.of(policy, r.currentWave() + 1));
            haltedRows.add(MultiGauge.Row.of(policy, r.state() == Rollout.State.HALTED ? 1 : 0));
        }
        clusters.register(phaseRows, true);
        wave.register(waveRows, true);
        halted.register(haltedRows, true);
    }

    /** Hears every recorded event (Controller.onEvent): counts the halts. */
    public void recorded(Event event) {
        if ("Halted".equals(event.type())) {
            halts.increment();
        }
    }
}
