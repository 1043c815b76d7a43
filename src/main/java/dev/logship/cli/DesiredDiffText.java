package dev.logship.cli;

import dev.logship.diff.DesiredDiff;
import dev.logship.diff.FieldDiff;
import dev.logship.rollout.WavePlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pull request's plan in words: as text for a terminal, Markdown for a review comment, JSON
 * for a script. Field values are already masked where a route may sit ({@link FieldDiff#masked}).
 */
final class DesiredDiffText {
    private final String base;
    private final String head;
    private final DesiredDiff diff;
    private final List<WavePlan> waves;
    private final int baseProblems;
    private final Map<String, String> waveOf = new LinkedHashMap<>();

    DesiredDiffText(String base, String head, DesiredDiff diff, List<WavePlan> waves, int baseProblems) {
        this.base = base;
        this.head = head;
        this.diff = diff;
        this.waves = waves;
        this.baseProblems = baseProblems;
        for (WavePlan plan : waves) {
            for (WavePlan.WaveClusters wave : plan.waves()) {
                wave.clusters().forEach(m -> waveOf.put(m.cluster(), "wave " + wave.number() + " of " + plan.waves().size()
                        + " (" + wave.name() + ", policy " + plan.policy() + ")"));
            }
        }
    }

    String text() {
        StringBuilder out = new StringBuilder("Desired state from " + base + " to " + head + " (Git only: live ECS was not read).\n");
        baseNote(out);
        String cluster = null;
        for (DesiredDiff.ForwarderChange c : diff.changes()) {
            if (!c.cluster().equals(cluster)) {
                cluster = c.cluster();
                out.append("\ncluster ").append(cluster).append(", ").append(wave(cluster)).append(":\n");
            }
            out.append("  ").append(sign(c)).append(' ').append(c.forwarder()).append(" (").append(c.workload()).append(")\n");
            c.fields().forEach(f -> out.append("      ").append(field(f)).append('\n'));
        }
        if (diff.isEmpty()) {
            out.append("\nNo forwarder changes on any cluster.\n");
        } else if (!waves.isEmpty()) {
            out.append(WavesText.render(head, waves));
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder("### logship plan: `" + code(base) + "` → `" + code(head) + "`\n\n");
        if (diff.isEmpty()) {
            out.append("No forwarder changes on any cluster.");
        } else {
            out.append("The head changes **").append(count()).append("** (rendered from Git alone: live ECS was not read).");
        }
        out.append("\n\n");
        if (baseProblems > 0) {
            out.append("> The base does not validate (").append(baseProblems)
                    .append(" problems): every forwarder of the head is shown as added.\n\n");
        }
        if (diff.isEmpty()) {
            return out.toString();
        }
        out.append("| cluster | wave | forwarder | change |\n|---|---|---|---|\n");
        for (DesiredDiff.ForwarderChange c : diff.changes()) {
            out.append("| ").append(cell(c.cluster())).append(" | ").append(cell(wave(c.cluster()))).append(" | ")
                    .append(cell(c.forwarder() + " (" + c.workload() + ")")).append(" | ").append(cell(summary(c))).append(" |\n");
        }
        out.append("\n<details><summary>Changed fields</summary>\n\n```\n");
        for (DesiredDiff.ForwarderChange c : diff.changes()) {
            if (!c.fields().isEmpty()) {
                out.append(c.cluster()).append('/').append(c.forwarder()).append('\n');
                c.fields().forEach(f -> out.append("  ").append(field(f).replace("```", "'''")).append('\n'));
            }
        }
        return out.append("```\n</details>\n").toString();
    }

    static String invalidMarkdown(String head, List<String> problems) {
        StringBuilder out = new StringBuilder("### logship plan: `" + code(head) + "` does not validate\n\n"
                + problems.size() + " problem(s); serve would stall this commit and apply nothing:\n\n```\n");
        problems.forEach(p -> out.append(p.replace("```", "'''")).append('\n'));
        return out.append("```\n").toString();
    }

    Map<String, Object> data() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("base", base);
        out.put("head", head);
        out.put("baseValid", baseProblems == 0);
        out.put("changes", diff.changes().stream().map(c -> {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("cluster", c.cluster());
            change.put("wave", wave(c.cluster()));
            change.put("forwarder", c.forwarder());
            change.put("workload", c.workload());
            change.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
            change.put("fields", c.fields().stream().map(f -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", f.path());
                m.put("old", f.oldValue());
                m.put("new", f.newValue());
                return m;
            }).toList());
            return change;
        }).toList());
        out.put("waves", WavesText.data(waves));
        return out;
    }

    String verdict() {
        return diff.isEmpty() ? "Exit 0: the head changes nothing on any cluster."
                : "Exit 2: the head changes " + count() + " (" + String.join(", ", diff.clusters()) + ").";
    }

    private String count() {
        int forwarders = diff.changes().size();
        int clusters = diff.clusters().size();
        return forwarders + (forwarders == 1 ? " forwarder" : " forwarders") + " on " + clusters
                + (clusters == 1 ? " cluster" : " clusters");
    }

    private void baseNote(StringBuilder out) {
        if (baseProblems > 0) {
            out.append("The base does not validate (").append(baseProblems).append(" problems): every forwarder of the head is shown as added.\n");
        }
    }

    private String wave(String cluster) {
        return waveOf.getOrDefault(cluster, "all at once (no RolloutPolicy)");
    }

    private static String sign(DesiredDiff.ForwarderChange c) {
        return switch (c.kind()) {
            case ADDED -> "+";
            case REMOVED -> "-";
            case CHANGED -> "~";
        };
    }

    private static String summary(DesiredDiff.ForwarderChange c) {
        return switch (c.kind()) {
            case ADDED -> "+ added";
            case REMOVED -> "- removed (pruned where the Cluster allows)";
            case CHANGED -> "~ " + c.fields().size() + (c.fields().size() == 1 ? " field" : " fields");
        };
    }

    private static String field(FieldDiff f) {
        return f.path() + ": " + (f.oldValue() == null ? "(absent)" : f.oldValue()) + " -> "
                + (f.newValue() == null ? "(absent)" : f.newValue());
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String code(String s) {
        return s.replace("`", "'");
    }
}
