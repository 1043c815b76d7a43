package dev.logship.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "render", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class RenderCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("render: not implemented yet");
        return 1;
    }
}
