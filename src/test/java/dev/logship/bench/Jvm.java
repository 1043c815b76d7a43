package dev.logship.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a bench process's JVM is started: which build of logship (this one, or a baseline's
 * classes given with {@code --baseline-classes}) and which JVM flags (the JVM's defaults, or
 * the launcher's flags for {@code serve}).
 */
record Jvm(String label, String classesDir, List<String> flags, Map<String, String> environment) {
    Jvm(String label, String classesDir, List<String> flags) {
        this(label, classesDir, flags, Map.of());
    }

    /** The JVM flags bin/logship gives serve (read from the launcher; BENCHMARKS.md, "Memory", says why each). */
    static final List<String> SERVE_FLAGS = LauncherFlags.serve();

    /** The JVM flags bin/logship gives the CLI commands (apply, plan ...): C1 only, the serial collector. */
    static final List<String> CLI_FLAGS = LauncherFlags.cli();

    static final Jvm CURRENT = new Jvm("this build, JVM defaults", null, List.of());

    Jvm withFlags(String newLabel, List<String> moreFlags) {
        return new Jvm(newLabel, classesDir, moreFlags, environment);
    }

    /** With environment variables for the process (the launcher's MALLOC_ARENA_MAX for serve). */
    Jvm withEnvironment(Map<String, String> env) {
        return new Jvm(label, classesDir, flags, Map.copyOf(env));
    }

    /** The launcher's serve: its JVM flags and its environment. */
    static Jvm launcherServe(String newLabel) {
        return CURRENT.withFlags(newLabel, SERVE_FLAGS).withEnvironment(LauncherFlags.serveEnvironment());
    }

    /** A baseline build: its main classes in place of this build's, the same test classes and dependencies. */
    static Jvm baseline(String classesDir) {
        return new Jvm("baseline build, JVM defaults", classesDir, List.of());
    }

    List<String> command(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(flags);
        String extra = System.getProperty("bench.jvmFlags"); // e.g. -XX:StartFlightRecording=filename=DIR/ to profile each bench process
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (System.getProperty("bench.diagnose") != null) {
            cmd.add("-XX:NativeMemoryTracking=summary"); // for ScaleApply.diagnose
        }
        cmd.addAll(List.of("-cp", classpath(), main.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private String classpath() {
        String current = System.getProperty("java.class.path");
        if (classesDir == null) {
            return current;
        }
        List<String> out = new ArrayList<>();
        out.add(classesDir);
        for (String entry : current.split(java.io.File.pathSeparator)) {
            if (!entry.endsWith("target/classes") && !entry.endsWith("target/classes/")) {
                out.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }
}
