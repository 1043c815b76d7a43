package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code logship --help} lists every command with a summary that is a whole sentence, not cut mid-way. */
class TopLevelHelpTest {

    @Test
    void everyCommandSummaryIsACompleteSentence() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        Map<String, String> summaries = summaries(out.toString());
        assertThat(summaries.keySet()).containsAll(cli.getSubcommands().keySet());
        summaries.forEach((command, summary) -> assertThat(summary).as("summary of %s", command)
                .matches("[A-Z].*[.]").doesNotContain("  "));
    }

    /** Command name -> its summary, continuation lines joined, from the "Commands:" section. */
    private static Map<String, String> summaries(String help) {
        Map<String, String> summaries = new LinkedHashMap<>();
        String section = help.substring(help.indexOf("Commands:") + "Commands:".length());
        section = section.substring(0, section.indexOf("\n\n") < 0 ? section.length() : section.indexOf("\n\n"));
        String current = null;
        for (String line : section.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("  ") && !line.startsWith("   ")) {
                String[] parts = line.strip().split("\\s+", 2);
                current = parts[0];
                summaries.put(current, parts.length > 1 ? parts[1] : "");
            } else if (current != null) {
                summaries.merge(current, line.strip(), (a, b) -> a + " " + b);
            }
        }
        return summaries;
    }
}
