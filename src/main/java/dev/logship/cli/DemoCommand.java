package dev.logship.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("demo: not implemented yet");
        return 1;
    }
}
