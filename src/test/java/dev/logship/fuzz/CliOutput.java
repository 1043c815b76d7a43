package dev.logship.fuzz;

import dev.logship.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The channels of a CLI run in this JVM: picocli's out and err, plus System.err, where
 * Logback's console appender logs and stack traces land. (System.out is not swapped here: doing so made
 * picocli's captured writer stay empty; {@link CliProcess} covers the real process streams.)
 */
record CliOutput(int exitCode, String out, String err, String systemErr) {

    static synchronized CliOutput run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        PrintStream originalErr = System.err;
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
            exitCode = cli.execute(args);
        } finally {
            System.setErr(originalErr);
        }
        return new CliOutput(exitCode, out.toString(), err.toString(),
                systemErr.toString(StandardCharsets.UTF_8));
    }

    String all() {
        return String.join("\n--\n", out, err, systemErr);
    }
}
