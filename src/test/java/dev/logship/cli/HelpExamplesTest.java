package dev.logship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every footer line of every command's {@code --help} (the examples above all) is printed whole,
 * never hard-wrapped mid-URL or mid-path: a command that does not fit goes on with a {@code \}
 * continuation, so what is shown can be copied into a shell as it is.
 */
class HelpExamplesTest {
    @Test
    void everyFooterLineAppearsWholeAndLongCommandsUseBackslashContinuations() {
        CommandLine root = Main.commandLine();
        List<CommandLine> all = new ArrayList<>(List.of(root));
        all.addAll(root.getSubcommands().values());
        for (CommandLine cli : all) {
            String help = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
            List<String> lines = help.lines().toList();
            for (String footer : cli.getCommandSpec().usageMessage().footer()) {
                assertThat(footer.length()).as("%s footer line fits 80 columns: %s", cli.getCommandName(), footer)
                        .isLessThanOrEqualTo(80);
                if (!footer.isBlank()) {
                    assertThat(lines).as("%s --help shows this footer line whole", cli.getCommandName()).contains(footer);
                }
            }
        }
        String plan = root.getSubcommands().get("plan").getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(plan).contains("  logship plan --repo examples/desired-state --cluster prod \\\n"
                + "      --ecs-endpoint http://127.0.0.1:4566");
    }
}
