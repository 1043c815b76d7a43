package dev.logship.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class PlanCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("plan: not implemented yet");
        return 1;
    }
}
