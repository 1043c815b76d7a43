package dev.logship.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class ApplyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("apply: not implemented yet");
        return 1;
    }
}
