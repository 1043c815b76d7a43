package dev.logship.manifest;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads YAML into node trees only: nothing is ever constructed, so no tag can instantiate a
 * class. Limits stop hostile input early: few aliases (no billion laughs), shallow nesting,
 * a code point cap. Every failure becomes a {@link Problem} with the position SnakeYAML saw.
 */
final class SafeYaml {
    static final int MAX_FILE_BYTES = 1024 * 1024;
    static final int MAX_ALIASES = 20;
    static final int MAX_NESTING = 32;

    private SafeYaml() {}

    /** Documents of one file, or the problem that stopped parsing. */
    record Parsed(List<Node> documents, Problem problem) {}

    static Parsed compose(String file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Node> documents = new ArrayList<>();
        try {
            for (Node node : yaml.composeAll(new StringReader(text))) {
                if (node != null) {
                    documents.add(node);
                }
            }
            return new Parsed(documents, null);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = "invalid YAML: " + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage());
            return new Parsed(List.of(), mark == null ? Problem.ofFile(file, message)
                    : new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, "(yaml)", message));
        } catch (YAMLException | StackOverflowError e) {
            return new Parsed(List.of(), Problem.ofFile(file, "invalid YAML: " + firstLine(String.valueOf(e.getMessage()))));
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
