package dev.logship.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, p95, min and max of repeated measurements (nearest-rank percentiles). */
record Stats(List<Double> samples) {
    Stats {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        samples = List.copyOf(sorted);
    }

    static Stats of(double... values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return new Stats(list);
    }

    double median() {
        int n = samples.size();
        return n % 2 == 1 ? samples.get(n / 2) : (samples.get(n / 2 - 1) + samples.get(n / 2)) / 2;
    }

    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100 * samples.size());
        return samples.get(Math.max(0, Math.min(samples.size() - 1, rank - 1)));
    }

    double min() {
        return samples.get(0);
    }

    double max() {
        return samples.get(samples.size() - 1);
    }

    int count() {
        return samples.size();
    }
}
