package dev.logship.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar logship.jar <command>}. */
@Command(
        name = "logship",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GitOps operator that keeps log forwarders on Amazon ECS equal to a Git repository.",
        subcommands = {
            ValidateCommand.class,
            RenderCommand.class,
            IamCommand.class,
            PlanCommand.class,
            ClustersCommand.class,
            ApplyCommand.class,
            ServeCommand.class,
            HistoryCommand.class,
            DemoCommand.class,
            LocalEcsCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Every long option can also be set with an environment variable",
                "LOGSHIP_<OPTION>, e.g. --ecs-endpoint -> LOGSHIP_ECS_ENDPOINT.", "",
                "Example:", "  logship validate examples/desired-state"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setDefaultValueProvider(new EnvironmentDefaults(System.getenv()));
        cli.setExecutionExceptionHandler(new ErrorHandler());
        CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, args) -> {
            if (e instanceof ManifestDirectory.UnusableDirectory) {
                e.getCommandLine().getErr().println("error: " + e.getMessage());
                return 2; // the usage would bury the one line that matters
            }
            return usage.handleParseException(e, args);
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
