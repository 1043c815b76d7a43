package dev.logship.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renames Clusters, LogForwarders and ECS clusters to names at the edges of their limits (1, 8,
 * 9 characters; 247 and 248 around the 255 of a task definition family with its "logship-"
 * prefix; 255, 256), the same name everywhere it occurs, so references still resolve and the
 * checks that combine names (tag values of Cluster/forwarder) see every combination.
 */
final class BoundaryNames {
    static final int[] LENGTHS = {1, 8, 9, 247, 248, 255, 256};
    private static final Pattern NAME_LINE = Pattern.compile("(?m)^\\s*(?:name|clusterName):\\s*([A-Za-z0-9_-]+)\\s*$");

    private BoundaryNames() {}

    static void apply(ManifestTree tree, Random random) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (String path : tree.paths()) {
            if (tree.isFile(path)) {
                Matcher m = NAME_LINE.matcher(tree.text(path));
                while (m.find()) {
                    renames.computeIfAbsent(m.group(1), old -> name(LENGTHS[random.nextInt(LENGTHS.length)], random));
                }
            }
        }
        for (String path : tree.paths()) {
            if (tree.isFile(path)) {
                String text = tree.text(path);
                for (Map.Entry<String, String> rename : renames.entrySet()) {
                    text = text.replaceAll("(?<![A-Za-z0-9_-])" + Pattern.quote(rename.getKey()) + "(?![A-Za-z0-9_-])",
                            Matcher.quoteReplacement(rename.getValue()));
                }
                tree.putText(path, text);
            }
        }
    }

    /** A valid ECS name of exactly {@code length} characters: a letter, then letters, digits, '-' and '_'. */
    static String name(int length, Random random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder out = new StringBuilder().append((char) ('a' + random.nextInt(26)));
        while (out.length() < length) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
