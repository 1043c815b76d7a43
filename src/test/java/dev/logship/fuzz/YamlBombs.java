package dev.logship.fuzz;

import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The expensive edits: huge values, deep nesting, anchors and alias bombs. Limits are what they test. */
final class YamlBombs {
    private YamlBombs() {}

    static String hugeString(String text, Random random) {
        int[] sizes = {1_000, 70_000, 300_000, 1_100_000};
        String huge = "x".repeat(sizes[random.nextInt(sizes.length)]);
        List<String> lines = TextMutations.lines(text);
        if (random.nextInt(4) == 0) {
            lines.add("  " + huge + ": 1");
        } else {
            TextMutations.replaceValue(lines, random, random.nextBoolean() ? huge : "\"" + huge + "\"");
        }
        return String.join("\n", lines);
    }

    static String deepNesting(String text, Random random) {
        int[] depths = {20, 31, 32, 33, 200, 20_000};
        int depth = depths[random.nextInt(depths.length)];
        String nested = switch (random.nextInt(3)) {
            case 0 -> "[".repeat(depth) + "]".repeat(depth);
            case 1 -> "{a: ".repeat(depth) + "1" + "}".repeat(depth);
            default -> "\n" + blockNesting(Math.min(depth, 400));
        };
        List<String> lines = TextMutations.lines(text);
        TextMutations.replaceValue(lines, random, nested);
        return String.join("\n", lines);
    }

    private static String blockNesting(int depth) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            out.append(" ".repeat(i + 1)).append("k").append(i).append(":\n");
        }
        return out.append(" ".repeat(depth + 1)).append("leaf").toString();
    }

    static String aliases(String text, Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> billionLaughs(random) + "\n---\n" + text;
            case 1 -> text.replaceFirst("(?m)^spec:", "spec: &s") + "\nextra: *s\n";
            case 2 -> text + "\n---\nx: &a [*a]\n";
            case 3 -> text.replaceFirst("(?m)^(\\s+)(\\w+):", "$1<<: *nope\n$1$2:");
            default -> text.replaceFirst("(?m)^metadata:", "base: &b {name: x}\nmetadata:\n  <<: *b\n  <<: *b\n_:");
        };
    }

    static String billionLaughs(Random random) {
        int width = 2 + random.nextInt(9);
        int levels = 5 + random.nextInt(25);
        StringBuilder yaml = new StringBuilder("l0: &l0 [").append(String.join(", ", Collections.nCopies(width, "lol"))).append("]\n");
        for (int level = 1; level < levels; level++) {
            yaml.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(width, "*l" + (level - 1)))).append("]\n");
        }
        return yaml.toString();
    }

}
