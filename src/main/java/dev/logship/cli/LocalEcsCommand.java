package dev.logship.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "local-ecs", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class LocalEcsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("local-ecs: not implemented yet");
        return 1;
    }
}
