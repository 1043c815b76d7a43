package dev.logship.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("validate: not implemented yet");
        return 1;
    }
}
