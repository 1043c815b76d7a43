package dev.logship.bench;

/**
 * One line of the results table: what was measured, its median, its spread (p95 or min..max,
 * as text), the bound or target it is held against, and the median's ratio to that bound
 * (NaN when there is no numeric bound).
 */
record Row(String scenario, String figure, String median, String spread, String bound, double ratio) {

    static Row of(String scenario, String figure, String unit, Stats stats, String spreadKind, Double bound, String boundText) {
        String spread = switch (spreadKind) {
            case "p95" -> "p95 " + Format.number(stats.percentile(95)) + unit;
            case "minmax" -> stats.count() == 1 ? "n=1" : Format.number(stats.min()) + ".." + Format.number(stats.max()) + unit;
            default -> "";
        };
        double ratio = bound == null || bound == 0 ? Double.NaN : stats.median() / bound;
        return new Row(scenario, figure, Format.number(stats.median()) + unit, spread, boundText, ratio);
    }

    /** A target on the 95th percentile: the ratio is p95 / target. */
    static Row p95Target(String scenario, String figure, String unit, Stats stats, double target, String targetText) {
        return new Row(scenario, figure, Format.number(stats.median()) + unit, "p95 " + Format.number(stats.percentile(95)) + unit,
                targetText, stats.percentile(95) / target);
    }

    static Row single(String scenario, String figure, String value, String bound, double ratio) {
        return new Row(scenario, figure, value, "n=1", bound, ratio);
    }

    static Row info(String scenario, String figure, String value) {
        return new Row(scenario, figure, value, "", "", Double.NaN);
    }
}
