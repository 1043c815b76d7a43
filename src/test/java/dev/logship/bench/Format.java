package dev.logship.bench;

import java.util.List;
import java.util.Locale;

/** Numbers and the results table as text (a Markdown table, readable in a terminal too). */
final class Format {
    private Format() {}

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "" : String.format(Locale.ROOT, "%.2fx", r);
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | figure | median | spread | bound / target | ratio |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append("| ").append(r.scenario()).append(" | ").append(r.figure()).append(" | ").append(r.median())
                    .append(" | ").append(r.spread()).append(" | ").append(r.bound()).append(" | ")
                    .append(ratio(r.ratio())).append(" |\n");
        }
        return out.toString();
    }
}
