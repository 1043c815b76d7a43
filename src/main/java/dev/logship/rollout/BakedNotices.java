package dev.logship.rollout;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * "Healthy on the new commit and baked", told so people can read it at fleet scale: one notice per
 * cluster in a wave of up to {@link #PER_CLUSTER_UP_TO} clusters; for a larger wave, one notice
 * when its last changed cluster has baked ("150 clusters of wave staging are Healthy ..."), not
 * 150 lines in the events and 150 notifications.
 */
final class BakedNotices {
    static final int PER_CLUSTER_UP_TO = 10;

    private BakedNotices() {}

    /** {@code baked}: the clusters that reached DONE in this step (the commit changed them). */
    static void add(Map<String, ClusterRun> runs, List<String> baked, IntFunction<String> waveName, List<Notice> notices) {
        Set<Integer> summarised = new LinkedHashSet<>();
        for (String name : baked) {
            int wave = runs.get(name).wave();
            List<ClusterRun> ofWave = runs.values().stream().filter(r -> r.wave() == wave).toList();
            if (ofWave.size() <= PER_CLUSTER_UP_TO) {
                notices.add(Notice.of("Applied", name, name + " is Healthy on the new commit and has baked"));
            } else if (ofWave.stream().allMatch(r -> r.phase() == Phase.DONE) && summarised.add(wave)) {
                long changed = ofWave.stream().filter(ClusterRun::changed).count();
                notices.add(Notice.of("Applied", "", changed + " clusters of wave " + waveName.apply(wave)
                        + " are Healthy on the new commit and have baked" + (changed < ofWave.size()
                        ? " (" + (ofWave.size() - changed) + " more were not changed by it)" : "")));
            }
        }
    }
}
